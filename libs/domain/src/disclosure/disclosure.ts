import type { FinancialQuarter } from '../periods.js';

/**
 * Disclosure control for people below analyst level. Counts below a threshold (5), zero included,
 * are hidden; every other count is rounded to the nearest multiple of a base (NDTMS publishes counts
 * rounded to the nearest 5); and totals over a range of quarters cover one quarter or a financial year.
 * Everything else such a reader sees is worked out from these published counts. Why each rule is
 * there (each was found by attacking the one before) is in docs/DESIGN-NOTES.md.
 */
export const DEFAULT_THRESHOLD = 5;
export const DEFAULT_ROUNDING_BASE = 5;

export interface DisclosureRule {
  /** Counts below this, zero included, are hidden. */
  threshold: number;
  /** Counts that are shown are rounded to the nearest multiple of this (1: not rounded). */
  roundingBase: number;
}

export const DEFAULT_DISCLOSURE_RULE: DisclosureRule = { threshold: DEFAULT_THRESHOLD, roundingBase: DEFAULT_ROUNDING_BASE };

/**
 * A count as a role below analyst may see it: hidden (null) below the threshold, otherwise rounded
 * to the nearest multiple of the base. Zero is hidden too: were it shown, every hidden count would be
 * known to be at least 1, and four hidden parts of a hidden total would each be exactly 1. Fractions
 * count (a Marac referral shared by two agencies counts 0.5 to each).
 */
export function publishCount(count: number, rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): number | null {
  if (count < rule.threshold) return null;
  const base = Math.max(1, rule.roundingBase);
  return Math.round(count / base) * base;
}

/**
 * Whether such a reader may see totals over this range of quarters: one quarter, or one financial
 * year (its four quarters). Were any range allowed, totals of overlapping ranges, each rounded on
 * its own, would narrow a hidden quarter down until it is pinned; ranges that overlap only by
 * containing one another do not. Series of single quarters are always allowed.
 */
export function isPublishedRange(from: FinancialQuarter, to: FinancialQuarter): boolean {
  const oneQuarter = from.startYear === to.startYear && from.quarter === to.quarter;
  const oneYear = from.startYear === to.startYear && from.quarter === 1 && to.quarter === 4;
  return oneQuarter || oneYear;
}

/** How a hidden count is shown, for example "<5". */
export const hiddenLabel = (threshold = DEFAULT_THRESHOLD) => `<${threshold}`;

/** The rule in plain words, for every answer, page and export that applies it. */
export function describeDisclosure(rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): string {
  const rounding = rule.roundingBase > 1 ? ` Other counts are rounded to the nearest ${rule.roundingBase}, so parts may not add up to their totals.` : '';
  return `Counts below ${rule.threshold}, zero included, are shown as "${hiddenLabel(rule.threshold)}".${rounding} Rates and intervals are worked out from the counts shown, and withheld when a count they need is hidden. Totals cover one quarter or one financial year.`;
}
