import { createHash } from 'node:crypto';
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

const count = async () =>
  (await queryDatabase<{ n: number }>(t.db.url, 'SELECT count(*)::int AS n FROM submission'))[0].n;

describe.each(TYPES)('$type.title', ({ type, who, rows, target }) => {
  const keys = type.fields.map((f) => f.key);

  it('rejects identifiers in cells and in column names, naming the cells, storing nothing', async () => {
    const client = await t.as(who);
    const before = await count();
    const leaky = rows.map((r, i) =>
      i === 0 ? { ...r, [target]: 'someone@example.org', nhs_no: '943 476 5919' } : { ...r, nhs_no: '' },
    );
    const answer = await client.upload(
      `/api/returns/${type.id}`,
      { name: 'leak.csv', bytes: toCsv([...keys, 'nhs_no'], leaky) },
      { period: '2025-26 Q1' },
    );
    expect(answer.status).toBe(422);
    expect(answer.body.identifiersFound).toBe(true);
    expect(answer.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, column: 'nhs_no', rule: 'identifier' }),
        expect.objectContaining({
          row: 2,
          column: target,
          rule: 'identifier',
          message: expect.stringContaining('an email address'),
        }),
        expect.objectContaining({
          row: 2,
          column: 'nhs_no',
          rule: 'identifier',
          message: expect.stringContaining('an NHS number'),
        }),
      ]),
    );
    expect(JSON.stringify(answer.body)).not.toMatch(/someone@example|943 476 5919/);
    expect(await count()).toBe(before);
  });

  it('refuses formula cells, naming the cell, and never echoes the formula', async () => {
    const client = await t.as(who);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Return');
    sheet.addRow(keys);
    for (const r of rows)
      sheet.addRow(
        keys.map((k) =>
          Array.isArray(r[k]) ? (r[k] as string[]).join(';') : typeof r[k] === 'boolean' ? (r[k] ? 'yes' : 'no') : r[k],
        ),
      );
    const column = keys.indexOf(target) + 1;
    sheet.getRow(2).getCell(column).value = {
      formula: 'HYPERLINK("http://example.invalid","x")',
      result: 'x',
    };
    const answer = await client.upload(
      `/api/returns/${type.id}`,
      { name: 'formula.xlsx', bytes: Buffer.from(await book.xlsx.writeBuffer()) },
      { period: '2025-26 Q1' },
    );
    expect(answer.status).toBe(422);
    const problem = answer.body.problems.find((p: { column: string }) => p.column === target);
    expect(problem).toMatchObject({
      row: 2,
      rule: 'formula',
      message: expect.stringContaining(
        `Cell ${sheet.getRow(2).getCell(column).address} on sheet "Return" holds a formula`,
      ),
    });
    expect(JSON.stringify(answer.body)).not.toContain('HYPERLINK');
  });

  it('supersedes on resubmission, keeps only checked values, and gives each version back as a CSV that can be sent again', async () => {
    const client = await t.as(who);
    const period = '2024-25 Q4';
    const fix = (r: Record<string, unknown>) => (type.shape === 'rows' ? { ...r, referral_month: '2025-01' } : r);
    const files = [
      toCsv(keys, rows.map(fix)),
      toCsv(keys, rows.map(fix)).replace(/\r\n/g, '\n'),
      JSON.stringify({ rows: rows.map(fix) }),
    ];
    const ids: string[] = [];
    for (const [i, bytes] of files.entries()) {
      const answer = await client.upload(
        `/api/returns/${type.id}`,
        { name: `v${i + 1}.${i === 2 ? 'json' : 'csv'}`, bytes },
        { period },
      );
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(201);
      expect(answer.body.version).toBe(i + 1);
      ids.push(answer.body.id);
    }
    const versions = (await client.get(`/api/returns/${ids[0]}/versions`)).body;
    expect(versions.map((v: { id: string; current: boolean }) => [v.id, v.current])).toEqual([
      [ids[2], true],
      [ids[1], false],
      [ids[0], false],
    ]);
    for (const [i, id] of ids.entries()) {
      const rebuilt = await client.download(`/api/returns/${id}/original`);
      expect(rebuilt.headers.get('content-type')).toMatch(/^text\/csv/);
      // Provenance: the hash and size of the file sent, though the file itself is not kept.
      expect(rebuilt.headers.get('x-original-sha256')).toBe(createHash('sha256').update(files[i]).digest('hex'));
      expect(versions.find((v: { id: string }) => v.id === id).byteSize).toBe(Buffer.byteLength(files[i]));
      // Every version holds the same checked values, so each comes back as the same file, in the template's layout.
      const stored = (await client.get(`/api/returns/${id}`)).body.rows;
      expect(rebuilt.bytes.toString('utf8'), `version ${i + 1}`).toBe('\uFEFF' + toCsv(keys, stored));
      expect(stored).toEqual(type.shape === 'rows' ? rows.map(fix) : rows);
    }
    const again = await client.upload(
      `/api/returns/${type.id}`,
      { name: 'again.csv', bytes: (await client.download(`/api/returns/${ids[0]}/original`)).bytes },
      { period },
    );
    expect(again.status, JSON.stringify(again.body).slice(0, 300)).toBe(201);
  });
});
