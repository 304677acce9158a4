import type { CodeList } from '../code-list.js';
import { yearOfLabel } from '../periods.js';

export type StandardRating = 'met' | 'partly_met' | 'not_met' | 'not_applicable';

export const STANDARD_RATINGS: CodeList<StandardRating> = [
  { code: 'met', label: 'Met' },
  { code: 'partly_met', label: 'Partly met' },
  { code: 'not_met', label: 'Not met' },
  { code: 'not_applicable', label: 'Not applicable' },
];

/** Ratings that need an action and a target date in the action plan. */
export const NEEDS_ACTION: readonly StandardRating[] = ['partly_met', 'not_met'];

/** How many standards were given each rating. */
export interface RatingCounts {
  met: number;
  partlyMet: number;
  notMet: number;
  notApplicable: number;
}

export interface Compliance extends RatingCounts {
  /** Ratings that count: everything except not applicable. */
  applicable: number;
  /** Share of applicable standards fully met, or null when none apply. */
  metShare: number | null;
}

/**
 * The share-met rule, stated once for the API, the warehouse's answers, reports and the dashboard:
 * not-applicable standards are left out, and the share is of the rest that are fully met.
 */
export function complianceOf(counts: RatingCounts): Compliance {
  const applicable = counts.met + counts.partlyMet + counts.notMet;
  return { ...counts, applicable, metShare: applicable ? counts.met / applicable : null };
}

/** Compliance of a set of ratings. */
export function compliance(ratings: readonly StandardRating[]): Compliance {
  const count = (r: StandardRating) => ratings.filter((x) => x === r).length;
  return complianceOf({
    met: count('met'),
    partlyMet: count('partly_met'),
    notMet: count('not_met'),
    notApplicable: count('not_applicable'),
  });
}

/** Compliance of each group of rated items (by standard, theme, agency…), keyed as `keyOf` says, in first-seen order. */
export function complianceBy<T extends { rating: StandardRating }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): Map<string, { first: T; compliance: Compliance }> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return new Map(
    [...groups].map(([key, group]) => [key, { first: group[0], compliance: compliance(group.map((i) => i.rating)) }]),
  );
}

/** A financial year such as 2025-26, the usual period of a self-audit. */
export function parseFinancialYear(label: string): { startYear: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(label.trim());
  const startYear = match ? yearOfLabel(match[1], match[2]) : null;
  return startYear === null ? null : { startYear };
}
