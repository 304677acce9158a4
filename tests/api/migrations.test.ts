import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource, migrate } from '../../apps/api/dist/apps/api/src/database/data-source.js';
import { MIGRATIONS } from '../../apps/api/dist/migrations/index.js';
import { POSTGRES_TYPES } from '../../apps/api/dist/apps/api/src/returns/stored-rows.js';
import { CASE_LEVEL } from '@waymark/domain';

import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/databases.js';
import { caseRows } from '../support/returns-fixtures.js';

const NAMES = MIGRATIONS.map((m) => m.name);
/** A database at an older release's schema (the migrations before the named one), holding one agency and one administrator. */
async function olderDatabase(url: string, firstMissing: string) {
  const older = createDataSource(url, MIGRATIONS.slice(0, NAMES.indexOf(firstMissing)));
  await older.initialize();
  await migrate(older);
  await older.query(`INSERT INTO area (code, name, type) VALUES ('E06000001', 'Hartlepool', 'lad')`);
  const [{ id: agency }] = await older.query(
    `INSERT INTO agency (name, sector, area_code) VALUES ('Test service', 'drug_alcohol_service', 'E06000001') RETURNING id`,
  );
  const [{ id: user }] = await older.query(
    `INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('a@example.test', 'A', 'x', 'admin') RETURNING id`,
  );
  return { older, agency: agency as string, user: user as string };
}

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('build the schema from an empty database and then find nothing more to do', async () => {
    expect(
      await queryDatabase(db.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"),
    ).toEqual([]);

    const first = createDataSource(db.url);
    await first.initialize();
    const run1 = await migrate(first);
    await first.destroy();
    expect(run1.applied).toEqual(NAMES);
    expect(NAMES[0]).toBe('Spine1795415665883');

    const second = createDataSource(db.url);
    await second.initialize();
    const run2 = await migrate(second);
    expect(await second.showMigrations()).toBe(false); // nothing pending
    await second.destroy();
    expect(run2.applied).toEqual([]);

    const tables = (
      await queryDatabase<{ table_name: string }>(
        db.url,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      )
    ).map((r) => r.table_name);
    expect(tables).toEqual([
      'adopted_standard',
      'agency',
      'app_user',
      'area',
      'audit',
      'audit_event',
      'audit_rating',
      'case_episode',
      'framework_standard',
      'marac',
      'return_schedule',
      'schema_migrations',
      'setup_token',
      'standards_adoption',
      'standards_framework',
      'submission',
      'submission_row',
      'user_area',
      'user_session',
      'warehouse_change',
      'warehouse_outbox',
    ]);
    expect(
      (await queryDatabase<{ name: string }>(db.url, 'SELECT name FROM schema_migrations ORDER BY id')).map(
        (r) => r.name,
      ),
    ).toEqual(NAMES);
  });

  it('refuse data that breaks the rules the schema owns', async () => {
    const reject = (sql: string) => expect(queryDatabase(db.url, sql)).rejects.toThrow();
    await reject("INSERT INTO area (code, name, type) VALUES ('NOTACODE', 'x', 'lad')");
    await reject("INSERT INTO area (code, name, type) VALUES ('E06000001', 'x', 'county')");
    await reject(
      "INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('x@y.z', 'x', 'h', 'agency_submitter')",
    );
    await reject(
      "INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('x@y.z', 'x', 'h', 'superuser')",
    );
    // A submission belongs to exactly one agency or Marac, and names a real quarter.
    await reject(
      "INSERT INTO submission (return_type, period, version, submitted_by, media_type, byte_size, sha256, row_count) VALUES ('agency-quarter', '2025-26 Q1', 1, gen_random_uuid(), 'text/csv', 0, sha256(''), 1)",
    );
    // Uploaded files are not kept: there is nowhere to put one.
    expect(
      await queryDatabase(
        db.url,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'submission' AND data_type = 'bytea' ORDER BY 1",
      ),
    ).toEqual([{ column_name: 'sha256' }]);
  });

  it('give case-level episodes a typed column for every field of the data dictionary', async () => {
    const columns = await queryDatabase<{ column_name: string; type: string }>(
      db.url,
      `SELECT column_name, format_type(atttypid, atttypmod) AS type FROM information_schema.columns c
       JOIN pg_attribute a ON a.attrelid = 'case_episode'::regclass AND a.attname = c.column_name
       WHERE c.table_name = 'case_episode' ORDER BY c.ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.type])).toEqual([
      ['submission_id', 'uuid'],
      ['row_number', 'integer'],
      ...CASE_LEVEL.fields.map((f) => [f.key, POSTGRES_TYPES[f.kind]]),
    ]);
  });

  it('move case-level rows kept as JSON before the typed table into it, whole', async () => {
    const old = await createTestDatabase();
    try {
      const { older, agency, user } = await olderDatabase(old.url, 'CaseEpisodes1795434900000');
      const [episode, other] = caseRows(2);
      const [{ id: submission }] = await older.query(
        `INSERT INTO submission (return_type, agency_id, period, version, submitted_by, media_type, original, sha256, row_count)
         VALUES ('case-level', $1, '2025-26 Q1', 1, $2, 'application/json', '', sha256(''), 2) RETURNING id`,
        [agency, user],
      );
      await older.query(
        `INSERT INTO submission_row (submission_id, row_number, data) VALUES ($1, 1, $2), ($1, 2, $3)`,
        [submission, JSON.stringify(episode), JSON.stringify(other)],
      );
      await older.destroy();

      const after = createDataSource(old.url);
      await after.initialize();
      expect((await migrate(after)).applied).toEqual(NAMES.slice(NAMES.indexOf('CaseEpisodes1795434900000')));
      await after.destroy();
      expect(await queryDatabase(old.url, 'SELECT count(*)::int AS n FROM submission_row')).toEqual([{ n: 0 }]);
      const moved = await queryDatabase<Record<string, unknown>>(
        old.url,
        'SELECT * FROM case_episode ORDER BY row_number',
      );
      expect(moved.map(({ submission_id, row_number, ...rest }) => [submission_id, row_number, rest])).toEqual([
        [submission, 1, episode],
        [submission, 2, other],
      ]);
    } finally {
      await old.drop();
    }
  });

  it('drop the uploaded files kept by older releases, keeping their size, and rewrite the table so the bytes are gone', async () => {
    const old = await createTestDatabase();
    try {
      const { older, agency, user } = await olderDatabase(old.url, 'ValidatedValuesOnly1796162700000');
      // A file whose comment line the validator never read: the kind of thing no longer kept.
      const file = Buffer.from('# seen by SYNTHETIC-MARKER-4411\r\ncaseload\r\n1\r\n');
      const [{ id }] = await older.query(
        `INSERT INTO submission (return_type, agency_id, period, version, submitted_by, media_type, original, sha256, row_count)
         VALUES ('agency-quarter', $1, '2025-26 Q1', 1, $2, 'text/csv', $3, sha256($3), 1) RETURNING id`,
        [agency, user, file],
      );
      const [{ filenode: oldFile }] = await older.query(`SELECT pg_relation_filenode('submission') AS filenode`);
      await older.destroy();

      const after = createDataSource(old.url);
      await after.initialize();
      await migrate(after);
      await after.destroy();
      expect(await queryDatabase(old.url, 'SELECT id, byte_size FROM submission')).toEqual([
        { id, byte_size: file.length },
      ]);
      expect(
        await queryDatabase(
          old.url,
          `SELECT count(*)::int AS n FROM submission t WHERE t::text LIKE '%SYNTHETIC-MARKER%'`,
        ),
      ).toEqual([{ n: 0 }]);
      const [{ filenode: newFile }] = await queryDatabase<{ filenode: string }>(
        old.url,
        `SELECT pg_relation_filenode('submission') AS filenode`,
      );
      expect(newFile).not.toBe(oldFile);
    } finally {
      await old.drop();
    }
  });

  it('put the corrected adult female populations into a database seeded with the men', async () => {
    const old = await createTestDatabase();
    try {
      const { older } = await olderDatabase(old.url, 'FemalePopulationCorrected1796250000000');
      // The first file's "females" for Hartlepool were its 35,755 men aged 16+.
      await older.query(
        `UPDATE area SET females_16plus = 35755, population_source = 'old file' WHERE code = 'E06000001'`,
      );
      await older.destroy();

      const after = createDataSource(old.url);
      await after.initialize();
      expect((await migrate(after)).applied).toEqual(
        NAMES.slice(NAMES.indexOf('FemalePopulationCorrected1796250000000')),
      );
      await after.destroy();
      const [hartlepool] = await queryDatabase<{ females_16plus: number; population_source: string }>(
        old.url,
        `SELECT females_16plus, population_source FROM area WHERE code = 'E06000001'`,
      );
      expect(hartlepool.females_16plus).toBe(39200);
      expect(hartlepool.population_source).toMatch(/females aged 16\+/);
    } finally {
      await old.drop();
    }
  });

  it('are forward-only', async () => {
    const source = createDataSource(db.url);
    await source.initialize();
    await expect(source.undoLastMigration()).rejects.toThrow(/forward-only/);
    await source.destroy();
  });
});
