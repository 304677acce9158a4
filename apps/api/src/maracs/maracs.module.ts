import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { MaracsController } from './maracs.controller.js';
import { MaracsRepository } from './maracs.repository.js';
import { MaracsService } from './maracs.service.js';

@Module({
  imports: [AreasModule, SchedulesModule],
  controllers: [MaracsController],
  providers: [MaracsRepository, MaracsService],
  exports: [MaracsService],
})
export class MaracsModule {}
