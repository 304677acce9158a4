import ExcelJS from 'exceljs';
import { AGENCY_QUARTER, CASE_LEVEL, MARAC_QUARTER, type ReturnType } from '@waymark/domain';
import { describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import { AGENCY_FIGURES, caseRows, MARAC_FIGURES, toCsv } from '../support/returns-fixtures.js';

const t = useApi();

/** For each return type: who sends it, a valid set of rows, and a column that holds a number or code. */
const TYPES: { type: ReturnType; who: 'submitter' | 'marac'; rows: Record<string, unknown>[]; target: string }[] = [
  { type: AGENCY_QUARTER, who: 'submitter', rows: [AGENCY_FIGURES], target: 'caseload' },
  { type: MARAC_QUARTER, who: 'marac', rows: [MARAC_FIGURES], target: 'cases_discussed' },
  { type: CASE_LEVEL, who: 'submitter', rows: caseRows(4), target: 'role' },
];

const count = async () => (await queryDatabase<{ n: number }>(t.db.url, 'SELECT count(*)::int AS n FROM submission'))[0].n;

describe.each(TYPES)('$type.title', ({ type, who, rows, target }) => {
  const keys = type.fields.map((f) => f.key);

  it('rejects identifiers in cells and in column names, naming the cells, storing nothing', async () => {
    const client = await t.as(who);
    const before = await count();
    const leaky = rows.map((r, i) => (i === 0 ? { ...r, [target]: 'someone@example.org', nhs_no: '943 476 5919' } : { ...r, nhs_no: '' }));
    const answer = await client.upload(`/api/returns/${type.id}`, { name: 'leak.csv', bytes: toCsv([...keys, 'nhs_no'], leaky) }, { period: '2025-26 Q1' });
    expect(answer.status).toBe(422);
    expect(answer.body.identifiersFound).toBe(true);
    expect(answer.body.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 1, column: 'nhs_no', rule: 'identifier' }),
      expect.objectContaining({ row: 2, column: target, rule: 'identifier', message: expect.stringContaining('an email address') }),
      expect.objectContaining({ row: 2, column: 'nhs_no', rule: 'identifier', message: expect.stringContaining('an NHS number') }),
    ]));
    expect(JSON.stringify(answer.body)).not.toMatch(/someone@example|943 476 5919/);
    expect(await count()).toBe(before);
  });

  it('keeps formula cells inert: never evaluated, reported as text, escaped when echoed', async () => {
    const client = await t.as(who);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Return');
    sheet.addRow(keys);
    for (const r of rows) sheet.addRow(keys.map((k) => (Array.isArray(r[k]) ? (r[k] as string[]).join(';') : typeof r[k] === 'boolean' ? (r[k] ? 'yes' : 'no') : r[k])));
    const column = keys.indexOf(target) + 1;
    sheet.getRow(2).getCell(column).value = { formula: 'HYPERLINK("http://example.invalid","x")', result: 'x' } as ExcelJS.CellFormulaValue;
    const answer = await client.upload(`/api/returns/${type.id}`, { name: 'formula.xlsx', bytes: Buffer.from(await book.xlsx.writeBuffer()) }, { period: '2025-26 Q1' });
    expect(answer.status).toBe(422);
    const problem = answer.body.problems.find((p: { column: string }) => p.column === target);
    expect(problem).toMatchObject({ row: 2, rule: expect.stringMatching(/^(whole_number|number|allowed_values)$/) });
    expect(problem.message).toContain(`"'=HYPERLINK(`);
  });

  it('supersedes on resubmission and still returns every old version byte for byte', async () => {
    const client = await t.as(who);
    const period = '2024-25 Q4';
    const fix = (r: Record<string, unknown>) => (type.shape === 'rows' ? { ...r, referral_month: '2025-01' } : r);
    const files = [toCsv(keys, rows.map(fix)), toCsv(keys, rows.map(fix)).replace(/\r\n/g, '\n'), JSON.stringify({ rows: rows.map(fix) })];
    const ids: string[] = [];
    for (const [i, bytes] of files.entries()) {
      const answer = await client.upload(`/api/returns/${type.id}`, { name: `v${i + 1}.${i === 2 ? 'json' : 'csv'}`, bytes }, { period });
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(201);
      expect(answer.body.version).toBe(i + 1);
      ids.push(answer.body.id);
    }
    const versions = (await client.get(`/api/returns/${ids[0]}/versions`)).body;
    expect(versions.map((v: { id: string; current: boolean }) => [v.id, v.current])).toEqual([[ids[2], true], [ids[1], false], [ids[0], false]]);
    for (const [i, id] of ids.entries()) {
      const original = await client.download(`/api/returns/${id}/original`);
      expect(original.bytes.equals(Buffer.from(files[i])), `version ${i + 1}`).toBe(true);
    }
  });
});
