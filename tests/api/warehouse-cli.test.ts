import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/fixture.js';
import { MARAC_FIGURES } from '../support/returns-fixtures.js';

const t = useApi();
const CLI = join(process.cwd(), 'apps/api/dist/apps/api/src/cli/warehouse.js');

describe('npm run warehouse:rebuild and warehouse:verify', () => {
  let dir: string;
  const run = (command: string) =>
    spawnSync(process.execPath, [CLI, command], {
      env: { ...process.env, DATABASE_URL: t.db.url, WAREHOUSE_PATH: join(dir, 'cli.duckdb'), WAYMARK_DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'waymark-cli-'));
    const marac = await t.as('marac');
    expect(
      (await marac.post('/api/returns/marac-quarter', { period: '2025-26 Q1', values: MARAC_FIGURES })).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rebuilds with progress, verifies equal, and reports a tampered warehouse', async () => {
    const rebuilt = run('rebuild');
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/Rebuilding the warehouse/);
    expect(rebuilt.stdout).toMatch(/reading areas, agencies and Maracs/);
    const verified = run('verify');
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/same\s+fact_marac_quarter/);
    expect(verified.stdout).toContain('the warehouse agrees with PostgreSQL');

    const db = await DuckDBInstance.create(join(dir, 'cli.duckdb'));
    const connection = await db.connect();
    await connection.run('UPDATE fact_marac_quarter SET cases_discussed = cases_discussed + 1');
    connection.closeSync();
    db.closeSync();
    const tampered = run('verify');
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/DIFFERENT\s+fact_marac_quarter/);
  });
});
