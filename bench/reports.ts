import { NestFactory } from '@nestjs/core';
import type { Warehouse } from '@waymark/analytics';
import type { DataSource } from 'typeorm';
import { AppModule } from '../apps/api/src/app.module.js';
import { loadConfig } from '../apps/api/src/config.js';
import { ReportsService } from '../apps/api/src/reports/reports.service.js';
import { AreaScope, type Caller } from '../apps/api/src/scope/area-scope.js';
import type { Place } from './generate.js';

export interface ReportTiming {
  report: string;
  scope: string;
  seconds: number;
  bytes: number;
}

/**
 * Report packs at national scale, written by the API's own services (no HTTP), as an administrator
 * who sees every area: the partnership report and data pack for one force area and for all of
 * England and Wales. Each is written once, cold (nothing cached), as a commissioner would meet it.
 */
export async function measureReports(
  dataSource: DataSource,
  warehouse: Warehouse,
  places: Place[],
  log: (line: string) => void,
): Promise<ReportTiming[]> {
  const app = await NestFactory.createApplicationContext(
    AppModule.register({
      config: loadConfig(),
      dataSource,
      warehouse,
      databaseInfo: { embedded: false, migrationsApplied: 0 },
    }),
    { logger: ['error', 'warn'] },
  );
  try {
    const reports = app.get(ReportsService);
    const admin: Caller = {
      userId: '00000000-0000-4000-8000-000000000000',
      email: 'bench@waymark.test',
      displayName: 'Benchmark',
      role: 'admin',
      agencyId: null,
      maracId: null,
      scope: AreaScope.everything(),
    };
    // Each kind's own default period: the last finished financial year, and the three up to it.
    const forceArea = places[0].pfa ?? undefined;
    const runs: [string, string, string, string, Record<string, string | undefined>][] = [
      ['Partnership report (Word)', 'a force area, a year', 'partnership-performance', 'docx', { area: forceArea }],
      ['Partnership report (Word)', 'England and Wales, a year', 'partnership-performance', 'docx', {}],
      ['Marac report (Word)', 'England and Wales, a quarter', 'marac-steering-group', 'docx', {}],
      ['Data pack (Excel)', 'a force area, three years', 'needs-assessment', 'xlsx', { area: forceArea }],
      ['Data pack (Excel)', 'England and Wales, three years', 'needs-assessment', 'xlsx', {}],
    ];
    const timings: ReportTiming[] = [];
    for (const [report, scope, kind, format, query] of runs) {
      const started = performance.now();
      const file = await reports.file(admin, kind, format, query);
      const seconds = (performance.now() - started) / 1000;
      timings.push({ report, scope, seconds, bytes: file.bytes.length });
      log(`${report}, ${scope}: ${seconds.toFixed(1)} s, ${(file.bytes.length / 1024).toFixed(0)} KB`);
    }
    return timings;
  } finally {
    await app.close();
  }
}
