import { describe, expect, it } from 'vitest';
import { quarterLabel } from '../periods.js';
import { reportKind } from './kinds.js';
import { periodInWords, reportPeriod, yearsOf } from './periods.js';

const labels = (p: { from: Parameters<typeof quarterLabel>[0]; to: Parameters<typeof quarterLabel>[0] }) => [
  quarterLabel(p.from),
  quarterLabel(p.to),
];

describe('the periods reports cover', () => {
  it('defaults to the last finished quarter, the last finished financial year, and three years up to it', () => {
    // 2 December 2026: 2026-27 Q2 (July to September) is the last finished quarter; 2025-26 the last finished year.
    expect(labels(reportPeriod(reportKind('marac-steering-group')!, '2026-12-02'))).toEqual([
      '2026-27 Q2',
      '2026-27 Q2',
    ]);
    expect(labels(reportPeriod(reportKind('partnership-performance')!, '2026-12-02'))).toEqual([
      '2025-26 Q1',
      '2025-26 Q4',
    ]);
    expect(labels(reportPeriod(reportKind('needs-assessment')!, '2026-12-02'))).toEqual(['2023-24 Q1', '2025-26 Q4']);
    // Just after a year ends, that year is the last finished one.
    expect(labels(reportPeriod(reportKind('partnership-performance')!, '2027-04-02'))).toEqual([
      '2026-27 Q1',
      '2026-27 Q4',
    ]);
  });

  it('counts back from a chosen end', () => {
    expect(
      labels(reportPeriod(reportKind('partnership-performance')!, '2026-12-02', { startYear: 2024, quarter: 4 })),
    ).toEqual(['2024-25 Q1', '2024-25 Q4']);
    expect(
      labels(reportPeriod(reportKind('marac-steering-group')!, '2026-12-02', { startYear: 2024, quarter: 3 })),
    ).toEqual(['2024-25 Q3', '2024-25 Q3']);
  });

  it('splits a range into financial years, clipped to the quarters asked for', () => {
    expect(yearsOf({ startYear: 2024, quarter: 3 }, { startYear: 2026, quarter: 2 })).toEqual([
      { label: '2024-25', from: '2024-25 Q3', to: '2024-25 Q4' },
      { label: '2025-26', from: '2025-26 Q1', to: '2025-26 Q4' },
      { label: '2026-27', from: '2026-27 Q1', to: '2026-27 Q2' },
    ]);
  });

  it('says a period as a cover would, months first', () => {
    expect(periodInWords({ startYear: 2025, quarter: 2 }, { startYear: 2025, quarter: 2 })).toBe(
      'July to September 2025 (2025-26 Q2)',
    );
    expect(periodInWords({ startYear: 2025, quarter: 4 }, { startYear: 2025, quarter: 4 })).toBe(
      'January to March 2026 (2025-26 Q4)',
    );
    expect(periodInWords({ startYear: 2025, quarter: 1 }, { startYear: 2025, quarter: 4 })).toBe(
      'April 2025 to March 2026 (financial year 2025-26)',
    );
    expect(periodInWords({ startYear: 2026, quarter: 1 }, { startYear: 2026, quarter: 2 })).toBe(
      'April to September 2026 (financial year 2026-27, so far)',
    );
    expect(periodInWords({ startYear: 2023, quarter: 1 }, { startYear: 2025, quarter: 4 })).toBe(
      'April 2023 to March 2026 (financial years 2023-24 to 2025-26)',
    );
    expect(periodInWords({ startYear: 2025, quarter: 2 }, { startYear: 2025, quarter: 3 })).toBe(
      'July to December 2025 (2025-26 Q2 to 2025-26 Q3)',
    );
  });

  it('never reaches back before the first year Waymark takes returns for', () => {
    expect(
      labels(reportPeriod(reportKind('needs-assessment')!, '2026-12-02', { startYear: 2001, quarter: 3 })),
    ).toEqual(['2000-01 Q1', '2001-02 Q3']);
  });
});
