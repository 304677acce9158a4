import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { AgenciesController } from './agencies.controller.js';
import { AgenciesRepository } from './agencies.repository.js';
import { AgenciesService } from './agencies.service.js';
import { CappedUploads } from '../common/uploads.js';
import { AgencyImportController } from './import/agency-import.controller.js';
import { AgencyImportService } from './import/agency-import.service.js';

@Module({
  imports: [AreasModule, SchedulesModule, CappedUploads],
  controllers: [AgenciesController, AgencyImportController],
  providers: [AgenciesRepository, AgenciesService, AgencyImportService],
  exports: [AgenciesService],
})
export class AgenciesModule {}
