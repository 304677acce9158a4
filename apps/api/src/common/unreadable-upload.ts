import { HttpException, HttpStatus } from '@nestjs/common';
import type { Problem } from '@waymark/domain';

/** An upload that cannot be read at all; answered as 422 (or 415 for an unknown format) with one problem. */
export class UnreadableUpload extends HttpException {
  constructor(rule: string, message: string, row: number | null = null, status = HttpStatus.UNPROCESSABLE_ENTITY) {
    const problems: Problem[] = [{ row, column: null, rule, message }];
    super({ statusCode: status, message: 'The file could not be read', problems }, status);
  }
}
