import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Warehouse } from '@waymark/analytics';
import type { DataSource } from 'typeorm';
import { AgenciesModule } from './agencies/agencies.module.js';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { WarehouseSyncModule } from './analytics/warehouse-sync.module.js';
import { AreasModule } from './areas/areas.module.js';
import { AuditEventsModule } from './audit-events/audit-events.module.js';
import { AuditsModule } from './audits/audits.module.js';
import { AuthModule } from './auth/auth.module.js';
import { APP_CONFIG, DATABASE_INFO, WAREHOUSE, type DatabaseInfo } from './common/tokens.js';
import type { AppConfig } from './config.js';
import { HealthModule } from './health/health.module.js';
import { MaracsModule } from './maracs/maracs.module.js';
import { OpenApiModule } from './openapi/openapi.module.js';
import { ReferenceModule } from './reference/reference.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ReturnsModule } from './returns/returns.module.js';
import { SchedulesModule } from './schedules/schedules.module.js';
import { ScopeModule } from './scope/scope.module.js';
import { SetupModule } from './setup/setup.module.js';
import { StandardsModule } from './standards/standards.module.js';
import { UsersModule } from './users/users.module.js';

export interface AppDependencies {
  config: AppConfig;
  dataSource: DataSource;
  databaseInfo: DatabaseInfo;
  warehouse: Warehouse;
}

/** Values made during start-up (config, the migrated data source, the warehouse) shared with every module. */
@Module({})
class RuntimeModule {
  static register(deps: AppDependencies): DynamicModule {
    return {
      module: RuntimeModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: DATABASE_INFO, useValue: deps.databaseInfo },
        { provide: WAREHOUSE, useValue: deps.warehouse },
      ],
      exports: [APP_CONFIG, DATABASE_INFO, WAREHOUSE],
    };
  }
}

@Module({})
export class AppModule {
  static register(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.register(deps),
        TypeOrmModule.forRootAsync({
          useFactory: () => deps.dataSource.options,
          dataSourceFactory: () => Promise.resolve(deps.dataSource),
        }),
        ScopeModule,
        AuditEventsModule,
        WarehouseSyncModule,
        AuthModule,
        HealthModule,
        ReferenceModule,
        AreasModule,
        AgenciesModule,
        MaracsModule,
        SchedulesModule,
        SetupModule,
        UsersModule,
        ReturnsModule,
        StandardsModule,
        AuditsModule,
        OpenApiModule,
        AnalyticsModule,
        ReportsModule,
      ],
    };
  }
}
