import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres.js';
import { templatePrefix } from './template-names.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL whose user may create and drop databases. */
    pgAdminUrl: string;
    /** Names this run's template databases (tests/support/template-database.ts), so the run drops its own and no other's. */
    testRunId: string;
  }
}

/** Drops the template databases this run made; test files drop their own databases. */
async function dropTemplates(adminUrl: string, runId: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [templatePrefix(runId)],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * One PostgreSQL server for the whole run: the one named by DATABASE_URL, or an embedded one
 * kept in .test-data/ (initialised once, reused by later runs). Each test file makes its own
 * database on it.
 */
export default async function setup(project: TestProject) {
  const runId = randomBytes(4).toString('hex');
  project.provide('testRunId', runId);
  if (process.env.DATABASE_URL) {
    const adminUrl = process.env.DATABASE_URL;
    project.provide('pgAdminUrl', adminUrl);
    return () => dropTemplates(adminUrl, runId);
  }
  const started = Date.now();
  const server = await startEmbeddedPostgres(join(process.cwd(), '.test-data'));
  console.log(`[tests] embedded PostgreSQL ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  project.provide('pgAdminUrl', server.adminUrl);
  return async () => {
    await dropTemplates(server.adminUrl, runId);
    await server.stop();
  };
}
