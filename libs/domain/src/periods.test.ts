import { describe, expect, it } from 'vitest';
import { financialYearOf, parseQuarter, quarterDueDate, quarterEnd, quarterFromIndex, quarterIndex, quarterLabel, quarterOfDate, quarterStart } from './periods.js';

describe('financial-year quarters', () => {
  it('reads 2025-26 Q1 as April to June 2025', () => {
    const q = parseQuarter('2025-26 Q1')!;
    expect(quarterStart(q)).toBe('2025-04-01');
    expect(quarterEnd(q)).toBe('2025-06-30');
  });

  it('puts Q4 in January to March of the second year, leap years included', () => {
    const q = parseQuarter('2027-28 Q4')!;
    expect(quarterStart(q)).toBe('2028-01-01');
    expect(quarterEnd(q)).toBe('2028-03-31');
    expect(quarterEnd(parseQuarter('2023-24 Q3')!)).toBe('2023-12-31');
  });

  it('rejects labels whose years do not follow on or whose quarter is out of range', () => {
    expect(parseQuarter('2025-27 Q1')).toBeNull();
    expect(parseQuarter('2025-26 Q5')).toBeNull();
    expect(parseQuarter('2025/26 Q1')).toBeNull();
    expect(parseQuarter('2099-00 Q2')).toEqual({ startYear: 2099, quarter: 2 });
  });

  it('falls due 30 days after the quarter ends unless told otherwise', () => {
    expect(quarterDueDate(parseQuarter('2025-26 Q1')!)).toBe('2025-07-30');
    expect(quarterDueDate(parseQuarter('2025-26 Q3')!, 45)).toBe('2026-02-14');
  });

  it('finds the quarter of a date and orders quarters by index', () => {
    expect(quarterLabel(quarterOfDate('2026-03-31'))).toBe('2025-26 Q4');
    expect(quarterLabel(quarterOfDate('2026-04-01'))).toBe('2026-27 Q1');
    expect(quarterLabel(quarterOfDate('2025-11-15'))).toBe('2025-26 Q3');
    const index = quarterIndex(parseQuarter('2024-25 Q4')!);
    expect([index - 1, index, index + 1].map((i) => quarterLabel(quarterFromIndex(i)))).toEqual(['2024-25 Q3', '2024-25 Q4', '2025-26 Q1']);
    expect(financialYearOf(parseQuarter('2025-26 Q4')!)).toBe('2025-26');
  });
});
