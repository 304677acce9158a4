import { Z_95, Z_998 } from './distributions.js';
import { wilsonInterval, type Interval } from './intervals.js';

export type FunnelMethod = 'normal' | 'wilson';

export interface FunnelLimits {
  n: number;
  limits95: Interval;
  limits998: Interval;
}

/**
 * Control limits around a target proportion p0 for a unit with denominator n. `normal` uses
 * p0 ± z·√(p0(1−p0)/n); `wilson` takes the Wilson interval of the expected proportion, as in the
 * Fingertips statistical process control convention.
 */
export function funnelLimits(p0: number, n: number, method: FunnelMethod = 'wilson'): FunnelLimits {
  if (method === 'wilson') {
    return { n, limits95: wilsonInterval(p0 * n, n, 0.95)!, limits998: wilsonInterval(p0 * n, n, 0.998)! };
  }
  const se = Math.sqrt((p0 * (1 - p0)) / n);
  return {
    n,
    limits95: { lower: p0 - Z_95 * se, upper: p0 + Z_95 * se },
    limits998: { lower: p0 - Z_998 * se, upper: p0 + Z_998 * se },
  };
}

/** Points along the funnel for drawing it, from the smallest to the largest denominator shown. */
export function funnelCurve(
  p0: number,
  minN: number,
  maxN: number,
  steps = 40,
  method: FunnelMethod = 'wilson',
): FunnelLimits[] {
  const lo = Math.max(1, minN);
  const ratio = Math.max(maxN, lo + 1) / lo;
  return Array.from({ length: steps + 1 }, (_, i) => funnelLimits(p0, Math.round(lo * ratio ** (i / steps)), method));
}
