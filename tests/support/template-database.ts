import { join } from 'node:path';
import type pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from '../../apps/api/src/database/database-url.js';
import { DEMO_PASSWORD } from './api-server.js';
import { onAdmin } from './databases.js';
import { templatePrefix } from './template-names.js';

/**
 * What a test's database starts with (for in-process tests, and for a server started on it, which
 * then finds its migrations applied and its demo made). `demo`: migrated, reference data and standards loaded,
 * the demo partnership made (its agencies, Maracs, schedules, adoptions and five accounts) and no
 * returns. `demo-activity`: the same with the demo's two years of invented returns and audits.
 */
export type Contents = 'demo' | 'demo-activity';

const REPO = process.cwd();

/**
 * Migrates and seeds a database as the server's first start does. TypeORM, the migrations and the
 * seeds are loaded here, by the one file that builds a template, not by every file that copies one.
 */
async function fill(url: string, contents: Contents): Promise<void> {
  const [{ createDataSource, migrate }, { seedDemoActivity }, { seedDemo }, { seedReferenceData }, { seedStandards }] =
    await Promise.all([
      import('../../apps/api/dist/apps/api/src/database/data-source.js'),
      import('../../apps/api/dist/seeds/demo-activity.js'),
      import('../../apps/api/dist/seeds/demo.js'),
      import('../../apps/api/dist/seeds/reference-data.js'),
      import('../../apps/api/dist/seeds/standards.js'),
    ]);
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    if (contents === 'demo') {
      await migrate(dataSource);
      await seedReferenceData(dataSource, join(REPO, 'seeds', 'reference'));
      await seedStandards(dataSource, join(REPO, 'seeds', 'standards'));
      await seedDemo(dataSource, DEMO_PASSWORD);
    } else {
      await seedDemoActivity(dataSource);
    }
  } finally {
    await dataSource.destroy();
  }
}

/** Builds the template under a temporary name and renames it when complete, so none is ever seen half-made. */
async function build(admin: pg.Client, name: string, contents: Contents): Promise<void> {
  const building = `${name}_building`;
  await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  // The activity is added to a copy of the plain demo, which is made first if need be.
  const from = contents === 'demo-activity' ? await templateDatabase('demo') : null;
  await admin.query(`CREATE DATABASE ${building}${from ? ` TEMPLATE ${from}` : ''}`);
  await fill(withDatabase(inject('pgAdminUrl'), building), contents);
  await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
}

/**
 * The name of this run's template database with these contents, made by the first test file that
 * asks (files run in separate processes: the others wait on an advisory lock, then copy it). Copying
 * a template takes about a tenth of the time of migrating and seeding (measured: 0.1–0.2 s against
 * 1.2 s for the demo, 3.7 s with its activity). The run drops its templates when it ends
 * (global-setup.ts).
 */
export async function templateDatabase(contents: Contents): Promise<string> {
  const name = `${templatePrefix(inject('testRunId'))}${contents.replace('-', '_')}`;
  return onAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!found.rowCount) await build(admin, name, contents);
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
}
