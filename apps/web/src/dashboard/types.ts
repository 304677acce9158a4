import type { Comparison, Coverage, Estimate as DomainEstimate, ReturnCount, ReturnsStatus } from '@waymark/domain';
import type { Unit } from '../lib/format';

export interface Disclosure {
  applied: boolean;
  threshold: number;
  roundingBase: number;
  suppressedCells: number;
  note: string;
}

export type { Comparison, Coverage, ReturnsStatus };

/** A benchmark or reference figure; `period` and `note` say which published period it comes from. */
export interface Reference {
  value: number;
  label: string;
  source: string;
  period?: { label: string; start: string; end: string } | null;
  note?: string | null;
}

/** A figure with its counts and interval, as analytics answers give it, saying whether it was hidden. */
export interface Estimate extends DomainEstimate {
  suppressed: boolean;
}

/** One indicator as GET /api/analytics/indicators answers it. */
export interface Indicator extends Estimate {
  id: string;
  title: string;
  definition: string;
  unit: Unit;
  polarity: 'higher_is_better' | 'lower_is_better' | 'none';
  benchmark: Reference | null;
  reference: Reference | null;
  section: string;
  comparisonLabel: string;
  extra?: { recommendedCases?: number | null; shortfall?: number | null; surplus?: number | null; quarters?: number };
  national?: number | null;
  status?: ReturnsStatus;
  returns?: ReturnCount | null;
}

export interface IndicatorAnswer {
  area: string | null;
  from: string;
  to: string;
  quarters: number;
  disclosure: Disclosure;
  indicators: Indicator[];
  coverage?: Coverage;
  /** Why no all-areas comparison is shown (with compare=national), or null. */
  nationalNote?: string | null;
}

export interface TrendPoint {
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
  status?: ReturnsStatus;
}

export interface TrendAnswer {
  periods: string[];
  disclosure: Disclosure;
  series: (Omit<
    Indicator,
    'numerator' | 'denominator' | 'value' | 'lower' | 'upper' | 'comparison' | 'comparisonLabel' | 'suppressed'
  > & { points: TrendPoint[] })[];
}

export const byId = (answer: IndicatorAnswer | null, id: string) => answer?.indicators.find((i) => i.id === id) ?? null;
