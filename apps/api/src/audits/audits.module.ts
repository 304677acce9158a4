import { Module } from '@nestjs/common';
import { CappedUploads } from '../common/uploads.js';
import { StandardsModule } from '../standards/standards.module.js';
import { AuditsController } from './audits.controller.js';
import { AuditsRepository } from './audits.repository.js';
import { AuditsService } from './audits.service.js';

@Module({
  imports: [CappedUploads, StandardsModule],
  controllers: [AuditsController],
  providers: [AuditsRepository, AuditsService],
})
export class AuditsModule {}
