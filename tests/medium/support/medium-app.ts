import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Warehouse } from '@waymark/analytics';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll } from 'vitest';
import { AgenciesService } from '../../../apps/api/dist/apps/api/src/agencies/agencies.service.js';
import { AnalyticsService } from '../../../apps/api/dist/apps/api/src/analytics/analytics.service.js';
import { ensureWarehouse } from '../../../apps/api/dist/apps/api/src/analytics/ensure-warehouse.js';
import { PostgresWarehouseSource } from '../../../apps/api/dist/apps/api/src/analytics/postgres-source.js';
import { AppModule } from '../../../apps/api/dist/apps/api/src/app.module.js';
import { AreasService } from '../../../apps/api/dist/apps/api/src/areas/areas.service.js';
import { AuditsService } from '../../../apps/api/dist/apps/api/src/audits/audits.service.js';
import { SessionRepository } from '../../../apps/api/dist/apps/api/src/auth/session.repository.js';
import { loadConfig, type AppConfig } from '../../../apps/api/dist/apps/api/src/config.js';
import { createDataSource } from '../../../apps/api/dist/apps/api/src/database/data-source.js';
import { MaracsService } from '../../../apps/api/dist/apps/api/src/maracs/maracs.service.js';
import { ReturnsService } from '../../../apps/api/dist/apps/api/src/returns/returns.service.js';
import type { Caller } from '../../../apps/api/dist/apps/api/src/scope/area-scope.js';
import { ScopeService } from '../../../apps/api/dist/apps/api/src/scope/scope.service.js';
import { StandardsService } from '../../../apps/api/dist/apps/api/src/standards/standards.service.js';
import { UsersService } from '../../../apps/api/dist/apps/api/src/users/users.service.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';
import { DEMO } from '../../support/http.js';
import { AGENCY_FIGURES, MARAC_FIGURES } from '../../support/returns-fixtures.js';
import { templateDatabase, type Contents } from '../../support/template-database.js';

/** The demo accounts, by the short names the process-level tests use. */
export type DemoAccount = keyof typeof DEMO;

/**
 * Waymark's services in this process, as the API wires them (AppModule, every module and provider
 * real), against this file's own PostgreSQL database and a DuckDB warehouse file of its own. No HTTP
 * server: tests call the services with a caller, as the controllers do after the session guard.
 */
