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

export interface Compliance {
  met: number;
  partlyMet: number;
  notMet: number;
  notApplicable: number;
  /** Ratings that count: everything except not applicable. */
  applicable: number;
  /** Share of applicable standards fully met, or null when none apply. */
  metShare: number | null;
}

/** Compliance of a set of ratings; not-applicable standards are left out of the denominator. */
export function compliance(ratings: readonly StandardRating[]): Compliance {
  const count = (r: StandardRating) => ratings.filter((x) => x === r).length;
  const met = count('met');
  const partlyMet = count('partly_met');
  const notMet = count('not_met');
  const applicable = met + partlyMet + notMet;
  return {
    met,
    partlyMet,
    notMet,
    notApplicable: count('not_applicable'),
    applicable,
    metShare: applicable ? met / applicable : null,
  };
}

/** A financial year such as 2025-26, the usual period of a self-audit. */
export function parseFinancialYear(label: string): { startYear: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(label.trim());
  const startYear = match ? yearOfLabel(match[1], match[2]) : null;
  return startYear === null ? null : { startYear };
}
