import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportParts } from '../../apps/api/dist/apps/api/src/analytics/row-export.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

/** The export that feeds the warehouse, against a real PostgreSQL: neither side can leave the other waiting. */
describe('exporting rows for the warehouse in parts', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let dir: string;
  const fileOf = (part: number) => join(dir, `part-${part}.csv`);
  /** Queries on the test database other than this one's, still running. */
  const stillRunning = async (pattern: string) =>
    (
      await pool.query(
        `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE $1`,
        [`%${pattern}%`],
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 6 });
    dir = await mkdtemp(join(tmpdir(), 'waymark-export-'));
    await pool.query('CREATE TABLE held (n int)');
    await pool.query('INSERT INTO held SELECT generate_series(1, 10)');
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('yields each part once complete, in the order they finish', async () => {
    const queries = [3, 1, 2].map(
      (n) =>
        `COPY (SELECT g FROM generate_series(1, ${n}) g, pg_sleep(${n === 3 ? 0.5 : 0})) TO STDOUT WITH (FORMAT csv, HEADER)`,
    );
    const parts = [];
    for await (const part of exportParts(pool, queries, fileOf))
      parts.push({ ...part, text: await readFile(part.file, 'utf8') });
    expect(parts.map((p) => p.rows).sort()).toEqual([1, 2, 3]);
    expect(parts.every((p) => p.parts === 3)).toBe(true);
    expect(parts.find((p) => p.rows === 3)!.text).toBe('g\n1\n2\n3\n');
    expect(parts.at(-1)!.rows).toBe(3); // the slow first part came last
  });

  it('cancels the parts still being written when the reader stops early, on the server too', async () => {
    const endless = 'COPY (SELECT g, pg_sleep(0.01) FROM generate_series(1, 100000000) g) TO STDOUT WITH (FORMAT csv)';
    const queries = ['COPY (SELECT 1) TO STDOUT WITH (FORMAT csv)', endless, endless];
    let seen = 0;
    await expect(
      (async () => {
        for await (const part of exportParts(pool, queries, fileOf)) {
          seen += part.rows;
          throw new Error('the warehouse failed to load this part');
        }
      })(),
    ).rejects.toThrow('the warehouse failed to load this part');
    expect(seen).toBe(1);
    // Nothing is left writing for nobody: the server ends the cancelled COPYs.
    for (let i = 0; i < 50 && (await stillRunning('generate_series(1, 100000000)')).length; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await stillRunning('generate_series(1, 100000000)')).toEqual([]);
  });

  it('stops an export that sends nothing for too long, and the reader hears why', async () => {
    const holder = await pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE held IN ACCESS EXCLUSIVE MODE'); // the export waits on this and sends nothing
      const started = Date.now();
      await expect(
        (async () => {
          for await (const part of exportParts(
            pool,
            ['COPY (SELECT n FROM held) TO STDOUT WITH (FORMAT csv)'],
            fileOf,
            1,
          ))
            void part;
        })(),
      ).rejects.toThrow(/sent no rows for 1 s/);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(await stillRunning('FROM held')).toEqual([]);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
  });
});
