import { Module } from '@nestjs/common';
import { CappedUploads } from '../common/uploads.js';
import { CompletenessRepository } from './completeness.repository.js';
import { CompletenessService } from './completeness.service.js';
import { ReturnsController } from './returns.controller.js';
import { ReturnsRepository } from './returns.repository.js';
import { ReturnsService } from './returns.service.js';

@Module({
  imports: [CappedUploads],
  controllers: [ReturnsController],
  providers: [ReturnsRepository, ReturnsService, CompletenessRepository, CompletenessService],
})
export class ReturnsModule {}
