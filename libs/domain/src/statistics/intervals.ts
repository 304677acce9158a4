import { gammaPInverse, Z_95, Z_998 } from './distributions.js';

export interface Interval {
  lower: number;
  upper: number;
}

export type Confidence = 0.95 | 0.998;

const zFor = (level: Confidence) => (level === 0.95 ? Z_95 : Z_998);

/** Wilson score interval for a proportion x / n (as a fraction), as Fingertips publishes it. */
export function wilsonInterval(x: number, n: number, level: Confidence = 0.95): Interval | null {
  if (n <= 0 || x < 0 || x > n) return null;
  const z = zFor(level);
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * Interval for a count of events treated as Poisson: exact (chi-square) limits below 10 events,
 * Byar's approximation from 10, the convention of public health profiles.
 */
export function poissonCountInterval(count: number, level: Confidence = 0.95): Interval {
  const alpha = 1 - level;
  if (count < 10) {
    return {
      lower: count === 0 ? 0 : gammaPInverse(count, alpha / 2),
      upper: gammaPInverse(count + 1, 1 - alpha / 2),
    };
  }
  const z = zFor(level);
  const lower = count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3;
  const upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * Math.sqrt(count + 1))) ** 3;
  return { lower, upper };
}

/** A rate per `per` people (for example Marac cases per 10,000 adult females) with its interval. */
export function rateWithInterval(
  count: number,
  population: number,
  per = 10_000,
  level: Confidence = 0.95,
): { value: number; interval: Interval } | null {
  if (population <= 0 || count < 0) return null;
  const scale = per / population;
  const limits = poissonCountInterval(count, level);
  return { value: count * scale, interval: { lower: limits.lower * scale, upper: limits.upper * scale } };
}
