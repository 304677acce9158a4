import { describeDisclosure, indicatorById, publishCount, type DisclosureRule } from '@waymark/domain';
import type { IndicatorResult, OtherFigures, Sums } from '@waymark/analytics';

export interface DisclosureReport {
  applied: boolean;
  threshold: number;
  roundingBase: number;
  suppressedCells: number;
  note: string;
}

/**
 * Publishes one answer's figures for one caller. For roles below analyst the warehouse sums each
 * return's published figures (`cells`), never the exact ones; each total is then published again, and
 * rates, intervals, funnel limits and comparisons are worked out from those totals. So every number
 * in the answer is a function of the returns' published figures, which no combination of answers can
 * get behind. Counts of standards, audits and returns describe services, not people, and stay exact;
 * so do populations, which ONS publishes.
 */
export class DisclosureControl {
  private hidden = 0;
  constructor(
    readonly applied: boolean,
    readonly rule: DisclosureRule,
  ) {}

  /** The rule the warehouse publishes each cell by before summing, or null for exact sums. */
  get cells(): DisclosureRule | null {
    return this.applied ? this.rule : null;
  }

  /** A count as this caller may see it; null when hidden. */
  shown(value: number | null): number | null {
    return !this.applied || value === null ? value : publishCount(value, this.rule);
  }

  /** The same, counted in the answer's report when hidden: for counts that go into the answer as they are. */
  count(value: number | null): number | null {
    const shown = this.shown(value);
    if (shown === null && value !== null) this.hidden += 1;
    return shown;
  }

  /** Every figure of a group's sums (of published cells, for this caller) as the caller may see it. */
  sums(sums: Sums): Sums {
    return this.applied
      ? Object.fromEntries(Object.entries(sums).map(([key, value]) => [key, this.shown(value)]))
      : sums;
  }

  /** Case-level people are people; the other figures are about services or published elsewhere. */
  other(figures: OtherFigures): OtherFigures {
    return this.applied
      ? { ...figures, repeatPeople: this.shown(figures.repeatPeople), casePeople: this.shown(figures.casePeople) }
      : figures;
  }

  /**
   * An indicator worked out from published sums, marked (and counted) when it had to be withheld, or
   * when told to. Only the hidden parts go: a published denominator beside a hidden numerator stays,
   * unless told to withhold the whole (peers too few to show). No returns is not a withheld figure.
   */
  indicator<T extends IndicatorResult>(result: T, force = false): T & { suppressed: boolean } {
    const withheld =
      this.applied &&
      (force ||
        (result.status !== 'no_returns' &&
          result.value === null &&
          (result.numerator === null || result.denominator === null)));
    if (!withheld) return { ...result, suppressed: false };
    this.hidden += 1;
    const extra = result.extra ? { ...result.extra, shortfall: null, surplus: null } : undefined;
    // A published population is never withheld; a count of people is, when the whole is.
    const population = indicatorById(result.id)?.suppression.denominator === 'population';
    const denominator = force && !population ? null : result.denominator;
    return {
      ...result,
      numerator: force ? null : result.numerator,
      denominator,
      value: null,
      lower: null,
      upper: null,
      comparison: 'not_compared',
      extra,
      suppressed: true,
    };
  }

  /** The cells of a table, each published. */
  table<R extends Record<string, unknown>>(rows: R[], columns: string[]): R[] {
    if (!this.applied) return rows;
    return rows.map((row) => ({
      ...row,
      ...Object.fromEntries(columns.map((c) => [c, this.count(Number(row[c] ?? 0))])),
    }));
  }

  report(): DisclosureReport {
    return {
      applied: this.applied,
      threshold: this.rule.threshold,
      roundingBase: this.applied ? this.rule.roundingBase : 1,
      suppressedCells: this.hidden,
      note: this.applied
        ? describeDisclosure(this.rule)
        : 'Exact figures: your role sees counts as they were sent, neither hidden nor rounded.',
    };
  }
}
