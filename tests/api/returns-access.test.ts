import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  Bool,
  Field,
  List,
  makeTable,
  RecordBatch,
  Schema,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import ExcelJS from 'exceljs';
import { AGENCY_QUARTER, CASE_LEVEL } from '@waymark/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';
import { AGENCY_FIGURES, caseRows, MARAC_FIGURES, toCsv } from '../support/returns-fixtures.js';

const t = useApi();
type Who = 'admin' | 'analyst' | 'viewer' | 'submitter' | 'marac';
const EVERYONE: Who[] = ['admin', 'analyst', 'viewer', 'submitter', 'marac'];
const CASE_KEYS = CASE_LEVEL.fields.map((f) => f.key);
const MARKER = 'SYNTHETIC-MARKER-5217';

/** Statuses of detail, versions and the rebuilt file, and whether detail carried the values. */
async function reads(client: Client, id: string) {
  const detail = await client.get(`/api/returns/${id}`);
  return {
    detail: detail.status,
    values: detail.status === 200 ? Array.isArray(detail.body.rows) : null,
    versions: (await client.get(`/api/returns/${id}/versions`)).status,
    file: (await client.download(`/api/returns/${id}/original`)).status,
  };
}

/** Every text column of every table, searched for a string (what a database dump would show). */
async function tablesHolding(text: string): Promise<string[]> {
  const tables = await queryDatabase<{ table_name: string }>(
    t.db.url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  const found: string[] = [];
  for (const { table_name } of tables) {
    const [{ n }] = await queryDatabase<{ n: number }>(
      t.db.url,
      `SELECT count(*)::int AS n FROM ${table_name} x WHERE x::text LIKE $1`,
      [`%${text}%`],
    );
    if (n > 0) found.push(table_name);
  }
  return found;
}

async function caseParquetWithMetadata(rows: Record<string, unknown>[]): Promise<Buffer> {
  const base = join(tmpdir(), `waymark-test-${randomBytes(6).toString('hex')}`);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(
    `CREATE TABLE episodes AS SELECT * FROM (SELECT unnest(json_transform($rows::JSON, '${JSON.stringify([Object.fromEntries(CASE_LEVEL.fields.map((f) => [f.key, f.kind === 'codes' ? ['VARCHAR'] : f.kind === 'yes_no' ? 'BOOLEAN' : 'VARCHAR']))])}'), recursive := true))`,
    { rows: JSON.stringify(rows) },
  );
  await c.run(`COPY episodes TO '${base}.parquet' (FORMAT parquet, KV_METADATA {note: '${MARKER} parquet'})`);
  c.closeSync();
  db.closeSync();
  const bytes = await readFile(`${base}.parquet`);
  await rm(`${base}.parquet`);
  return bytes;
}

function caseArrowWithMetadata(rows: Record<string, unknown>[]): Uint8Array {
  const table = makeTable(
    Object.fromEntries(
      CASE_LEVEL.fields.map((f) => {
        const type =
          f.kind === 'codes'
            ? new List(new Field('item', new Utf8(), true))
            : f.kind === 'yes_no'
              ? new Bool()
              : new Utf8();
        return [
          f.key,
          vectorFromArray(
            rows.map((r) => r[f.key] ?? null),
            type,
          ),
        ];
      }),
    ) as never,
  );
  const schema = new Schema(table.schema.fields, new Map([['note', `${MARKER} arrow`]]));
  return tableToIPC(
    new Table(
      schema,
      table.batches.map((b) => new RecordBatch(schema, b.data)),
    ),
    'stream',
  );
}

describe('who may read a stored return', () => {
  const clients = {} as Record<Who, Client>;
  let agencyReturn: string;
  let maracReturn: string;
  let caseReturn: string;

  beforeAll(async () => {
    for (const who of EVERYONE) clients[who] = await t.as(who);
    agencyReturn = (
      await clients.submitter.post('/api/returns/agency-quarter', { period: '2025-26 Q1', values: AGENCY_FIGURES })
    ).body.id;
    maracReturn = (
      await clients.marac.post('/api/returns/marac-quarter', { period: '2025-26 Q1', values: MARAC_FIGURES })
    ).body.id;
    caseReturn = (await clients.submitter.post('/api/returns/case-level', { period: '2025-26 Q1', rows: caseRows(6) }))
      .body.id;
    expect([agencyReturn, maracReturn, caseReturn].every(Boolean)).toBe(true);
  });

  it('follows one rule: the sender reads all of it, analysts and administrators the figures of quarterly returns, viewers nothing', async () => {
    const seen: Record<string, unknown> = {};
    for (const who of EVERYONE) {
      seen[`${who} agency-quarter`] = await reads(clients[who], agencyReturn);
      seen[`${who} marac-quarter`] = await reads(clients[who], maracReturn);
      seen[`${who} case-level`] = await reads(clients[who], caseReturn);
    }
    const values = { detail: 200, values: true, versions: 200, file: 200 };
    const listing = { detail: 200, values: false, versions: 200, file: 403 };
    const refused = { detail: 403, values: null, versions: 403, file: 403 };
    const absent = { detail: 404, values: null, versions: 404, file: 404 };
    expect(seen).toEqual({
      'admin agency-quarter': values,
      'admin marac-quarter': values,
      'admin case-level': listing,
      'analyst agency-quarter': values,
      'analyst marac-quarter': values,
      'analyst case-level': listing,
      'viewer agency-quarter': refused,
      'viewer marac-quarter': refused,
      'viewer case-level': refused,
      'submitter agency-quarter': values,
      'submitter marac-quarter': absent,
      'submitter case-level': values,
      'marac agency-quarter': absent,
      'marac marac-quarter': values,
      'marac case-level': absent,
    });
  });

  it('never sends a case-level row to anyone but its agency, whatever the route', async () => {
    const personKeys = caseRows(6).map((r) => String(r.person_key));
    for (const who of ['admin', 'analyst', 'viewer', 'marac'] as const) {
      const answers = [
        await clients[who].get(`/api/returns/${caseReturn}`),
        await clients[who].get(`/api/returns/${caseReturn}/versions`),
        await clients[who].get('/api/returns'),
        await clients[who].get(`/api/returns?type=case-level`),
      ];
      for (const answer of answers)
        for (const key of personKeys) expect(JSON.stringify(answer.body), who).not.toContain(key);
      const file = await clients[who].download(`/api/returns/${caseReturn}/original`);
      for (const key of personKeys) expect(file.bytes.toString('utf8')).not.toContain(key);
    }
    const withheld = (await clients.analyst.get(`/api/returns/${caseReturn}`)).body;
    expect(withheld).toMatchObject({
      rows: null,
      rowCount: 6,
      access: 'listing',
      rowsWithheld: expect.stringMatching(/only ever sent to the agency that made them/),
    });
    const own = (await clients.submitter.get(`/api/returns/${caseReturn}`)).body;
    expect(own.rows.map((r: { person_key: string }) => r.person_key)).toEqual(personKeys);
  });

  it('lists returns only to those who may read them: none for viewers, only their own Marac’s for a coordinator', async () => {
    expect((await clients.viewer.get('/api/returns')).status).toBe(403);
    const marac = (await clients.marac.get('/api/returns')).body as { id: string; maracId: string | null }[];
    expect(marac.map((r) => r.id)).toEqual([maracReturn]);
    expect(
      (await clients.marac.get(`/api/returns?agencyId=${(await clients.submitter.get('/api/auth/me')).body.agencyId}`))
        .body,
    ).toEqual([]);
    const submitter = (await clients.submitter.get('/api/returns')).body as { id: string; access: string }[];
    expect(submitter.map((r) => r.id).sort()).toEqual([agencyReturn, caseReturn].sort());
    const analyst = (await clients.analyst.get('/api/returns')).body as { id: string; access: string }[];
    expect(Object.fromEntries(analyst.map((r) => [r.id, r.access]))).toEqual({
      [agencyReturn]: 'values',
      [maracReturn]: 'values',
      [caseReturn]: 'listing',
    });
  });

  it('tells everyone who has sent a return, but gives its id only to those who may open it', async () => {
    const ids = async (who: Who) =>
      (await clients[who].get('/api/returns/completeness?period=2025-26%20Q1&area=E06000001')).body.items as {
        submissionId: string | null;
        version: number | null;
      }[];
    expect((await ids('viewer')).filter((i) => i.version !== null).map((i) => i.submissionId)).toEqual([null, null]);
    expect(
      (await ids('analyst'))
        .map((i) => i.submissionId)
        .filter(Boolean)
        .sort(),
    ).toEqual([agencyReturn, maracReturn].sort());
    expect((await ids('marac')).map((i) => i.submissionId).filter(Boolean)).toEqual([maracReturn]);
  });
});

describe('what Waymark keeps of an upload', () => {
  it('keeps only the checked values: a workbook’s author, title and notes and a Parquet or Arrow file’s metadata are nowhere in the database', async () => {
    const submitter = await t.as('submitter');
    const book = new ExcelJS.Workbook();
    book.creator = `${MARKER} author`;
    book.lastModifiedBy = `${MARKER} editor`;
    book.title = `${MARKER} title`;
    const sheet = book.addWorksheet('Return');
    sheet.addRow(AGENCY_QUARTER.fields.map((f) => f.key));
    sheet.addRow(AGENCY_QUARTER.fields.map((f) => AGENCY_FIGURES[f.key]));
    sheet.getCell('A2').note = `${MARKER} note`;
    const uploads = [
      { type: 'agency-quarter', file: { name: 'return.xlsx', bytes: Buffer.from(await book.xlsx.writeBuffer()) } },
      { type: 'case-level', file: { name: 'episodes.parquet', bytes: await caseParquetWithMetadata(caseRows(4)) } },
      { type: 'case-level', file: { name: 'episodes.arrows', bytes: caseArrowWithMetadata(caseRows(4)) } },
    ];
    for (const [n, upload] of uploads.entries()) {
      if (upload.type === 'case-level')
        expect(Buffer.from(upload.file.bytes).includes(MARKER), 'the file carries the marker').toBe(true); // the workbook is compressed
      const answer = await submitter.upload(`/api/returns/${upload.type}`, upload.file, {
        period: upload.type === 'case-level' ? '2025-26 Q1' : `2024-25 Q${n + 1}`,
      });
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(201);
      const rebuilt = await submitter.download(`/api/returns/${answer.body.id}/original`);
      expect(rebuilt.bytes.toString('utf8')).not.toContain(MARKER);
      expect(rebuilt.bytes.toString('utf8')).toBe(
        '\uFEFF' +
          toCsv(
            upload.type === 'case-level' ? CASE_KEYS : AGENCY_QUARTER.fields.map((f) => f.key),
            (await submitter.get(`/api/returns/${answer.body.id}`)).body.rows,
          ),
      );
    }
    expect(await tablesHolding(MARKER)).toEqual([]);
    expect(t.api.output()).not.toContain(MARKER);
  });
});
