import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Warehouse } from '@waymark/analytics';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import { sameOriginWrites } from './common/same-origin.js';
import { strictJsonBody } from './common/json-body.js';
import { ProblemFilter } from './common/problem.filter.js';
import { answerBrokenRequests, checkAddress } from './common/request-checks.js';
import { seedDemoActivity } from '../../../seeds/demo-activity.js';
import { seedDemo, type DemoAccount } from '../../../seeds/demo.js';
import { requestContext } from './audit-events/request-context.js';
import { seedReferenceData } from '../../../seeds/reference-data.js';
import { seedStandards } from '../../../seeds/standards.js';
import { AppModule } from './app.module.js';
import { loadConfig, type AppConfig } from './config.js';
import { prepareDatabase } from './database/prepare.js';
import { ensureWarehouse } from './analytics/ensure-warehouse.js';
import { PostgresWarehouseSource } from './analytics/postgres-source.js';
import { repoRoot } from './paths.js';
import { Progress } from './progress.js';
import { compressAnswers } from './web/compression.js';
import { serveDashboard } from './web/serve-dashboard.js';
import { SETUP_LINK_HOURS, SetupRepository } from './setup/setup.repository.js';

async function announceDemoAccounts(accounts: DemoAccount[], config: AppConfig): Promise<void> {
  if (accounts.length === 0) return;
  const lines = accounts.map((a) => `  ${a.role.padEnd(18)} ${a.email.padEnd(30)} ${a.password.padEnd(24)} ${a.scope}`);
  const text = ['Demo accounts (demo only — made on first run, shown once):', ...lines].join('\n');
  console.log(`\n${text}\n`);
  if (!config.demoPassword) {
    const file = join(config.dataDir, 'demo-accounts.txt');
    await writeFile(file, text + '\n', { mode: 0o600 });
    console.log(`  (also saved to ${file}, readable only by you)\n`);
  }
}

/**
 * Without the demo and with no administrator yet, a one-time link for choosing the first one: a new
 * start makes a new link, and the older ones stop working.
 */
async function setupLink(dataSource: DataSource, config: AppConfig): Promise<string | null> {
  const setup = new SetupRepository(dataSource);
  if (config.seedDemo || (await setup.administratorExists())) return null;
  return `${config.publicUrl ?? `http://localhost:${config.port}`}/setup?token=${await setup.issue()}`;
}

/** What to undo, newest first, when start-up fails part way or the process is asked to stop. */
const teardown: (() => unknown)[] = [];

async function runTeardown(): Promise<void> {
  for (const step of teardown.reverse()) await Promise.resolve(step()).catch((e) => console.error(e));
  teardown.length = 0;
}

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const progress = new Progress(config.databaseUrl ? 4 : 5);
  const database = await prepareDatabase(config, progress);
  teardown.push(
    () => database.embedded?.stop(),
    () => database.dataSource.isInitialized && database.dataSource.destroy(),
  );

  progress.begin('Loading reference data (areas, adult female populations, standards frameworks)');
  const areaCount = await seedReferenceData(database.dataSource, join(repoRoot(), 'seeds', 'reference'));
  const frameworkCount = await seedStandards(database.dataSource, join(repoRoot(), 'seeds', 'standards'));
  let accounts: DemoAccount[] = [];
  let activity = '';
  if (config.seedDemo) {
    accounts = await seedDemo(database.dataSource, config.demoPassword);
    if (accounts.length && config.seedDemoActivity) {
      const made = await seedDemoActivity(database.dataSource);
      activity = `, ${made.returns} demo returns (${made.episodes} episodes) and ${made.audits} self-audits`;
    }
  }
  const link = await setupLink(database.dataSource, config);
  progress.done(
    `${areaCount} areas, ${frameworkCount} standards frameworks${config.seedDemo ? (accounts.length ? `, demo partnership created${activity}` : ', demo partnership present') : ''}`,
  );

  progress.begin(`Opening the warehouse at ${config.warehousePath}`);
  const warehouse = await Warehouse.open(config.warehousePath);
  teardown.push(async () => {
    await warehouse.settle(); // let syncs already under way finish
    warehouse.close();
  });
  progress.done(await ensureWarehouse(warehouse, new PostgresWarehouseSource(database.dataSource)));

  progress.begin('Starting the API and dashboard');
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({
      config,
      dataSource: database.dataSource,
      warehouse,
      databaseInfo: { embedded: database.embedded !== null, migrationsApplied: database.migrationsApplied },
    }),
    { logger: ['error', 'warn'], bodyParser: false }, // bodies are read by strictJsonBody (JSON) and multer (files)
  );
  teardown.push(() => app.close());
  app.set('trust proxy', config.trustProxy);
  app.use(compressAnswers);
  app.use(helmet());
  app.use(checkAddress);
  app.use(sameOriginWrites);
  app.use(cookieParser());
  app.use(strictJsonBody(config.uploadMaxBytes));
  app.use(requestContext); // after the body is read: its stream events would leave the context behind
  app.useGlobalFilters(new ProblemFilter(config.uploadMaxBytes));
  answerBrokenRequests(app.getHttpServer());
  app.setGlobalPrefix('api');
  serveDashboard(app.getHttpAdapter().getInstance());
  await app.listen(config.port);
  progress.done();
  await announceDemoAccounts(accounts, config);
  if (link)
    console.log(
      `\nNo administrator yet. Open this link within ${SETUP_LINK_HOURS} hours to choose the first one (it works once):\n  ${link}\n`,
    );
  console.log(`Waymark is ready at http://localhost:${config.port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}; shutting down…`);
    await runTeardown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

bootstrap().catch(async (error) => {
  console.error('Waymark could not start:', error instanceof Error ? error.message : error);
  await runTeardown();
  process.exit(1);
});
