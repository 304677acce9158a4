import { describe, expect, it } from 'vitest';
import { parseQuarter } from '../periods.js';
import { CASE_LEVEL } from './index.js';
import { validateReturn, type RawTable } from './validate.js';

const Q1 = parseQuarter('2025-26 Q1')!;
const KEY = 'a'.repeat(64);
const episode = { person_key: KEY, referral_month: '2025-05', role: 'victim', asked: 'yes', disclosed: 'no' };

/** A CSV-like table: header on row 1, rows from 2, with `role` misspelt as `rol`. */
function misspeltRole(rows: Record<string, unknown>[]): RawTable {
  const rename = (r: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k === 'role' ? 'rol' : k, v]));
  return {
    headerRow: 1,
    columns: Object.keys(rename(episode)),
    rows: rows.map((r, i) => ({ rowNumber: i + 2, cells: rename(r) })),
  };
}

describe('a file with a wrong header', () => {
  it('also has its values checked, and the missing column is reported once, not once per row', () => {
    const rows = [episode, { ...episode, asked: 'maybe' }, episode];
    const { problems, rows: kept } = validateReturn(CASE_LEVEL, misspeltRole(rows), Q1);
    expect(problems).toEqual([
      { row: 1, column: 'rol', rule: 'unknown_column', message: expect.any(String) },
      { row: 1, column: 'role', rule: 'missing_column', message: 'Column "role" (Role) is missing' },
      {
        row: 3,
        column: 'asked',
        rule: 'yes_no',
        message: 'Asked about the other issue must be yes or no, not "maybe"',
      },
    ]);
    expect(kept).toEqual([]);
  });

  it('does not judge rules that need a missing column', () => {
    const table = misspeltRole([{ ...episode, disclosed: 'yes' }]);
    delete table.rows[0].cells.asked;
    table.columns = table.columns.filter((c) => c !== 'asked');
    const rules = validateReturn(CASE_LEVEL, table, Q1).problems.map((p) => p.rule);
    expect(rules).toContain('missing_column');
    expect(rules).not.toContain('disclosed_only_if_asked');
    expect(rules).toContain('timing_when_disclosed'); // a rule whose columns are all there is still judged
  });
});
