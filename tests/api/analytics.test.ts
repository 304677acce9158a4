import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendQuarterlyReturns, useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';
import { caseRows } from '../support/returns-fixtures.js';

/**
 * The analytics answers over HTTP: Arrow by content negotiation, the explorer's files and the
 * disclosure header. What the answers say (arithmetic, scoping, disclosure control) is checked
 * in-process in tests/medium/.
 */
const t = useApi();
const Q1 = 'from=2025-26%20Q1&to=2025-26%20Q1';
const HARTLEPOOL = 'E06000001';

type Indicator = {
  id: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
};

describe('analytics over HTTP', () => {
  let analyst: Client;
  let viewer: Client;

  beforeAll(async () => {
    analyst = await t.as('analyst');
    viewer = await t.as('viewer');
    await sendQuarterlyReturns(t);
    const submitter = await t.as('submitter');
    expect((await submitter.post('/api/returns/case-level', { period: '2025-26 Q1', rows: caseRows(12) })).status).toBe(
      201,
    );
  });

  it('says in a header whether the figures were published or exact', async () => {
    const shown = await viewer.get(`/api/analytics/indicators?${Q1}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('x-disclosure-control')).toMatch(/^applied; [1-9]\d* hidden$/);
    expect((await analyst.get(`/api/analytics/indicators?${Q1}`)).headers.get('x-disclosure-control')).toBe('exact');
  });

  it('gives the same numbers as JSON and as Arrow', async () => {
    const json = (await analyst.get(`/api/analytics/indicators?area=${HARTLEPOOL}&${Q1}`)).body
      .indicators as Indicator[];
    const response = await fetch(`${t.api.baseUrl}/api/analytics/indicators?area=${HARTLEPOOL}&${Q1}`, {
      headers: {
        Cookie: (analyst as unknown as { cookie: string }).cookie,
        Accept: 'application/vnd.apache.arrow.stream',
      },
    });
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    const arrow = table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
    expect(arrow.map((r) => r.id)).toEqual(json.map((r) => r.id));
    for (const [n, row] of arrow.entries()) {
      for (const key of ['numerator', 'denominator', 'value', 'lower', 'upper'] as const)
        expect(row[key], `${String(row.id)}.${key}`).toEqual(json[n][key]);
    }
    const explorerJson = (await analyst.get(`/api/analytics/explorer?source=agency&groupBy=sector&${Q1}`)).body.rows;
    const explorerArrow = await fetch(`${t.api.baseUrl}/api/analytics/explorer?source=agency&groupBy=sector&${Q1}`, {
      headers: {
        Cookie: (analyst as unknown as { cookie: string }).cookie,
        Accept: 'application/vnd.apache.arrow.stream',
      },
    });
    expect(
      tableFromIPC(new Uint8Array(await explorerArrow.arrayBuffer()))
        .toArray()
        .map((r) => r.toJSON()),
    ).toEqual(explorerJson);
  });

  it('exports the explorer table as formula-safe CSV, XLSX and Parquet', async () => {
    const csv = await analyst.download(`/api/analytics/explorer.csv?source=marac&groupBy=lad&${Q1}`);
    expect(csv.status).toBe(200);
    expect(csv.bytes.toString('utf8')).toContain('Area,Returns,Meetings held,Cases discussed');
    expect(csv.bytes.toString('utf8')).toContain(`${HARTLEPOOL},1,3,60,18`);
    expect(
      (await analyst.download(`/api/analytics/explorer.xlsx?source=marac&groupBy=lad&${Q1}`)).bytes
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(
      (await analyst.download(`/api/analytics/explorer.parquet?source=marac&groupBy=lad&${Q1}`)).bytes
        .subarray(0, 4)
        .toString(),
    ).toBe('PAR1');
  });
});
