import { describe, expect, it } from 'vitest';
import {
  checkQuarter,
  financialYearOf,
  parseIsoDate,
  parseQuarter,
  quarterDueDate,
  quarterEnd,
  quarterFromIndex,
  quarterIndex,
  quarterLabel,
  quarterOfDate,
  quarterStart,
} from './periods.js';

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

  it('takes no year before 2000-01, so a label can never become "0-01 Q1"', () => {
    for (const label of ['0000-01 Q1', '0999-00 Q1', '1999-00 Q4', '0025-26 Q2'])
      expect(parseQuarter(label), label).toBeNull();
    expect(parseQuarter('2000-01 Q1')).toEqual({ startYear: 2000, quarter: 1 });
    expect(quarterLabel({ startYear: 2000, quarter: 1 })).toBe('2000-01 Q1');
    expect(parseQuarter('２０２５-26 Q1')).toBeNull(); // full-width digits are not a quarter
  });

  it('checks a quarter someone asked about: the right spelling, from 2000-01 Q1 to the quarter after today', () => {
    expect(checkQuarter('2026-27 Q4', '2026-12-01')).toEqual({ quarter: { startYear: 2026, quarter: 4 } });
    expect(checkQuarter('2027-28 Q1', '2026-12-01')).toMatchObject({
      problem: expect.stringMatching(/too far ahead: the latest quarter is 2026-27 Q4/),
    });
    for (const raw of ['2025 Q1', ['2025-26 Q1', '2025-26 Q2'], undefined, '1999-00 Q4'])
      expect(checkQuarter(raw, '2026-12-01')).toHaveProperty('problem');
  });

  it('reads only calendar dates that exist, in the years Waymark takes', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    for (const text of [
      '2024-02-30',
      '2025-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '0999-01-01',
      '2026-3-31',
      '31/03/2026',
      '2026-03-31T00:00',
    ])
      expect(parseIsoDate(text), text).toBeNull();
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
    expect([index - 1, index, index + 1].map((i) => quarterLabel(quarterFromIndex(i)))).toEqual([
      '2024-25 Q3',
      '2024-25 Q4',
      '2025-26 Q1',
    ]);
    expect(financialYearOf(parseQuarter('2025-26 Q4')!)).toBe('2025-26');
  });
});
