import { Module } from '@nestjs/common';
import { CappedUploads } from '../common/uploads.js';
import { ComplianceRepository } from './compliance.repository.js';
import { StandardsController } from './standards.controller.js';
import { StandardsRepository } from './standards.repository.js';
import { StandardsService } from './standards.service.js';

@Module({
  imports: [CappedUploads],
  controllers: [StandardsController],
  providers: [StandardsRepository, ComplianceRepository, StandardsService],
  exports: [StandardsRepository, StandardsService],
})
export class StandardsModule {}
