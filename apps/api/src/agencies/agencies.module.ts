import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { AgenciesController } from './agencies.controller.js';
import { AgenciesRepository } from './agencies.repository.js';
import { AgenciesService } from './agencies.service.js';

@Module({ imports: [AreasModule], controllers: [AgenciesController], providers: [AgenciesRepository, AgenciesService], exports: [AgenciesService] })
export class AgenciesModule {}
