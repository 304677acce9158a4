import {
  benchmarkFor,
  compareWithBenchmark,
  fromQuarterlyReturns,
  INDICATORS,
  rateWithInterval,
  wilsonInterval,
  type Benchmark,
  type Estimate,
  type FigureKey,
  type FormulaPart,
  type IndicatorDef,
  type IndicatorExtra,
  type Interval,
  type OtherFigure,
  type ReturnCount,
  type ReturnsStatus,
} from '@waymark/domain';
import type { OtherFigures, Sums } from './indicators.js';

/** The counts behind one indicator, and the figure, its 95% interval and how it compares. */
export interface IndicatorResult extends Estimate {
  id: string;
  status: ReturnsStatus;
  /** Returns of the indicator's kind received and due in the range (null when not counted). */
  returns: ReturnCount | null;
  /** The benchmark for this range (national figures from the period they describe). */
  benchmark: Benchmark | null;
  reference: Benchmark | null;
  /** For formulas with a gap to their benchmark: the numerator the benchmark implies, and the gap. */
  extra?: IndicatorExtra;
}

/** The quarters an answer covers, by index (inclusive). */
export interface QuarterRange {
  from: number;
  to: number;
}

/** A figure: a number, or null when disclosure control withholds it. */
type Figure = number | null;

/** The figures worked out beside the sums, by the keys formulas name them with. */
function otherFigure(o: OtherFigures): Record<OtherFigure, Figure> {
  return {
    'case.people': o.casePeople,
    'case.repeat_people': o.repeatPeople,
    'audit.met': o.standardsMet,
    'audit.applicable': o.standardsApplicable,
    'returns.received': (o.maracReturns?.received ?? 0) + (o.agencyReturns?.received ?? 0),
    'returns.due': (o.maracReturns?.due ?? 0) + (o.agencyReturns?.due ?? 0),
    'population.covered_women_years': o.coveredWomenYears,
  };
}

/** One side of a formula. Absent figures (no rows) count as 0; a withheld one withholds the whole. */
function evaluatePart(part: FormulaPart, figure: (key: FigureKey) => Figure | undefined): Figure {
  let sum = 0;
  for (const [keys, sign] of [
    [part.add, 1],
    [part.subtract ?? [], -1],
  ] as const) {
    for (const key of keys) {
      const f = figure(key);
      if (f === null) return null;
      sum += sign * (f ?? 0);
    }
  }
  return sum * (part.times ?? 1);
}

/** Whether the returns behind an indicator arrived; without counts, any figures at all mean returned. */
function returnsFor(
  def: IndicatorDef,
  m: Sums,
  a: Sums,
  o: OtherFigures,
): { status: ReturnsStatus; returns: ReturnCount | null } {
  const judged = (count: ReturnCount | null, sums: Sums) => {
    if (!count) return { status: Object.keys(sums).length ? 'complete' : 'no_returns', returns: null } as const;
    return {
      status: count.received === 0 ? 'no_returns' : count.received < count.due ? 'partial' : 'complete',
      returns: count,
    } as const;
  };
  if (def.source === 'marac') return judged(o.maracReturns, m);
  if (def.source === 'agency') return judged(o.agencyReturns, a);
  if (def.source === 'case') return { status: o.casePeople === 0 ? 'no_returns' : 'complete', returns: null };
  if (def.source === 'audit') return { status: o.standardsApplicable === 0 ? 'no_returns' : 'complete', returns: null };
  const all =
    o.maracReturns && o.agencyReturns
      ? { received: o.maracReturns.received + o.agencyReturns.received, due: o.maracReturns.due + o.agencyReturns.due }
      : null;
  return { status: all && all.due === 0 ? 'no_returns' : 'complete', returns: all };
}

/** The value and interval of a numerator over a denominator, by the entry's interval method. */
function estimate(def: IndicatorDef, x: Figure, n: Figure): { value: Figure; interval: Interval | null } {
  const per = def.formula.per ?? 1;
  if (!def.formula.denominator) return { value: x, interval: null };
  if (x === null || n === null || n === 0) return { value: null, interval: null };
  if (def.interval === 'poisson') {
    const rate = rateWithInterval(x, n, per);
    return rate ?? { value: null, interval: null };
  }
  const interval = def.interval === 'wilson' && n > 0 && x <= n ? wilsonInterval(x, n) : null;
  return { value: (x / n) * per, interval };
}

/** How far the numerator is from the one the benchmark implies for this denominator. */
function gapToBenchmark(def: IndicatorDef, x: Figure, n: Figure, benchmark: number | null) {
  const expected = n === null || benchmark === null ? null : (benchmark * n) / (def.formula.per ?? 1);
  const gap = expected === null || x === null ? null : Math.round(x - expected);
  return {
    recommendedCases: expected === null ? null : Math.round(expected),
    shortfall: gap === null ? null : Math.max(0, -gap),
    surplus: gap === null ? null : Math.max(0, gap),
  };
}

/**
 * Every indicator in the catalogue from the sums of one group (an area, a quarter, or everything),
 * each worked out from its formula. Sums may hold withheld figures (null) when disclosure control
 * has published them: any indicator that needs one is withheld too, and everything else is worked
 * out from the figures as given. An indicator whose returns never arrived has no value at all
 * (never 0) and is not compared.
 */
export function computeIndicators(
  m: Sums,
  a: Sums,
  o: OtherFigures,
  range: QuarterRange,
  only?: (d: IndicatorDef) => boolean,
): IndicatorResult[] {
  const others = otherFigure(o);
  const figure = (key: FigureKey): Figure | undefined => {
    const [kind, field] = key.split('.', 2);
    if (kind === 'marac') return m[field];
    if (kind === 'agency') return a[field];
    return others[key as OtherFigure];
  };
  return INDICATORS.filter((d) => !only || only(d)).map((def): IndicatorResult => {
    const benchmark = benchmarkFor(def.benchmark, range.from, range.to);
    const described = {
      id: def.id,
      ...returnsFor(def, m, a, o),
      benchmark,
      reference: benchmarkFor(def.reference, range.from, range.to),
    };
    const noReturns = described.status === 'no_returns';
    const x = noReturns ? null : evaluatePart(def.formula.numerator, figure);
    const n = noReturns || !def.formula.denominator ? null : evaluatePart(def.formula.denominator, figure);
    const { value, interval } = noReturns ? { value: null, interval: null } : estimate(def, x, n);
    return {
      ...described,
      numerator: x,
      denominator: n,
      value,
      lower: interval?.lower ?? null,
      upper: interval?.upper ?? null,
      comparison: compareWithBenchmark(interval, benchmark?.value ?? null, def.polarity),
      ...(def.formula.gapToBenchmark ? { extra: gapToBenchmark(def, x, n, benchmark?.value ?? null) } : {}),
    };
  });
}

/** Indicators whose figures come from the quarterly sums (and population) alone, so can be trended by quarter or area. */
export const SUM_BASED = (d: IndicatorDef) => fromQuarterlyReturns(d.formula);
