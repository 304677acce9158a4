import { MulterModule } from '@nestjs/platform-express';
import type { AppConfig } from '../config.js';
import { APP_CONFIG } from './tokens.js';

/**
 * File uploads stay in memory (never on disk) and are capped: a larger file is answered 413.
 * Every module that takes files imports this.
 */
export const CappedUploads = MulterModule.registerAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10, fieldSize: 1024 },
  }),
});
