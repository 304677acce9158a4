import { spawn } from 'node:child_process';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASE_LEVEL } from '@waymark/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, MAIN_JS, startApi, type RunningApi } from '../support/api-server.js';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/databases.js';
import { Client, DEMO } from '../support/http.js';
import { caseRows, toCsv } from '../support/returns-fixtures.js';

const ROWS = 40_000;
const KEYS = CASE_LEVEL.fields.map((f) => f.key);
const MONTHS: Record<string, string[]> = {
  '2025-26 Q1': ['2025-04', '2025-05', '2025-06'],
  '2025-26 Q2': ['2025-07', '2025-08', '2025-09'],
  '2025-26 Q3': ['2025-10', '2025-11', '2025-12'],
  '2025-26 Q4': ['2026-01', '2026-02', '2026-03'],
};

/** A valid case-level return of ROWS episodes for the quarter. */
function episodes(period: string) {
  const rows = Array.from({ length: ROWS / 12 + 1 }, () => caseRows(12))
    .flat()
    .slice(0, ROWS);
  return {
    name: 'episodes.csv',
    bytes: toCsv(
      KEYS,
      rows.map((r, i) => ({ ...r, referral_month: MONTHS[period][i % 3] })),
    ),
  };
}

/** `npm run warehouse:verify` against the same database and data folder; resolves to its exit code and output. */
function verifyWarehouse(db: TestDatabase, dataDir: string): Promise<{ code: number | null; output: string }> {
  const cli = MAIN_JS.replace(/main\.js$/, 'cli/warehouse.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'verify'], {
      env: { ...process.env, DATABASE_URL: db.url, WAYMARK_DATA_DIR: dataDir },
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** What PostgreSQL holds for a period: each current return with its stored row count. */
async function storedFor(db: TestDatabase, period: string) {
  return queryDatabase<{ id: string; row_count: number; rows: string }>(
    db.url,
    `SELECT s.id, s.row_count, (SELECT count(*) FROM case_episode r WHERE r.submission_id = s.id) + (SELECT count(*) FROM submission_row r WHERE r.submission_id = s.id) AS rows FROM submission s WHERE s.period = $1`,
    [period],
  );
}

describe('crash safety: the API killed in the middle of work', () => {
  let db: TestDatabase;
  let dataDir: string;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'waymark-crash-'));
    await chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Sends the big return, kills the server with SIGKILL when `when` says so, and restarts it on the same stores. */
  async function killDuringUpload(period: string, when: (started: number) => Promise<void>): Promise<string> {
    api = await startApi({ databaseUrl: db.url, dataDir });
    const submitter = await new Client(api.baseUrl).signIn(DEMO.submitter, DEMO_PASSWORD);
    const upload = submitter.upload('/api/returns/case-level', episodes(period), { period }).catch(() => null);
    await when(Date.now());
    api.process.kill('SIGKILL');
    await upload;
    await api.stop();
    api = await startApi({ databaseUrl: db.url, dataDir });
    return api.output();
  }

  it('leaves a return either fully stored or absent when killed mid-ingest, at several moments', async () => {
    const outcomes: string[] = [];
    for (const [period, delay] of [
      ['2025-26 Q1', 200],
      ['2025-26 Q2', 1200],
      ['2025-26 Q3', 2500],
    ] as const) {
      await killDuringUpload(period, () => new Promise((r) => setTimeout(r, delay)));
      const stored = await storedFor(db, period);
      outcomes.push(`killed after ${delay} ms: ${stored.length ? 'fully stored' : 'absent'}`);
      expect(stored.length, period).toBeLessThanOrEqual(1);
      for (const s of stored) expect([s.row_count, Number(s.rows)], period).toEqual([ROWS, ROWS]);
      const answer = await (await new Client(api.baseUrl).signIn(DEMO.analyst, DEMO_PASSWORD)).get('/api/returns');
      expect(answer.body.filter((r: { period: string }) => r.period === period)).toHaveLength(stored.length);
      await api.stop();
      const verified = await verifyWarehouse(db, dataDir);
      expect(verified.code, verified.output).toBe(0);
    }
    console.log(`Crash during ingest of ${ROWS.toLocaleString('en-GB')} rows — ${outcomes.join('; ')}`);
  }, 300_000);

  it('repairs the warehouse at the next start when killed just after the return was committed, during the sync', async () => {
    const period = '2025-26 Q4';
    const output = await killDuringUpload(period, async () => {
      // Kill as soon as PostgreSQL has the return: the warehouse is being brought up to date then.
      const giveUp = Date.now() + 60_000;
      while ((await storedFor(db, period)).length === 0) {
        if (Date.now() > giveUp) throw new Error('The return was never stored');
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    const stored = await storedFor(db, period);
    expect(stored.map((s) => [s.row_count, Number(s.rows)])).toEqual([[ROWS, ROWS]]);
    // Killed before DuckDB committed, the start replays that one change; killed just after, there is nothing to replay. Never a rebuild.
    const start = output.match(
      /Opening the warehouse[\s\S]*?(caught up with PostgreSQL: replayed 1 missed change \(1 return, 0 audits\)|up to date with PostgreSQL)/,
    );
    expect(start, output).not.toBeNull();
    expect(output).not.toMatch(/rebuilt: /);
    console.log(`Killed during the warehouse's sync, the next start said: ${start![1]}`);
    const analyst = await new Client(api.baseUrl).signIn(DEMO.analyst, DEMO_PASSWORD);
    const people = (
      await analyst.get('/api/analytics/indicators?area=E06000001&from=2025-26%20Q4&to=2025-26%20Q4')
    ).body.indicators.find((i: { id: string }) => i.id === 'case_repeat_rate');
    expect(people.denominator).toBeGreaterThan(0);
    await api.stop();
    const verified = await verifyWarehouse(db, dataDir);
    expect(verified.code, verified.output).toBe(0);
  }, 300_000);
});
