import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource, migrate } from '../../apps/api/dist/apps/api/src/database/data-source.js';
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
    expect(run1.applied).toEqual(['Spine1795415665883']);

    const second = createDataSource(db.url);
    await second.initialize();
    const run2 = await migrate(second);
    expect(await second.showMigrations()).toBe(false); // nothing pending
    await second.destroy();
    expect(run2.applied).toEqual([]);

    const tables = (await queryDatabase<{ table_name: string }>(db.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).map((r) => r.table_name);
    expect(tables).toEqual(['agency', 'app_user', 'area', 'marac', 'schema_migrations', 'user_area', 'user_session']);
    expect(await queryDatabase(db.url, 'SELECT name FROM schema_migrations')).toEqual([{ name: 'Spine1795415665883' }]);
  });

  it('refuse data that breaks the rules the schema owns', async () => {
    const reject = (sql: string) => expect(queryDatabase(db.url, sql)).rejects.toThrow();
    await reject("INSERT INTO area (code, name, type) VALUES ('NOTACODE', 'x', 'lad')");
    await reject("INSERT INTO area (code, name, type) VALUES ('E06000001', 'x', 'county')");
    await reject("INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('x@y.z', 'x', 'h', 'agency_submitter')");
    await reject("INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('x@y.z', 'x', 'h', 'superuser')");
  });

  it('are forward-only', async () => {
    const source = createDataSource(db.url);
    await source.initialize();
    await expect(source.undoLastMigration()).rejects.toThrow(/forward-only/);
    await source.destroy();
  });
});
