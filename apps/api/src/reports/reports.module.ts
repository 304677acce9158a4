import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { AreasModule } from '../areas/areas.module.js';
import { MaracsModule } from '../maracs/maracs.module.js';
import { StandardsModule } from '../standards/standards.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportRenderer } from './report-renderer.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [AnalyticsModule, AreasModule, MaracsModule, StandardsModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportRenderer],
})
export class ReportsModule {}
