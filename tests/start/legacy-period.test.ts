import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDataSource, migrate } from '../../apps/api/dist/apps/api/src/database/data-source.js';
import { MIGRATIONS } from '../../apps/api/dist/migrations/index.js';
import { DEMO_PASSWORD, MAIN_JS, startApi } from '../support/api-server.js';
import { createTestDatabase, queryDatabase } from '../support/databases.js';
import { Client, DEMO } from '../support/http.js';
import { MARAC_FIGURES } from '../support/returns-fixtures.js';

const BEFORE_PERIOD_RULE = MIGRATIONS.findIndex((m) => m.name.startsWith('ValidatedValuesOnly'));

describe('a stored return from before the period rule', () => {
  it('never stops Waymark starting: it is logged, left out of the warehouse and reported by warehouse:verify', async () => {
    const db = await createTestDatabase();
    const dataDir = await mkdtemp(join(tmpdir(), 'waymark-legacy-'));
    await chmod(dataDir, 0o755);
    try {
      // An older release let a year before 2000 through; its database holds one such return.
      const old = createDataSource(db.url, MIGRATIONS.slice(0, BEFORE_PERIOD_RULE));
      await old.initialize();
      await migrate(old);
      await old.query(`INSERT INTO area (code, name, type) VALUES ('E06000001', 'Hartlepool', 'lad')`);
      const [{ id: marac }] = await old.query(
        `INSERT INTO marac (name, area_code) VALUES ('Legacy Marac', 'E06000001') RETURNING id`,
      );
      const [{ id: user }] = await old.query(
        `INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('legacy@example.test', 'Legacy', 'x', 'admin') RETURNING id`,
      );
      const [{ id: bad }] = await old.query(
        `INSERT INTO submission (return_type, marac_id, period, version, submitted_by, media_type, original, sha256, row_count)
         VALUES ('marac-quarter', $1, '0999-00 Q1', 1, $2, 'application/json', '\\x7b7d', sha256('{}'), 1) RETURNING id`,
        [marac, user],
      );
      await old.query(`INSERT INTO submission_row (submission_id, row_number, data) VALUES ($1, 1, $2)`, [
        bad,
        JSON.stringify(MARAC_FIGURES),
      ]);
      await old.destroy();

      const api = await startApi({ databaseUrl: db.url, dataDir });
      try {
        expect(api.output()).toContain('1 stored return is left out of the warehouse');
        expect(api.output()).toContain(bad);
        const analyst = await new Client(api.baseUrl).signIn(DEMO.analyst, DEMO_PASSWORD);
        expect((await analyst.get('/api/analytics/indicators?from=2025-26%20Q1&to=2025-26%20Q1')).status).toBe(200);
        // New rows cannot repeat it, even written straight into PostgreSQL.
        await expect(
          queryDatabase(db.url, `UPDATE submission SET period = '0998-99 Q1' WHERE id = $1`, [bad]),
        ).rejects.toThrow(/submission_period_from_2000/);
        // The return is listed, and its values survive the upgrade for someone to correct.
        const admin = await new Client(api.baseUrl).signIn(DEMO.admin, DEMO_PASSWORD);
        expect((await admin.get(`/api/returns/${bad}`)).body).toMatchObject({
          period: '0999-00 Q1',
          rows: [expect.objectContaining({ cases_discussed: MARAC_FIGURES.cases_discussed })],
        });
      } finally {
        await api.stop();
      }

      const cli = MAIN_JS.replace(/main\.js$/, 'cli/warehouse.js');
      const verified = spawnSync(process.execPath, [cli, 'verify'], {
        env: { ...process.env, DATABASE_URL: db.url, WAYMARK_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(verified.stdout).toContain(bad);
      expect(verified.stdout).toMatch(/agrees with PostgreSQL apart from the returns listed above/);
      expect(verified.status).toBe(1);
    } finally {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
