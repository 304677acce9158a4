import {
  HttpException,
  HttpStatus,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { problemBody } from './problems.js';

/** C0 control characters but tab, line feed and carriage return, and DEL: no field of a form is text with those in it. */
const CONTROL_IN_FIELD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A form field's name, repeated in a message only when it is a plain name. */
const shownField = (name: string) => (/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name) ? name : null);

function refused(column: string | null, message: string): HttpException {
  return new HttpException(
    problemBody(HttpStatus.BAD_REQUEST, 'control_character', message, null, column),
    HttpStatus.BAD_REQUEST,
  );
}

/**
 * Runs after multer on the upload routes (`@UseInterceptors(FileInterceptor('file'), MultipartChecks)`):
 * a multipart form's text fields and the file's name never reach a handler with a NUL or another
 * control character in them (a NUL stopped PostgreSQL, and the API answered 500). JSON bodies are
 * checked by the strict JSON reader instead. A file name's other control characters are stripped
 * where it is stored (see file-names.ts); a NUL in it is refused here, as the form is broken.
 */
@Injectable()
export class MultipartChecks implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { file?: { originalname?: unknown } }>();
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/')) return next.handle();
    const name = request.file?.originalname;
    if (typeof name === 'string' && name.includes('\u0000'))
      throw refused('file', 'The file name contains a NUL character. Rename the file and upload it again.');
    const body: unknown = request.body;
    if (body && typeof body === 'object') {
      for (const [field, value] of Object.entries(body)) {
        if (CONTROL_IN_FIELD.test(field) || (typeof value === 'string' && CONTROL_IN_FIELD.test(value))) {
          const shown = CONTROL_IN_FIELD.test(field) ? null : shownField(field);
          throw refused(
            shown,
            `${shown ? `The form field ${shown}` : 'A form field'} contains a control character (such as NUL); send plain text`,
          );
        }
      }
    }
    return next.handle();
  }
}
