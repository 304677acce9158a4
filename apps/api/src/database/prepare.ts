import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config.js';
import type { Progress } from '../progress.js';
import { createDataSource, migrate } from './data-source.js';
import { ensureDatabase } from './database-url.js';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.js';

export interface PreparedDatabase {
  dataSource: DataSource;
  embedded: RunningPostgres | null;
  migrationsApplied: number;
}

/** Connects to the configured server, or starts the embedded one, and brings the schema up to date. */
export async function prepareDatabase(config: AppConfig, progress: Progress): Promise<PreparedDatabase> {
  let embedded: RunningPostgres | null = null;
  let url = config.databaseUrl;
  if (!url) {
    progress.begin(`Starting embedded PostgreSQL under ${config.dataDir}`);
    embedded = await startEmbeddedPostgres(config.dataDir, (line) => console.log(line));
    url = embedded.urlFor('waymark');
    await ensureDatabase(url);
    progress.done();
  }

  progress.begin('Running database migrations');
  const dataSource = createDataSource(url);
  try {
    await dataSource.initialize();
    const { applied, total } = await migrate(dataSource);
    progress.done(applied.length ? `applied ${applied.join(', ')}` : `schema up to date (${total} migrations)`);
    return { dataSource, embedded, migrationsApplied: total };
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
