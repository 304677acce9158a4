import { HttpException, HttpStatus } from '@nestjs/common';
import type { Problem } from '@waymark/domain';

/** An upload refused before its values are checked, listing every problem found (422 unless told). */
export class UploadRefused extends HttpException {
  constructor(
    readonly problems: Problem[],
    status = HttpStatus.UNPROCESSABLE_ENTITY,
  ) {
    super({ statusCode: status, message: 'The file could not be read', problems }, status);
  }
}

/** An upload that cannot be read at all; answered as 422 (or 415 for an unknown format) with one problem. */
export class UnreadableUpload extends UploadRefused {
  constructor(
    rule: string,
    message: string,
    row: number | null = null,
    status = HttpStatus.UNPROCESSABLE_ENTITY,
    column: string | null = null,
  ) {
    super([{ row, column, rule, message }], status);
  }
}
