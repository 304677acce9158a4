import { identifierInText, TEXT_IDENTIFIER_WORDS, type IdentifierKind } from '@waymark/domain';
import { UploadRefused } from './unreadable-upload.js';

/** The longest file name kept; a longer one is cut, keeping its extension. */
export const MAX_FILE_NAME = 120;

/**
 * Control characters (C0, DEL, C1) and the invisible marks that reorder text (bidirectional
 * embeddings, overrides and isolates, and the direction marks): a name that shows as
 * "return‮vsc.exe" must be stored as what it is.
 */
const UNSHOWN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const EXTENSION = /\.[A-Za-z0-9]{1,9}$/;

/** A file name as it is kept: unshown characters removed, spaces tidied, at most MAX_FILE_NAME characters with the extension kept; null when nothing is left. */
export function tidyFileName(raw: string): string | null {
  let name = raw.replace(/\s+/g, ' ').replace(UNSHOWN, '').trim(); // a line break or tab becomes a space
  if (name.length > MAX_FILE_NAME) {
    const extension = EXTENSION.exec(name)?.[0] ?? '';
    let cut = MAX_FILE_NAME - extension.length - 1;
    if (/[\ud800-\udbff]/.test(name[cut - 1])) cut--; // never half a character
    name = `${name.slice(0, cut).trimEnd()}…${extension}`;
  }
  return name || null;
}

/** What kind of identifier a file name looks like it carries, read as free text (as far as the guard reads), or null. */
export function fileNameIdentifier(raw: string): IdentifierKind | null {
  const tidy = tidyFileName(raw);
  return tidy === null ? null : (identifierInText(raw.replace(UNSHOWN, ' ')) ?? identifierInText(tidy));
}

/**
 * The name of an uploaded file, ready to store: refused (422, rule `identifier`, column `file`,
 * never repeating it) when it looks like it names or identifies someone, and otherwise tidied.
 * File names are shown to analysts beside the return, so they are held to the free-text rule.
 */
export function checkedFileName(raw: string): string | null {
  const kind = fileNameIdentifier(raw);
  if (kind) {
    throw new UploadRefused([
      {
        row: null,
        column: 'file',
        rule: 'identifier',
        message: `The file name looks like it contains ${TEXT_IDENTIFIER_WORDS[kind]}. Rename the file so that it says nothing about any person, then upload it again.`,
      },
    ]);
  }
  return tidyFileName(raw);
}
