import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations/index.js';

/** The one TypeORM data source: explicit migrations, never `synchronize` (tests may stop at an older migration). */
export function createDataSource(url: string, migrations = MIGRATIONS): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [], // repositories hold their SQL; TypeORM runs migrations, connections and transactions
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false, // TypeORM would log a failed query's parameters (password hashes among them); the problem filter logs the fault
    extra: { max: 10, application_name: 'waymark-api' },
  });
}

/** Applies pending migrations; returns the names applied now and how many exist in all. */
export async function migrate(dataSource: DataSource): Promise<{ applied: string[]; total: number }> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return { applied: applied.map((m) => m.name), total: dataSource.migrations.length };
}
