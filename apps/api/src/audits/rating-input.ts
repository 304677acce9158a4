import { identifierIn, IDENTIFIER_WORDS, NEEDS_ACTION, STANDARD_RATINGS, type Problem, type StandardRating } from '@waymark/domain';
import type { AuditItem, RatingInput } from './audits.repository.js';

const RATING_CODES = STANDARD_RATINGS.map((r) => r.code);

/** Accepts a rating code or its label ("Partly met"), as people type them in spreadsheets. */
function ratingFrom(raw: unknown): StandardRating | null | undefined {
  if (raw === null || raw === undefined || raw === '') return null;
  const normal = String(raw).trim().toLowerCase().replace(/[\s/-]+/g, '_');
  const found = STANDARD_RATINGS.find((r) => r.code === normal || r.label.toLowerCase().replace(/\s+/g, '_') === normal || (normal === 'n_a' && r.code === 'not_applicable'));
  return found?.code;
}

/** Short texts about the service may be written freely, but never anything that identifies a person. */
function personal(value: string): string | null {
  const kind = identifierIn(value);
  return kind && kind !== 'name' && kind !== 'free_text' ? IDENTIFIER_WORDS[kind] : null;
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v).trim() || null);

/**
 * Reads the ratings of a draft audit (from JSON or a spreadsheet), checking each against the
 * audit's standards. Row numbers are the position in the list (or the spreadsheet row).
 */
export function readRatings(raw: unknown, standards: readonly AuditItem[], rowOffset = 0): { ratings: RatingInput[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const ratings: RatingInput[] = [];
  if (!Array.isArray(raw)) return { ratings, problems: [{ row: null, column: 'ratings', rule: 'required', message: 'Send the ratings as a list' }] };
  const codes = new Set(standards.map((s) => s.code));
  raw.forEach((item: Record<string, unknown>, i) => {
    const row = i + 1 + rowOffset;
    const code = text(item?.code);
    if (!code || !codes.has(code)) return problems.push({ row, column: 'code', rule: 'unknown_standard', message: `${code ? `Standard ${code.slice(0, 20)}` : 'A row with no standard code'} is not part of this audit` });
    const rating = ratingFrom(item.rating);
    if (rating === undefined) problems.push({ row, column: 'rating', rule: 'allowed_values', message: `${code}: rating must be one of ${RATING_CODES.join(', ')}` });
    const evidenceRef = text(item.evidenceRef ?? item.evidence_ref);
    const action = text(item.action);
    const targetDate = text(item.targetDate ?? item.target_date);
    if (evidenceRef && evidenceRef.length > 120) problems.push({ row, column: 'evidenceRef', rule: 'too_long', message: `${code}: the evidence reference is a short label of up to 120 characters` });
    if (action && action.length > 300) problems.push({ row, column: 'action', rule: 'too_long', message: `${code}: the action must be 300 characters or fewer` });
    if (targetDate && (!/^\d{4}-\d{2}-\d{2}$/.test(targetDate) || Number.isNaN(Date.parse(targetDate)))) problems.push({ row, column: 'targetDate', rule: 'date_format', message: `${code}: the target date must be a date like 2026-03-31` });
    for (const [column, value] of [['evidenceRef', evidenceRef], ['action', action]] as const) {
      const looksLike = value ? personal(value) : null;
      if (looksLike) problems.push({ row, column, rule: 'identifier', message: `${code}: this looks like ${looksLike}. Audits must not identify anyone.` });
    }
    ratings.push({ code, rating: rating ?? null, evidenceRef, action, targetDate });
  });
  return { ratings, problems };
}

/** Before submitting: every standard rated, and every partly met or unmet one has an action and a target date. */
export function submissionProblems(items: readonly AuditItem[]): Problem[] {
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    if (!item.selfRating) problems.push({ row: i + 1, column: 'rating', rule: 'required', message: `Rate standard ${item.code}` });
    else if (NEEDS_ACTION.includes(item.selfRating)) {
      if (!item.action) problems.push({ row: i + 1, column: 'action', rule: 'action_required', message: `Standard ${item.code} is not fully met: say what action will be taken` });
      if (!item.targetDate) problems.push({ row: i + 1, column: 'targetDate', rule: 'target_date_required', message: `Standard ${item.code} is not fully met: give a target date for the action` });
    }
  });
  return problems;
}
