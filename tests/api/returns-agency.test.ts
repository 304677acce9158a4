import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { AGENCY_QUARTER } from '@waymark/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';
import { AGENCY_FIGURES, breakRule, toCsv } from '../support/returns-fixtures.js';

const t = useApi({ RETURN_MAX_BYTES: String(256 * 1024) });
const PERIOD = '2025-26 Q1';
const KEYS = AGENCY_QUARTER.fields.map((f) => f.key);

const storedCount = async () =>
  (await queryDatabase<{ n: number }>(t.db.url, 'SELECT count(*)::int AS n FROM submission'))[0].n;

describe('the agency dual-issue return', () => {
  let submitter: Client;
  beforeAll(async () => {
    submitter = await t.as('submitter');
  });

  it('accepts a valid CSV and answers 201 with id, version and a summary', async () => {
    const answer = await submitter.upload(
      '/api/returns/agency-quarter',
      { name: 'q1.csv', bytes: toCsv(KEYS, [AGENCY_FIGURES]) },
      { period: PERIOD },
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      version: 1,
      supersedes: null,
      returnType: 'agency-quarter',
      period: PERIOD,
      rows: 1,
      summary: { figures: AGENCY_FIGURES },
    });
    expect(answer.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects each broken rule with 422 naming row, column and rule, and stores nothing', async () => {
    const before = await storedCount();
    for (const rule of AGENCY_QUARTER.rules) {
      const { row, column } = breakRule(AGENCY_QUARTER, rule, AGENCY_FIGURES);
      const answer = await submitter.upload(
        '/api/returns/agency-quarter',
        { name: `${rule.id}.csv`, bytes: toCsv(KEYS, [row]) },
        { period: '2025-26 Q2' },
      );
      expect(answer.status, rule.id).toBe(422);
      expect(answer.body.problems, rule.id).toContainEqual({
        row: 2,
        column,
        rule: rule.id,
        message: expect.any(String),
      });
    }
    expect(await storedCount()).toBe(before);
  });

  it('rejects bad cells, missing and unknown columns, and a wrong period, listing every problem', async () => {
    const before = await storedCount();
    const columns = KEYS.filter((k) => k !== 'staff').concat('favourite_colour');
    const bad = { ...AGENCY_FIGURES, caseload: -3, asked: 'lots', disclosed: 2.5, favourite_colour: 'blue' };
    const answer = await submitter.upload(
      '/api/returns/agency-quarter',
      { name: 'bad.csv', bytes: toCsv(columns, [bad]) },
      { period: PERIOD },
    );
    expect(answer.status).toBe(422);
    const byRule = (rule: string) => answer.body.problems.filter((p: { rule: string }) => p.rule === rule);
    expect(byRule('missing_column')).toEqual([
      { row: 1, column: 'staff', rule: 'missing_column', message: 'Column "staff" (Staff in post) is missing' },
    ]);
    expect(byRule('unknown_column')[0]).toMatchObject({ row: 1, column: 'favourite_colour' });

    const cells = await submitter.upload(
      '/api/returns/agency-quarter',
      { name: 'bad.csv', bytes: toCsv(KEYS, [bad]) },
      { period: PERIOD },
    );
    expect(cells.body.problems).toEqual(
      expect.arrayContaining([
        { row: 2, column: 'caseload', rule: 'not_negative', message: 'Caseload cannot be negative' },
        {
          row: 2,
          column: 'asked',
          rule: 'whole_number',
          message: 'Asked about the other issue must be a number, not "lots"',
        },
        {
          row: 2,
          column: 'disclosed',
          rule: 'whole_number',
          message: 'Disclosed the other issue must be a whole number',
        },
      ]),
    );

    for (const period of ['2025/26 Q1', '2099-00 Q1', '']) {
      const wrong = await submitter.upload(
        '/api/returns/agency-quarter',
        { name: 'q.csv', bytes: toCsv(KEYS, [AGENCY_FIGURES]) },
        { period },
      );
      expect(wrong.status).toBe(422);
      expect(wrong.body.problems[0]).toMatchObject({
        column: 'period',
        rule: period === '2099-00 Q1' ? 'period_in_future' : 'period_format',
      });
    }
    const twoRows = await submitter.upload(
      '/api/returns/agency-quarter',
      { name: 'q.csv', bytes: toCsv(KEYS, [AGENCY_FIGURES, AGENCY_FIGURES]) },
      { period: PERIOD },
    );
    expect(twoRows.body.problems).toEqual([
      { row: null, column: null, rule: 'one_row', message: 'This return is one row of figures; the file has 2 rows' },
    ]);
    expect(await storedCount()).toBe(before);
  });

  it('rejects identifiers, naming the cells but never repeating them, and keeps nothing of the file', async () => {
    const before = await storedCount();
    const columns = [...KEYS, 'client_name'];
    const answer = await submitter.upload(
      '/api/returns/agency-quarter',
      {
        name: 'leak.csv',
        bytes: toCsv(columns, [{ ...AGENCY_FIGURES, client_name: 'Alex Example', exits: '07700 900123' }]),
      },
      { period: PERIOD },
    );
    expect(answer.status).toBe(422);
    expect(answer.body.identifiersFound).toBe(true);
    expect(answer.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, column: 'client_name', rule: 'identifier' }),
        expect.objectContaining({
          row: 2,
          column: 'client_name',
          rule: 'identifier',
          message: expect.stringContaining('a name'),
        }),
        expect.objectContaining({
          row: 2,
          column: 'exits',
          rule: 'identifier',
          message: expect.stringContaining('a phone number'),
        }),
      ]),
    );
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain('Alex Example');
    expect(text).not.toContain('900123');
    expect(await storedCount()).toBe(before);
  });

  it('never evaluates formulas and never echoes one so that it could run', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Return');
    sheet.addRow(KEYS);
    sheet.addRow(KEYS.map((k) => AGENCY_FIGURES[k]));
    sheet.getCell('A2').value = { formula: 'SUM(B2:C2)', result: 120 };
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const answer = await submitter.upload(
      '/api/returns/agency-quarter',
      { name: 'formula.xlsx', bytes: xlsx },
      { period: PERIOD },
    );
    expect(answer.status).toBe(422);
    expect(answer.body.problems).toContainEqual({
      row: 2,
      column: 'caseload',
      rule: 'formula',
      message: expect.stringContaining('Cell A2 on sheet "Return" holds a formula'),
    });
    expect(JSON.stringify(answer.body)).not.toContain('SUM(');

    const csv = toCsv(KEYS, [{ ...AGENCY_FIGURES, caseload: '=1+1', asked: '@SUM(1)', disclosed: '+2' }]);
    const csvAnswer = await submitter.upload(
      '/api/returns/agency-quarter',
      { name: 'formula.csv', bytes: csv },
      { period: PERIOD },
    );
    expect(csvAnswer.status).toBe(422);
    for (const p of csvAnswer.body.problems) expect(p.message).not.toMatch(/(^|")[=+@-]/);
  });

  it('keeps every version: a resubmission supersedes, and the old version’s checked values come back', async () => {
    const period = '2025-26 Q3';
    const firstFile = toCsv(KEYS, [AGENCY_FIGURES]);
    const first = await submitter.upload(
      '/api/returns/agency-quarter',
      { name: 'first.csv', bytes: firstFile },
      { period },
    );
    const corrected = { ...AGENCY_FIGURES, staff_trained: 9 };
    const second = await submitter.post('/api/returns/agency-quarter', { period, values: corrected });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, supersedes: first.body.id });

    const versions = (await submitter.get(`/api/returns/${second.body.id}/versions`)).body;
    expect(versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions[1]).toMatchObject({
      id: first.body.id,
      supersededBy: second.body.id,
      fileName: 'first.csv',
      mediaType: 'text/csv',
      submittedBy: 'Demo agency data lead',
    });

    const original = await submitter.download(`/api/returns/${first.body.id}/original`);
    expect(original.status).toBe(200);
    expect(original.bytes.toString('utf8')).toBe('\uFEFF' + firstFile);
    expect(original.headers.get('x-original-sha256')).toBe(createHash('sha256').update(firstFile).digest('hex'));
    expect((await submitter.get(`/api/returns/${first.body.id}`)).body.rows).toEqual([AGENCY_FIGURES]);
    expect((await submitter.get(`/api/returns/${second.body.id}`)).body.rows).toEqual([corrected]);
    const [{ n }] = await queryDatabase<{ n: number }>(
      t.db.url,
      'SELECT count(*)::int AS n FROM submission WHERE period = $1 AND is_current',
      [period],
    );
    expect(n).toBe(1);
  });

  it('lets people send returns only for their own agency', async () => {
    const admin = await t.as('admin');
    const agencies = (await admin.get('/api/agencies?area=E06000002')).body;
    const other = await submitter.post('/api/returns/agency-quarter', {
      period: PERIOD,
      agencyId: agencies[0].id,
      values: AGENCY_FIGURES,
    });
    expect(other.status).toBe(403);
    for (const who of ['viewer', 'analyst', 'marac'] as const) {
      expect(
        (await (await t.as(who)).post('/api/returns/agency-quarter', { period: PERIOD, values: AGENCY_FIGURES }))
          .status,
      ).toBe(403);
    }
    const onBehalf = await admin.post('/api/returns/agency-quarter', {
      period: PERIOD,
      agencyId: agencies[0].id,
      values: AGENCY_FIGURES,
    });
    expect(onBehalf.status).toBe(201);
    expect((await submitter.get(`/api/returns/${onBehalf.body.id}`)).status).toBe(404);
    expect((await (await t.as('viewer')).get(`/api/returns/${onBehalf.body.id}`)).status).toBe(403);
    expect((await (await t.as('analyst')).get(`/api/returns/${onBehalf.body.id}`)).status).toBe(200);
  });

  it('answers 413 for a file over the size limit, 415 for an old Excel file and 422 for a broken workbook', async () => {
    const big = toCsv(KEYS, [AGENCY_FIGURES]) + '#'.repeat(300 * 1024);
    expect(
      (await submitter.upload('/api/returns/agency-quarter', { name: 'big.csv', bytes: big }, { period: PERIOD }))
        .status,
    ).toBe(413);
    expect(
      (
        await submitter.upload(
          '/api/returns/agency-quarter',
          { name: 'old.xls', bytes: 'not really excel' },
          { period: PERIOD },
        )
      ).status,
    ).toBe(415);
    const broken = await submitter.upload(
      '/api/returns/agency-quarter',
      { name: 'broken.xlsx', bytes: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]) },
      { period: PERIOD },
    );
    expect(broken.status).toBe(422);
    expect(broken.body.problems[0].rule).toBe('unreadable_xlsx');
    expect((await t.anonymous().get('/api/health')).status).toBe(200);
  });
});
