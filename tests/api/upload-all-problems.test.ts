import ExcelJS from 'exceljs';
import { CASE_LEVEL } from '@waymark/domain';
import { describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import { caseRows, toCsv } from '../support/returns-fixtures.js';

const t = useApi();

/** The case-level header with `role` misspelt, and rows whose second (row 3 of the file) has a bad age band. */
const COLUMNS = CASE_LEVEL.fields.map((f) => (f.key === 'role' ? 'rol' : f.key));
const ROWS = caseRows(4).map(({ role, ...r }, i) => ({ ...r, rol: role, ...(i === 1 ? { age_band: 'ancient' } : {}) }));

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Return');
  sheet.addRow(COLUMNS);
  for (const r of ROWS)
    sheet.addRow(
      COLUMNS.map((k) =>
        Array.isArray(r[k]) ? r[k].join(';') : typeof r[k] === 'boolean' ? (r[k] ? 'yes' : 'no') : r[k],
      ),
    );
  return Buffer.from(await book.xlsx.writeBuffer());
}

const FILES = [
  { format: 'CSV', file: () => Promise.resolve({ name: 'episodes.csv', bytes: toCsv(COLUMNS, ROWS) }) },
  { format: 'XLSX', file: async () => ({ name: 'episodes.xlsx', bytes: await workbook() }) },
];

describe.each(FILES)('a $format file with a misspelt column and a bad value', ({ file }) => {
  it('gets both problems in one answer, the missing column once, and nothing is stored', async () => {
    const client = await t.as('submitter');
    const answer = await client.upload('/api/returns/case-level', await file(), { period: '2025-26 Q1' });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      statusCode: 422,
      message: 'The return was not accepted: it has 3 problems. Nothing was stored.',
    });
    expect(answer.body.problems).toEqual([
      { row: 1, column: 'rol', rule: 'unknown_column', message: 'Column "rol" is not part of the case-level return' },
      { row: 1, column: 'role', rule: 'missing_column', message: 'Column "role" (Role) is missing' },
      { row: 3, column: 'age_band', rule: 'allowed_values', message: expect.stringContaining('not "ancient"') },
    ]);
    const [{ n }] = await queryDatabase<{ n: number }>(t.db.url, 'SELECT count(*)::int AS n FROM submission');
    expect(n).toBe(0);
  });
});
