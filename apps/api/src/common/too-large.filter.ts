import { Catch, PayloadTooLargeException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

/** A file over the size limit gets the same answer shape as any other unreadable upload. */
@Catch(PayloadTooLargeException)
export class UploadTooLargeFilter implements ExceptionFilter {
  constructor(private readonly maxBytes: number) {}

  catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    const megabytes = Math.round((this.maxBytes / 1024 / 1024) * 10) / 10;
    host.switchToHttp().getResponse<Response>().status(413).json({
      statusCode: 413,
      message: 'The file could not be read',
      problems: [{ row: null, column: null, rule: 'too_large', message: `The file is larger than the ${megabytes} MB limit. Split case-level returns into smaller files or remove unused columns.` }],
    });
  }
}
