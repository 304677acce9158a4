/**
 * How an indicator is worked out, as data: which figures are added up for its numerator and its
 * denominator. The warehouse supplies the figures by key; one generic evaluation (libs/analytics)
 * turns any entry into a value, interval and comparison, so adding an indicator is adding an entry.
 */

/** A field of the Marac or agency quarterly returns, summed over the returns in view. */
export type ReturnFigure = `marac.${string}` | `agency.${string}`;

/** Figures worked out beside the sums of returns, from case-level rows, audits, schedules and populations. */
export const OTHER_FIGURES = {
  'case.people': 'People with a case-level episode, counted once in each quarter and agency',
  'case.repeat_people': 'Of those, people with an earlier episode within 12 months',
  'audit.met': 'Standards rated met (after moderation) in the current self-audits',
  'audit.applicable': 'Standards rated anything but not applicable',
  'returns.received': 'Quarterly returns received (Marac and agency)',
  'returns.due': 'Quarterly returns due (Marac and agency)',
  'population.covered_women_years':
    'Women aged 16+ in the districts covered by Maracs that returned, as years of population',
} as const;
export type OtherFigure = keyof typeof OTHER_FIGURES;

export type FigureKey = ReturnFigure | OtherFigure;

/** One side of a formula: figures added up, less others, times a constant. */
export interface FormulaPart {
  add: readonly FigureKey[];
  subtract?: readonly FigureKey[];
  times?: number;
}

export interface Formula {
  numerator: FormulaPart;
  /** Null for a plain count. */
  denominator: FormulaPart | null;
  /** The value is numerator ÷ denominator × per (10,000 for a rate per 10,000); 1 when not given. */
  per?: number;
  /**
   * For a rate with a fixed recommended level: also give the numerator that level implies for this
   * denominator, and how far short of it (or over it) the numerator is.
   */
  gapToBenchmark?: boolean;
}

/**
 * Sums over agencies of some sectors only, named as agency figures: a formula refers to them like
 * any other field (`agency.dual_issue_marac_referrals`).
 */
export const SECTOR_SUMS: Record<string, { field: string; sectors: readonly string[] }> = {
  dual_issue_marac_referrals: {
    field: 'marac_referrals',
    sectors: ['domestic_abuse_service', 'refuge', 'idva_service', 'drug_alcohol_service', 'mental_health'],
  },
};

/** Every figure a formula names, once each. */
export function figuresOf(formula: Formula): FigureKey[] {
  const parts = [formula.numerator, formula.denominator].filter((p): p is FormulaPart => p !== null);
  return [...new Set(parts.flatMap((p) => [...p.add, ...(p.subtract ?? [])]))];
}

/** The fields of one kind of quarterly return that any of these formulas uses (sector sums left out). */
export function returnFieldsUsed(formulas: readonly Formula[], kind: 'marac' | 'agency'): string[] {
  const prefix = `${kind}.`;
  const keys = formulas.flatMap(figuresOf).filter((k) => k.startsWith(prefix));
  return [...new Set(keys.map((k) => k.slice(prefix.length)))].filter((f) => !(f in SECTOR_SUMS));
}

/**
 * Whether a formula needs only the sums of quarterly returns and the population they cover, which
 * the warehouse gives for each quarter and each area (so it can be trended and compared by area).
 */
export const fromQuarterlyReturns = (formula: Formula): boolean =>
  figuresOf(formula).every((k) => /^(marac|agency|population)\./.test(k));
