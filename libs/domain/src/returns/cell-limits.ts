import type { FieldDef } from './fields.js';

/**
 * How long a cell may be, by the field it is in. Every accepted value is far shorter, so a longer
 * cell is refused before anything reads it closely: a megabyte pasted into a count costs a length
 * check, not a scan. The little extra room allows for spaces people leave around values.
 */
export function maxCellLength(f: FieldDef | undefined): number {
  if (!f) return UNKNOWN_COLUMN_MAX;
  switch (f.kind) {
    case 'count':
    case 'share':
      return 30; // "1000000" or "0.25", with room for spaces and a mistyped long number (reported as too large)
    case 'code':
      return Math.max(...f.codes!.map((c) => c.code.length)) + 8;
    case 'codes':
      return f.codes!.reduce((total, c) => total + c.code.length + 2, 8); // every code once, with "; " between
    case 'yes_no':
      return 8; // "false", " yes "
    case 'month':
      return 7; // 2025-04
    case 'person_key':
      return 64;
  }
}

/** Cells under a column the return does not have: refused anyway, so they get no more room than a code list. */
export const UNKNOWN_COLUMN_MAX = 200;

/** A cell's length as written: text without surrounding spaces, a list (JSON) as its codes joined. */
export function cellLength(value: unknown): number {
  if (typeof value === 'string') return value.trim().length;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value).length;
  if (Array.isArray(value))
    return value.reduce((total: number, v) => total + (typeof v === 'string' ? v.trim().length : 1) + 2, 0);
  return 0;
}
