import { Module } from '@nestjs/common';
import { SetupController } from './setup.controller.js';
import { SetupRepository } from './setup.repository.js';
import { SetupService } from './setup.service.js';

@Module({ controllers: [SetupController], providers: [SetupRepository, SetupService] })
export class SetupModule {}
