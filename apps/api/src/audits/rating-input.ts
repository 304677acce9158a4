import {
  asText,
  identifierInText,
  NEEDS_ACTION,
  parseIsoDate,
  STANDARD_RATINGS,
  TEXT_IDENTIFIER_WORDS,
  type Problem,
  type StandardRating,
} from '@waymark/domain';
import type { AuditItem, RatingInput } from './audits.repository.js';

const RATING_CODES = STANDARD_RATINGS.map((r) => r.code);

/** Accepts a rating code or its label ("Partly met"), as people type them in spreadsheets. */
function ratingFrom(raw: unknown): StandardRating | null | undefined {
  if (raw === null || raw === undefined || raw === '') return null;
  const normal = asText(raw)
    .trim()
    .toLowerCase()
    .replace(/[\s/-]+/g, '_');
  const found = STANDARD_RATINGS.find(
    (r) =>
      r.code === normal ||
      r.label.toLowerCase().replace(/\s+/g, '_') === normal ||
      (normal === 'n_a' && r.code === 'not_applicable'),
  );
  return found?.code;
}

/** The short texts of an audit row, each with its cap. They may name policies and dates, never a person. */
const FREE_TEXTS = [
  { column: 'evidenceRef', max: 120, tooLong: 'the evidence reference is a short label of up to 120 characters' },
  { column: 'action', max: 300, tooLong: 'the action must be 300 characters or fewer' },
] as const;

const text = (v: unknown) => (v === null || v === undefined ? null : asText(v).trim() || null);
/** Control characters but tab and line breaks (a workbook can carry a NUL as _x0000_; PostgreSQL refuses it). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A standard code as sent, repeated in a message only when it looks like one (so no typed identifier is echoed). */
const shownCode = (code: string) => (/^[A-Za-z0-9-]{1,20}$/.test(code) ? code : 'that code');

/**
 * Reads the ratings of a draft audit (from JSON or a spreadsheet), checking each against the
 * audit's standards. Row numbers are the position in the list (or the spreadsheet row).
 */
export function readRatings(
  raw: unknown,
  standards: readonly AuditItem[],
  rowOffset = 0,
): { ratings: RatingInput[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const ratings: RatingInput[] = [];
  if (!Array.isArray(raw))
    return {
      ratings,
      problems: [{ row: null, column: 'ratings', rule: 'required', message: 'Send the ratings as a list' }],
    };
  const codes = new Set(standards.map((s) => s.code));
  raw.forEach((item: Record<string, unknown>, i) => {
    const row = i + 1 + rowOffset;
    const code = text(item?.code);
    if (!code || !codes.has(code))
      return problems.push({
        row,
        column: 'code',
        rule: 'unknown_standard',
        message: `${code ? `Standard ${shownCode(code)}` : 'A row with no standard code'} is not part of this audit`,
      });
    const rating = ratingFrom(item.rating);
    if (rating === undefined)
      problems.push({
        row,
        column: 'rating',
        rule: 'allowed_values',
        message: `${code}: rating must be one of ${RATING_CODES.join(', ')}`,
      });
    const evidenceRef = text(item.evidenceRef ?? item.evidence_ref);
    const action = text(item.action);
    const targetDate = text(item.targetDate ?? item.target_date);
    if (targetDate && !parseIsoDate(targetDate))
      problems.push({
        row,
        column: 'targetDate',
        rule: 'date_format',
        message: `${code}: the target date must be a real date like 2026-03-31`,
      });
    // Each text is capped before it is read for identifiers; a target date is a date, and allowed.
    const texts = { evidenceRef, action };
    for (const { column, max, tooLong } of FREE_TEXTS) {
      const value = texts[column];
      const kind = value && value.length <= max ? identifierInText(value) : null;
      if (value && value.length > max) problems.push({ row, column, rule: 'too_long', message: `${code}: ${tooLong}` });
      else if (value && CONTROL.test(value))
        problems.push({
          row,
          column,
          rule: 'control_character',
          message: `${code}: this contains a control character; write plain text`,
        });
      else if (kind)
        problems.push({
          row,
          column,
          rule: 'identifier',
          message: `${code}: this looks like it contains ${TEXT_IDENTIFIER_WORDS[kind]}. Audits must not identify anyone.`,
        });
    }
    ratings.push({ code, rating: rating ?? null, evidenceRef, action, targetDate });
  });
  return { ratings, problems };
}

/** Before submitting: every standard rated, and every partly met or unmet one has an action and a target date. */
export function submissionProblems(items: readonly AuditItem[]): Problem[] {
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    if (!item.selfRating)
      problems.push({ row: i + 1, column: 'rating', rule: 'required', message: `Rate standard ${item.code}` });
    else if (NEEDS_ACTION.includes(item.selfRating)) {
      if (!item.action)
        problems.push({
          row: i + 1,
          column: 'action',
          rule: 'action_required',
          message: `Standard ${item.code} is not fully met: say what action will be taken`,
        });
      if (!item.targetDate)
        problems.push({
          row: i + 1,
          column: 'targetDate',
          rule: 'target_date_required',
          message: `Standard ${item.code} is not fully met: give a target date for the action`,
        });
    }
  });
  return problems;
}
