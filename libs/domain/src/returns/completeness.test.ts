import { describe, expect, it } from 'vitest';
import { returnStatus, ukDate } from './completeness.js';

describe('return status', () => {
  it('is on time when the first version arrived by the due date, whatever came later', () => {
    expect(returnStatus('2025-07-30', '2025-07-30', '2026-01-01')).toBe('returned');
    expect(returnStatus('2025-07-31', '2025-07-30', '2026-01-01')).toBe('late');
  });

  it('is missing only once the due date has passed', () => {
    expect(returnStatus(null, '2025-07-30', '2025-07-30')).toBe('not_yet_due');
    expect(returnStatus(null, '2025-07-30', '2025-07-31')).toBe('missing');
  });

  it('dates by the UK calendar: 23:30 UTC on 31 March in summer time is already 1 April', () => {
    expect(ukDate(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
    expect(ukDate(new Date('2026-01-31T23:30:00Z'))).toBe('2026-01-31');
  });
});
