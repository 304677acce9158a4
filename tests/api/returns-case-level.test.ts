import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Bool, Field, List, makeTable, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { CASE_LEVEL } from '@waymark/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';
import { breakRule, caseRows, toCsv } from '../support/returns-fixtures.js';

const t = useApi();
const KEYS = CASE_LEVEL.fields.map((f) => f.key);
const ROWS = caseRows(12);

async function toParquet(rows: Record<string, unknown>[]): Promise<Buffer> {
  const base = join(tmpdir(), `waymark-test-${randomBytes(6).toString('hex')}`);
  await writeFile(`${base}.json`, JSON.stringify(rows));
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (SELECT * FROM read_json_auto('${base}.json')) TO '${base}.parquet' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
  const bytes = await readFile(`${base}.parquet`);
  await rm(`${base}.json`);
  await rm(`${base}.parquet`);
  return bytes;
}

function toArrow(rows: Record<string, unknown>[]): Uint8Array {
  const columns = Object.fromEntries(
    CASE_LEVEL.fields.map((f) => {
      const values = rows.map((r) => r[f.key] ?? null);
      const type =
        f.kind === 'codes'
          ? new List(new Field('item', new Utf8(), true))
          : f.kind === 'yes_no'
            ? new Bool()
            : new Utf8();
      return [f.key, vectorFromArray(values, type)];
    }),
  );
  return tableToIPC(makeTable(columns as never), 'stream');
}

async function toXlsx(rows: Record<string, unknown>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Return');
  sheet.addRow(KEYS);
  for (const r of rows)
    sheet.addRow(
      KEYS.map((k) =>
        Array.isArray(r[k]) ? (r[k] as string[]).join(';') : typeof r[k] === 'boolean' ? (r[k] ? 'yes' : 'no') : r[k],
      ),
    );
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('the case-level return', () => {
  let submitter: Client;
  beforeAll(async () => {
    submitter = await t.as('submitter');
  });

  it('accepts CSV, XLSX, JSON, Parquet and Arrow, storing identical values from each', async () => {
    const files: [string, Uint8Array | string][] = [
      ['episodes.csv', toCsv(KEYS, ROWS)],
      ['episodes.xlsx', await toXlsx(ROWS)],
      ['episodes.json', JSON.stringify({ rows: ROWS })],
      ['episodes.parquet', await toParquet(ROWS)],
      ['episodes.arrows', toArrow(ROWS)],
    ];
    const stored: unknown[] = [];
    for (const [name, bytes] of files) {
      const answer = await submitter.upload('/api/returns/case-level', { name, bytes }, { period: '2025-26 Q1' });
      expect(answer.status, `${name}: ${JSON.stringify(answer.body).slice(0, 400)}`).toBe(201);
      expect(answer.body.rows).toBe(12);
      stored.push((await submitter.get(`/api/returns/${answer.body.id}`)).body.rows);
    }
    for (const rows of stored) expect(rows).toEqual(ROWS);
    // Each format was sent as a new version of the same quarter's return.
    const versions = (await submitter.get('/api/returns?type=case-level&period=2025-26%20Q1')).body;
    expect(versions).toHaveLength(1);
    expect(versions[0].version).toBe(5);
  });

  it('derives the agency figures from the rows, counting people once by their key', async () => {
    const answer = await submitter.post('/api/returns/case-level', { period: '2025-26 Q1', rows: ROWS });
    expect(answer.status).toBe(201);
    // Hand-counted from the fixture: 12 episodes for 10 people (references 0 and 1 appear twice).
    expect(answer.body.summary.people).toBe(10);
    expect(answer.body.summary.derivedFigures).toMatchObject({
      caseload: 10,
      asked: 10,
      disclosed: 7,
      victims_identified: 8,
      perpetrators_identified: 2,
      referrals_made: 4,
      referrals_made_engaged: 2,
      marac_referrals: 2,
      // Characteristics of the 7 people who disclosed, from each person's latest episode.
      disclosing_gender_female: 5,
      disclosing_gender_male: 2,
      disclosing_ethnic_white: 6,
      disclosing_ethnic_black: 1,
      disclosing_age_18_24: 2,
      disclosing_age_25_34: 1,
      disclosing_age_35_44: 2,
      disclosing_age_45_54: 2,
      disclosing_age_16_17: 0,
    });
  });

  it('rejects each broken rule with 422 naming row, column and rule, and stores nothing', async () => {
    const [{ n: before }] = await queryDatabase<{ n: number }>(t.db.url, 'SELECT count(*)::int AS n FROM submission');
    const valid = ROWS[1]; // disclosed, referred and engaged
    for (const rule of CASE_LEVEL.rules) {
      const { row, column } = breakRule(CASE_LEVEL, rule, valid);
      const answer = await submitter.upload(
        '/api/returns/case-level',
        { name: 'c.csv', bytes: toCsv(KEYS, [ROWS[0], row]) },
        { period: '2025-26 Q1' },
      );
      expect(answer.status, rule.id).toBe(422);
      expect(answer.body.problems, rule.id).toContainEqual({
        row: 3,
        column,
        rule: rule.id,
        message: expect.any(String),
      });
    }
    const cells = await submitter.post('/api/returns/case-level', {
      period: '2025-26 Q1',
      rows: [
        { ...valid, person_key: 'patient-12' },
        { ...valid, referral_month: '2025-09' },
        { ...valid, substances: ['alcohol', 'glue'] },
        { ...valid, role: 'witness' },
      ],
    });
    expect(cells.body.problems).toEqual([
      {
        row: 1,
        column: 'person_key',
        rule: 'keyed_hash',
        message: 'Person key must be a 64-character keyed hash made at your agency',
      },
      {
        row: 2,
        column: 'referral_month',
        rule: 'month_in_period',
        message: "Month of referral 2025-09 is outside the return's quarter (2025-04 to 2025-06)",
      },
      expect.objectContaining({ row: 3, column: 'substances', rule: 'allowed_values' }),
      expect.objectContaining({ row: 4, column: 'role', rule: 'allowed_values' }),
    ]);
    const dob = await submitter.post('/api/returns/case-level', {
      period: '2025-26 Q1',
      rows: [{ ...valid, referral_month: '1984-03-17' }],
    });
    expect(dob.body).toMatchObject({
      identifiersFound: true,
      problems: [expect.objectContaining({ row: 1, column: 'referral_month', rule: 'identifier' })],
    });
    const [{ n: after }] = await queryDatabase<{ n: number }>(t.db.url, 'SELECT count(*)::int AS n FROM submission');
    expect(after).toBe(before);
  });
});
