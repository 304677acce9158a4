import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL whose user may create and drop databases. */
    pgAdminUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole run: the one named by DATABASE_URL, or an embedded one
 * kept in .test-data/ (initialised once, reused by later runs). Each test file makes its own
 * database on it.
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('pgAdminUrl', process.env.DATABASE_URL);
    return;
  }
  const started = Date.now();
  const server = await startEmbeddedPostgres(join(process.cwd(), '.test-data'));
  console.log(`[tests] embedded PostgreSQL ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  project.provide('pgAdminUrl', server.adminUrl);
  return () => server.stop();
}
