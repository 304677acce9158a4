import { DEFAULT_THRESHOLD, hiddenLabel, isSmall, MARAC_REFERRAL_SOURCES, suppressGroup } from '@waymark/domain';
import type { IndicatorResult } from '@waymark/analytics';

export interface Disclosed<T> {
  value: T;
  suppressed: boolean;
}

export interface DisclosureReport {
  applied: boolean;
  threshold: number;
  suppressedCells: number;
  note: string;
}

/** Tracks what one response hid, so the response can say so. */
export class DisclosureControl {
  private hidden = 0;
  constructor(readonly applied: boolean, readonly threshold = DEFAULT_THRESHOLD) {}

  small(count: number | null | undefined): boolean {
    return this.applied && count !== null && count !== undefined && isSmall(Math.round(count), this.threshold);
  }

  /** Hides an indicator's counts and figures (null) when either count is small, or when told to. */
  indicator<T extends IndicatorResult>(result: T, force = false, denominatorIsPopulation = false): T & { suppressed: boolean } {
    const hide = force || this.small(result.numerator) || (!denominatorIsPopulation && this.small(result.denominator));
    if (!hide) return { ...result, suppressed: false };
    this.hidden += 1;
    return { ...result, numerator: null, denominator: denominatorIsPopulation ? result.denominator : null, value: null, lower: null, upper: null, comparison: 'not_compared', extra: result.extra ? { ...result.extra, shortfall: null, recommendedCases: result.extra.recommendedCases ?? null } : undefined, suppressed: true };
  }

  /**
   * Referral-source shares add up to all cases, so hiding one small source alone would let it be
   * worked out: the group is suppressed together.
   */
  sourceShares(results: IndicatorResult[]): Set<string> {
    if (!this.applied) return new Set();
    const sources = MARAC_REFERRAL_SOURCES.map((s) => results.find((r) => r.id === `marac_source_${s.code}`));
    // Only when every source is in the answer could a lone hidden one be worked out from the total.
    if (sources.some((r) => r === undefined)) return new Set();
    const { hidden } = suppressGroup(sources.map((r) => Math.round(r!.numerator ?? 0)), this.threshold);
    return new Set([...hidden].map((i) => sources[i]!.id));
  }

  /**
   * A table whose rows (quarters, areas or sectors) add up, column by column, to a total another
   * query can show: each column is suppressed as a group so no hidden cell can be worked out.
   */
  table<R extends Record<string, unknown>>(rows: R[], columns: string[]): R[] {
    if (!this.applied) return rows;
    const out = rows.map((r) => ({ ...r }));
    for (const column of columns) {
      const { hidden } = suppressGroup(rows.map((r) => Math.round(Number(r[column] ?? 0))), this.threshold);
      for (const i of hidden) (out[i] as Record<string, unknown>)[column] = null;
      this.hidden += hidden.size;
    }
    return out;
  }

  /** A plain count in a table; null when hidden. */
  count(value: number | null): number | null {
    if (!this.small(value)) return value;
    this.hidden += 1;
    return null;
  }

  report(): DisclosureReport {
    return {
      applied: this.applied,
      threshold: this.threshold,
      suppressedCells: this.hidden,
      note: this.applied
        ? `Counts from 1 to ${this.threshold - 1} are shown as "${hiddenLabel(this.threshold)}", with enough others hidden that they cannot be worked out; rates made from them are withheld.`
        : 'Exact figures: your role sees unsuppressed counts.',
    };
  }
}
