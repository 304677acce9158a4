import type { Interval } from './intervals.js';

/** Which way is better for an indicator; `none` when neither higher nor lower is simply better. */
export type Polarity = 'higher_is_better' | 'lower_is_better' | 'none';

export type Comparison = 'better' | 'similar' | 'worse' | 'higher' | 'lower' | 'not_compared';

/** A figure with the counts behind it, its 95% interval and how it compares with its benchmark. */
export interface Estimate {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  comparison: Comparison;
}

export const COMPARISON_LABELS: Record<Comparison, string> = {
  better: 'Better than the benchmark',
  similar: 'Similar to the benchmark',
  worse: 'Worse than the benchmark',
  higher: 'Higher than the benchmark',
  lower: 'Lower than the benchmark',
  not_compared: 'Not compared',
};

/**
 * Compares a value's 95% interval with a benchmark: a difference counts only when the whole
 * interval lies on one side. Polarity turns higher or lower into better or worse.
 */
export function compareWithBenchmark(
  interval: Interval | null,
  benchmark: number | null,
  polarity: Polarity,
): Comparison {
  if (!interval || benchmark === null || !Number.isFinite(interval.lower) || !Number.isFinite(interval.upper))
    return 'not_compared';
  const side = interval.lower > benchmark ? 'higher' : interval.upper < benchmark ? 'lower' : 'similar';
  if (side === 'similar' || polarity === 'none') return side;
  return (side === 'higher') === (polarity === 'higher_is_better') ? 'better' : 'worse';
}
