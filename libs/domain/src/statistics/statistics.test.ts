import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithBenchmark } from './comparison.js';
import { gammaP } from './distributions.js';
import { funnelLimits } from './funnel.js';
import { poissonCountInterval, rateWithInterval, wilsonInterval } from './intervals.js';

function fixture(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(
    fileURLToPath(new URL(`../../../../tests/fixtures/${name}`, import.meta.url)),
    'utf8',
  )
    .trim()
    .split(/\r?\n/);
  const keys = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
}

describe('Wilson score interval', () => {
  it.each(fixture('fixture_wilson_vs_fingertips.csv'))(
    'reproduces Fingertips for indicator $indicatorid in $areacode',
    (row) => {
      const interval = wilsonInterval(Number(row.count), Number(row.denominator))!;
      const m = Number(row.multiplier);
      expect(Math.abs(interval.lower * m - Number(row.published_lcl95))).toBeLessThan(1e-5);
      expect(Math.abs(interval.upper * m - Number(row.published_ucl95))).toBeLessThan(1e-5);
    },
  );

  it('stays within 0 and 1 and refuses impossible proportions', () => {
    expect(wilsonInterval(0, 10)!.lower).toBe(0);
    expect(wilsonInterval(10, 10)!.upper).toBeCloseTo(1, 12);
    expect(wilsonInterval(11, 10)).toBeNull();
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('rates per 10,000 with exact Poisson and Byar limits', () => {
  it.each(fixture('fixture_byars_rate_per10000.csv'))('reproduces $cases per $adult_female_pop ($method)', (row) => {
    const rate = rateWithInterval(Number(row.cases), Number(row.adult_female_pop))!;
    // The oracle is published to 4 decimal places: rounding ours the same way must give it exactly.
    const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
    expect(round4(rate.value)).toBe(Number(row.rate_per_10000));
    expect(round4(rate.interval.lower)).toBe(Number(row.lcl95));
    expect(round4(rate.interval.upper)).toBe(Number(row.ucl95));
  });

  it('gives the textbook exact limits for small counts', () => {
    expect(poissonCountInterval(0).upper).toBeCloseTo(3.688879, 5);
    expect(poissonCountInterval(1).lower).toBeCloseTo(0.025318, 5);
    expect(poissonCountInterval(1).upper).toBeCloseTo(5.571643, 5);
    expect(gammaP(3, 2)).toBeCloseTo(0.3233235838, 9);
  });
});

describe('funnel plot limits', () => {
  it.each(fixture('fixture_funnel_limits_p0_031.csv'))('reproduces both conventions at n = $n', (row) => {
    const n = Number(row.n);
    const normal = funnelLimits(0.31, n, 'normal');
    const wilson = funnelLimits(0.31, n, 'wilson');
    const close = (a: number, b: string) => expect(Math.abs(a - Number(b))).toBeLessThan(1e-5);
    close(normal.limits95.lower, row.lower95_normal);
    close(normal.limits95.upper, row.upper95_normal);
    close(normal.limits998.lower, row.lower998_normal);
    close(normal.limits998.upper, row.upper998_normal);
    close(wilson.limits95.lower, row.lower95_fingertips_spc);
    close(wilson.limits95.upper, row.upper95_fingertips_spc);
    close(wilson.limits998.lower, row.lower998_fingertips_spc);
    close(wilson.limits998.upper, row.upper998_fingertips_spc);
  });
});

describe('comparison with a benchmark', () => {
  it('counts a difference only when the whole interval is on one side, respecting polarity', () => {
    expect(compareWithBenchmark({ lower: 0.4, upper: 0.5 }, 0.31, 'higher_is_better')).toBe('better');
    expect(compareWithBenchmark({ lower: 0.4, upper: 0.5 }, 0.31, 'lower_is_better')).toBe('worse');
    expect(compareWithBenchmark({ lower: 0.2, upper: 0.25 }, 0.31, 'lower_is_better')).toBe('better');
    expect(compareWithBenchmark({ lower: 0.25, upper: 0.35 }, 0.31, 'higher_is_better')).toBe('similar');
    expect(compareWithBenchmark({ lower: 0.4, upper: 0.5 }, 0.31, 'none')).toBe('higher');
    expect(compareWithBenchmark(null, 0.31, 'higher_is_better')).toBe('not_compared');
    expect(compareWithBenchmark({ lower: 0.4, upper: 0.5 }, null, 'higher_is_better')).toBe('not_compared');
  });
});
