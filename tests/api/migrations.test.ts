import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource, migrate } from '../../apps/api/dist/apps/api/src/database/data-source.js';
import { MIGRATIONS } from '../../apps/api/dist/migrations/index.js';

const NAMES = MIGRATIONS.map((m) => m.name);
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/databases.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('build the schema from an empty database and then find nothing more to do', async () => {
    expect(await queryDatabase(db.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).toEqual([]);

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

    const tables = (await queryDatabase<{ table_name: string }>(db.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).map((r) => r.table_name);
    expect(tables).toEqual([
      'adopted_standard', 'agency', 'app_user', 'area', 'audit', 'audit_rating', 'framework_standard', 'marac', 'schema_migrations',
      'standards_adoption', 'standards_framework', 'submission', 'submission_row', 'user_area', 'user_session',
    ]);
    expect((await queryDatabase<{ name: string }>(db.url, 'SELECT name FROM schema_migrations ORDER BY id')).map((r) => r.name)).toEqual(NAMES);
  });

  it('refuse data that breaks the rules the schema owns', async () => {
    const reject = (sql: string) => expect(queryDatabase(db.url, sql)).rejects.toThrow();
    await reject("INSERT INTO area (code, name, type) VALUES ('NOTACODE', 'x', 'lad')");
    await reject("INSERT INTO area (code, name, type) VALUES ('E06000001', 'x', 'county')");
    await reject("INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('x@y.z', 'x', 'h', 'agency_submitter')");
    await reject("INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('x@y.z', 'x', 'h', 'superuser')");
    // A submission belongs to exactly one agency or Marac, and names a real quarter.
    await reject("INSERT INTO submission (return_type, period, version, submitted_by, media_type, original, sha256, row_count) VALUES ('agency-quarter', '2025-26 Q1', 1, gen_random_uuid(), 'text/csv', '', sha256(''), 1)");
  });

  it('are forward-only', async () => {
    const source = createDataSource(db.url);
    await source.initialize();
    await expect(source.undoLastMigration()).rejects.toThrow(/forward-only/);
    await source.destroy();
  });
});
