/**
 * Disclosure control for people below analyst level, applied return by return. Each figure of each
 * return (a cell) is published on its own: 1 to 4 hidden, others rounded to the nearest multiple of a
 * base (NDTMS publishes counts rounded to the nearest 5). Every total such a reader sees is then
 * made from the published cells, never from the exact figures, so no number of overlapping totals
 * can say more about a cell than the cell's own published value. Why (each simpler rule was broken by
 * an attack) is in docs/DESIGN-NOTES.md.
 */
export const DEFAULT_THRESHOLD = 5;
export const DEFAULT_ROUNDING_BASE = 5;

export interface DisclosureRule {
  /** Counts above 0 and below this are hidden. */
  threshold: number;
  /** Counts that are shown are rounded to the nearest multiple of this (1: not rounded). */
  roundingBase: number;
}

export const DEFAULT_DISCLOSURE_RULE: DisclosureRule = {
  threshold: DEFAULT_THRESHOLD,
  roundingBase: DEFAULT_ROUNDING_BASE,
};

/**
 * What a hidden cell (1 to 4) adds to a total: about what such a count is on average, so totals of
 * many small figures stay near the truth, while the total says nothing about which value it was.
 */
export const HIDDEN_CELL_COUNTS_AS = 2;

/** Fractions count too: a Marac referral shared by two agencies counts 0.5, and 0.5 of a case is still a person. */
export const isSmall = (count: number, threshold = DEFAULT_THRESHOLD) => count > 0 && count < threshold;

/**
 * A count as a role below analyst may see it: 0 stays 0, small counts are hidden (null), and the
 * rest are rounded to the nearest multiple of the base. Used for each cell, and again for each total
 * of published cells (where a hidden cell counts as HIDDEN_CELL_COUNTS_AS), so a total made only of
 * one or two hidden cells is hidden as well.
 */
export function publishCount(count: number, rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): number | null {
  if (count <= 0) return 0;
  if (isSmall(count, rule.threshold)) return null;
  const base = Math.max(1, rule.roundingBase);
  return Math.round(count / base) * base;
}

/** What a cell adds to a total of published cells. */
export function publishedCellValue(count: number, rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): number {
  return publishCount(count, rule) ?? HIDDEN_CELL_COUNTS_AS;
}

/** How a hidden count is shown, for example "<5". */
export const hiddenLabel = (threshold = DEFAULT_THRESHOLD) => `<${threshold}`;

/** The rule in plain words, for every answer, page and export that applies it. */
export function describeDisclosure(rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): string {
  const rounding = rule.roundingBase > 1 ? ` and every other count is rounded to the nearest ${rule.roundingBase}` : '';
  return `Each return's counts from 1 to ${rule.threshold - 1} are shown as "${hiddenLabel(rule.threshold)}"${rounding}. Totals add up these published figures (a hidden one counts as ${HIDDEN_CELL_COUNTS_AS}), so they can differ a little from the exact totals and parts may not add up; rates and intervals are worked out from them.`;
}
