import {
  Catch,
  HttpException,
  Logger,
  PayloadTooLargeException,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { problemBody, toProblemBody, type ProblemBody } from './problems.js';

/** Errors that are the client's doing even though they are not HttpExceptions. */
function clientError(exception: unknown): { status: number; rule: string; message: string } | null {
  if (!(exception instanceof Error)) return null;
  const status =
    (exception as { status?: unknown; statusCode?: unknown }).status ??
    (exception as { statusCode?: unknown }).statusCode;
  if (exception.name === 'MulterError') {
    const code = (exception as { code?: string }).code;
    return code === 'LIMIT_FILE_SIZE'
      ? null
      : {
          status: 400,
          rule: 'upload_form',
          message: `The upload form was not understood: ${exception.message.slice(0, 120)}`,
        };
  }
  if (exception instanceof URIError)
    return { status: 400, rule: 'bad_encoding', message: 'The address has a broken %-escape' };
  // Two requests making the same thing at once: the database's unique rule stops the second, after the
  // service's own check let both through. It is a clash, not a fault, and the first one stands.
  if ((exception as { code?: unknown }).code === '23505')
    return {
      status: 409,
      rule: 'already_exists',
      message:
        'Something with the same name, address or key was made at the same moment. Nothing was stored; reload to see it.',
    };
  // http-errors (Express, busboy) mark what may be shown to the client with `expose`.
  if (
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    (exception as { expose?: boolean }).expose !== false
  ) {
    return { status, rule: 'bad_request', message: exception.message.slice(0, 200) };
  }
  return null;
}

/**
 * One filter for every answer that is not a success: known client errors become a 4xx in the
 * problem shape; anything else is a fault of ours, logged in full and answered 500 without detail.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Waymark');

  constructor(private readonly maxBytes: number) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    let body: ProblemBody;
    if (
      exception instanceof PayloadTooLargeException ||
      (exception instanceof Error &&
        exception.name === 'MulterError' &&
        (exception as { code?: string }).code === 'LIMIT_FILE_SIZE')
    ) {
      const megabytes = Math.round((this.maxBytes / 1024 / 1024) * 10) / 10;
      body = {
        ...problemBody(
          413,
          'too_large',
          `The file is larger than the ${megabytes} MB limit. Split case-level returns into smaller files or remove unused columns.`,
        ),
        message: 'The file could not be read',
      };
    } else if (exception instanceof HttpException) {
      body = toProblemBody(exception.getStatus(), exception.getResponse()); // thrown on purpose, whatever its status
    } else {
      const known = clientError(exception);
      if (known) body = problemBody(known.status, known.rule, known.message);
      else {
        const detail = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
        this.logger.error(`${request?.method} ${String(request?.originalUrl ?? '').slice(0, 200)} failed: ${detail}`);
        body = problemBody(500, 'server_error', 'Internal server error');
      }
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(body.statusCode).json(body);
  }
}