export interface MediumApp {
  db: TestDatabase;
  dataSource: DataSource;
  warehouse: Warehouse;
  /** The temporary folder the warehouse file is in. */
  dir: string;
  /** What building the warehouse from PostgreSQL said. */
  warehouseLog: string[];
  context: INestApplicationContext;
  analytics: AnalyticsService;
  returns: ReturnsService;
  agencies: AgenciesService;
  maracs: MaracsService;
  areas: AreasService;
  standards: StandardsService;
  audits: AuditsService;
  users: UsersService;
  /** Any provider of the application, by its class. */
  get<T>(type: Type<T>): T;
  /** A demo account (admin, analyst, …), or any account by its email address, as the session guard makes it: role and scope from the database. */
  caller(who: string): Promise<Caller>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface MediumOptions {
  /** What the database starts with (default: the demo partnership without returns). */
  contents?: Contents;
  /** Settings that differ from the defaults the server would read from an empty environment. */
  config?: Partial<AppConfig>;
}

/**
 * One database and one warehouse for the tests of one file, made before them and dropped after.
 * The database is a copy of this run's migrated and seeded template; the warehouse is built from it
 * as a start would build it, then kept in step by the services' own catch-up after each write.
 */
export function useMediumApp(options: MediumOptions = {}): MediumApp {
  const app = { warehouseLog: [] as string[] } as MediumApp;
  beforeAll(async () => {
    app.db = await createTestDatabase({ template: await templateDatabase(options.contents ?? 'demo') });
    app.dataSource = createDataSource(app.db.url);
    await app.dataSource.initialize();
    app.dir = await mkdtemp(join(tmpdir(), 'waymark-medium-'));
    const config: AppConfig = {
      ...loadConfig(),
      databaseUrl: app.db.url,
      dataDir: app.dir,
      warehousePath: join(app.dir, 'warehouse.duckdb'),
      demoPassword: null,
      seedDemoActivity: options.contents === 'demo-activity',
      ...options.config,
    };
    app.warehouse = await Warehouse.open(config.warehousePath);
    await ensureWarehouse(app.warehouse, new PostgresWarehouseSource(app.dataSource), (line) =>
      app.warehouseLog.push(line),
    );
    app.context = await NestFactory.createApplicationContext(
      AppModule.register({
        config,
        dataSource: app.dataSource,
        warehouse: app.warehouse,
        databaseInfo: { embedded: false, migrationsApplied: app.dataSource.migrations.length },
      }),
      { logger: ['error', 'warn'] },
    );
    app.get = <T>(type: Type<T>) => app.context.get(type, { strict: false });
    app.analytics = app.get(AnalyticsService);
    app.returns = app.get(ReturnsService);
    app.agencies = app.get(AgenciesService);
    app.maracs = app.get(MaracsService);
    app.areas = app.get(AreasService);
    app.standards = app.get(StandardsService);
    app.audits = app.get(AuditsService);
    app.users = app.get(UsersService);
    const sessions = app.get(SessionRepository);
    const scopes = app.get(ScopeService);
    app.caller = async (who) => {
      const email = who in DEMO ? DEMO[who as DemoAccount] : who;
      const user = await sessions.findLoginCandidate(email);
      if (!user) throw new Error(`No account ${email}`);
      return {
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        agencyId: user.agencyId,
        maracId: user.maracId,
        mustChangePassword: user.mustChangePassword,
        scope: await scopes.scopeFor(user),
      };
    };
    app.query = (sql, params = []) => app.dataSource.query(sql, params);
  });
  afterAll(async () => {
    await app.context?.close(); // lets a warehouse catch-up under way finish; closes the data source
    if (app.dataSource?.isInitialized) await app.dataSource.destroy();
    if (app.warehouse) {
      await app.warehouse.settle();
      app.warehouse.close();
    }
    await app.db?.drop();
    if (app.dir) await rm(app.dir, { recursive: true, force: true });
  });
  return app;
}

/** The quarterly return types and the case-level one, by their ids. */
export type ReturnTypeId = 'agency-quarter' | 'marac-quarter' | 'case-level';

/** A return as the API's JSON body carries it: `values` for a quarterly return, `rows` for case-level. */
export interface ReturnBody {
  period: string;
  values?: Record<string, unknown>;
  rows?: Record<string, unknown>[];
  agencyId?: string;
  maracId?: string;
}

/** Sends a return as the returns controller does for a JSON body: read, checked, stored, then the warehouse catches up. */
export function sendReturn(app: MediumApp, caller: Caller, type: ReturnTypeId, body: ReturnBody) {
  return app.returns.submit(caller, type, { bytes: Buffer.from(JSON.stringify(body)), fileName: null, json: body }, {});
}

/** The status of the HTTP exception some work throws (404, 422 …), or null when it does not throw. */
export async function statusOf(work: () => unknown): Promise<number | null> {
  try {
    await work();
  } catch (error) {
    const status = (error as { getStatus?: () => number }).getStatus?.();
    if (typeof status === 'number') return status;
    throw error;
  }
  return null;
}

/** The exception some work throws, for its status and message; fails when it does not throw. */
export async function thrownBy(work: () => unknown): Promise<{ status: number; response: unknown; message: string }> {
  try {
    await work();
  } catch (error) {
    const e = error as { getStatus?: () => number; getResponse?: () => unknown; message: string };
    if (!e.getStatus) throw error;
    return { status: e.getStatus(), response: e.getResponse?.(), message: e.message };
  }
  throw new Error('Expected the work to be refused, but it succeeded');
}

/** The fixture Marac and agency quarterly returns (tests/support/returns-fixtures.ts) for one quarter, sent by their demo owners. */
export async function sendQuarterlyReturns(app: MediumApp, period = '2025-26 Q1'): Promise<void> {
  await sendReturn(app, await app.caller('marac'), 'marac-quarter', { period, values: MARAC_FIGURES });
  await sendReturn(app, await app.caller('submitter'), 'agency-quarter', { period, values: AGENCY_FIGURES });
}
