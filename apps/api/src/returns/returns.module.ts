import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config.js';
import { CompletenessRepository } from './completeness.repository.js';
import { CompletenessService } from './completeness.service.js';
import { OwnersRepository } from './owners.repository.js';
import { ReturnsController } from './returns.controller.js';
import { ReturnsRepository } from './returns.repository.js';
import { ReturnsService } from './returns.service.js';

@Module({
  imports: [
    // Uploads stay in memory (never on disk) and are capped: a larger file is answered 413.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10, fieldSize: 1024 } }),
    }),
  ],
  controllers: [ReturnsController],
  providers: [ReturnsRepository, ReturnsService, OwnersRepository, CompletenessRepository, CompletenessService],
})
export class ReturnsModule {}
