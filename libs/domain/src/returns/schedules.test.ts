import { describe, expect, it } from 'vitest';
import { defaultReturnType, returnTypesSentBy } from './index.js';
import { checkScheduleQuarters } from './schedules.js';

describe('return schedules', () => {
  it('default to the quarterly return of the owner kind, among the types that kind sends', () => {
    expect(defaultReturnType('agency').id).toBe('agency-quarter');
    expect(defaultReturnType('marac').id).toBe('marac-quarter');
    expect(returnTypesSentBy('marac').map((t) => t.id)).toEqual(['marac-quarter']);
    expect(returnTypesSentBy('agency').map((t) => t.id)).toContain('case-level');
  });

  it('run from a quarter until a later (or the same) quarter, or until further notice', () => {
    expect(checkScheduleQuarters('2025-26 Q2', null, '2026-12-01')).toEqual({ from: '2025-26 Q2', until: null });
    expect(checkScheduleQuarters('2025-26 Q2', '2025-26 Q2', '2026-12-01')).toEqual({
      from: '2025-26 Q2',
      until: '2025-26 Q2',
    });
    expect(checkScheduleQuarters('2025-26 Q2', '2025-26 Q1', '2026-12-01')).toEqual({
      problems: [{ field: 'until', message: expect.stringMatching(/after/) }],
    });
    expect(checkScheduleQuarters('April 2025', 'soon', '2026-12-01')).toEqual({
      problems: [
        { field: 'from', message: 'Enter the first quarter like 2026-27 Q3' },
        { field: 'until', message: 'Enter the last quarter like 2026-27 Q3' },
      ],
    });
  });
});
