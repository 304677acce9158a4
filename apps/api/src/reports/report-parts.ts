import {
  formatCount,
  formatInterval,
  formatValue,
  type Benchmark,
  type IndicatorUnit,
  type Report,
  type ReportChart,
  type ReportSection,
  type ReportTable,
} from '@waymark/domain';
import type { AnalyticsService } from '../analytics/analytics.service.js';
import type { Caller } from '../scope/area-scope.js';

/** One indicator as the indicators answer gives it, already published for the reader's role. */
export type IndicatorFigure = Awaited<ReturnType<AnalyticsService['indicators']>>['indicators'][number];
export type IndicatorAnswer = Awaited<ReturnType<AnalyticsService['indicators']>>;

/** What a report is written about, and for whom. */
export interface ReportContext {
  /** Whose rules apply: the caller, or for a published paper the caller read as a viewer would be. */
  reader: Caller;
  /** Small numbers hidden (a viewer, or someone who asked for published figures). */
  published: boolean;
  area: { code: string; name: string; type: string } | null;
  /** Set when the report was asked for by Marac: it stands for the district it serves. */
  marac: { id: string; name: string } | null;
  /** The area in words: "Hartlepool", or "every area you can see". */
  place: string;
  from: string;
  to: string;
  /** The financial year audits are read from: the one the period ends in. */
  auditYear: string;
  madeAt: string;
  /** Which figures the report holds, in a sentence for its cover. */
  statement: string;
  marking: Report['marking'];
}

/** What a report's writer gives back: its sections and the sources of its benchmarks. */
export interface ReportBody {
  sections: ReportSection[];
  sources: string[];
}

export const byId = (answer: IndicatorAnswer, id: string): IndicatorFigure | undefined =>
  answer.indicators.find((i) => i.id === id);
/** The indicators with these ids, in this order. */
export const pick = (answer: IndicatorAnswer, ids: string[]) =>
  ids.map((id) => byId(answer, id)).filter((i): i is IndicatorFigure => i !== undefined);

/** A figure as a reader sees it: the value, or why there is none. */
export function figureText(i: IndicatorFigure): string {
  if (i.status === 'no_returns') return 'No returns';
  if (i.suppressed) return 'Withheld (small numbers)';
  return formatValue(i.unit, i.value);
}

/** Why a figure has no value, as the end of a sentence. */
export const whyMissing = (i: IndicatorFigure) =>
  i.status === 'no_returns'
    ? 'no returns arrived'
    : i.suppressed
      ? 'the counts behind it are too small to publish'
      : 'there is nothing to divide by';

/** A benchmark with its label, as a table cell. */
export const benchmarkText = (unit: IndicatorUnit, b: Benchmark | null) =>
  b ? `${formatValue(unit, b.value)} (${benchmarkName(b)})` : '—';

/** Indicators counting people; the rest count returns and standards, which describe services. */
const countsPeople = (i: IndicatorFigure) => i.source === 'marac' || i.source === 'agency' || i.source === 'case';

/**
 * Indicators side by side with their counts and intervals. Counts of people are as published for the
 * reader (a withheld count reads "<5"); counts of returns and standards read "3 of 4".
 */
export function indicatorTable(caption: string, items: IndicatorFigure[], withheld: boolean): ReportTable {
  const count = (i: IndicatorFigure) =>
    countsPeople(i)
      ? formatCount(i.numerator, withheld && i.suppressed)
      : i.numerator === null
        ? '—'
        : `${i.numerator} of ${i.denominator}`;
  const outOf = (i: IndicatorFigure) => {
    if (i.unit === 'count' || !countsPeople(i)) return '—';
    if (i.unit === 'per_10000_per_year')
      return i.denominator === null ? '—' : `${formatCount(i.denominator, false)} women-years`;
    return formatCount(i.denominator, withheld && i.suppressed);
  };
  return {
    caption,
    head: ['Indicator', 'Figure', '95% interval', 'Count', 'Out of', 'Benchmark'],
    numeric: [false, true, true, true, true, false],
    rows: items.map((i) => [
      i.title,
      figureText(i),
      formatInterval(i.unit, i.lower, i.upper),
      count(i),
      outOf(i),
      benchmarkText(i.unit, i.benchmark ?? i.reference),
    ]),
  };
}

/** A benchmark's name with the period it describes: "England and Wales, Oct 2023 to Sep 2024". */
export const benchmarkName = (b: Benchmark) => `${b.label}${b.period ? `, ${b.period.label}` : ''}`;

/** What a chart writes where figures are missing: why, when they are all missing for one reason. */
function missingLabel(items: IndicatorFigure[]): string | undefined {
  const missing = items.filter((i) => i.value === null);
  if (missing.length === 0) return undefined;
  if (missing.every((i) => i.suppressed)) return 'withheld';
  if (missing.every((i) => i.status === 'no_returns')) return 'no returns';
  return 'not available';
}

/** Bars of indicators' figures (saying why one is missing), beside their benchmarks where they have them. */
export function indicatorBars(
  title: string,
  items: IndicatorFigure[],
  description: string,
  withBenchmarks = false,
): ReportChart {
  const series: ReportChart['series'] = [
    { label: 'This area', values: items.map((i) => i.value), missing: missingLabel(items) },
  ];
  const named = items.map((i) => i.benchmark).find((b) => b);
  if (withBenchmarks && named)
    series.push({ label: benchmarkName(named), values: items.map((i) => i.benchmark?.value ?? null) });
  return {
    title,
    kind: 'bars',
    unit: items[0]?.unit ?? 'percent',
    categories: items.map((i) => i.title),
    series,
    references: [],
    description,
  };
}

/** A chart only when it has something to show: with no figure of its own it would be a picture of nothing. */
export const drawn = (chart: ReportChart): ReportChart[] =>
  chart.series[0]?.values.some((v) => v !== null) ? [chart] : [];

const DIFFERS = new Set(['better', 'worse', 'higher', 'lower']);
/** Figures that differ from their benchmarks by more than chance would explain. */
export const differing = (items: IndicatorFigure[]) =>
  items.filter((i) => i.value !== null && i.benchmark && DIFFERS.has(i.comparison));

/** How figures compare with their benchmarks, in a sentence naming only those that differ. */
export function comparedInWords(items: IndicatorFigure[], what: string): string {
  const compared = items.filter((i) => i.value !== null && i.benchmark && i.comparison !== 'not_compared');
  if (compared.length === 0) return '';
  const apart = differing(compared);
  if (apart.length === 0)
    return `None of the ${what} with a national figure differs from it by more than chance would explain.`;
  const said = apart.map(
    (i) =>
      `${i.title}, ${i.comparison} (${formatValue(i.unit, i.value)} against ${formatValue(i.unit, i.benchmark!.value)})`,
  );
  return `Set against ${benchmarkName(apart[0].benchmark!)}, ${apart.length === 1 ? 'one differs' : `${apart.length} differ`}: ${said.join('; ')}.`;
}

/** A low repeat rate is a warning sign, not an achievement: repeats may be going unrecognised. */
export const LOW_REPEATS =
  'A repeat rate well below the national one can mean that repeat cases are not being recognised and referred back.';

/**
 * The section a board reads first: every figure in the report that differs from its benchmark by more
 * than chance would explain, with how many districts and returns the figures rest on.
 */
export function keyMessages(
  answer: IndicatorAnswer,
  items: IndicatorFigure[],
  kinds: ('marac' | 'agency')[],
): ReportSection {
  const apart = differing(items);
  const returns = kinds.map((k) => answer.returns[k]).filter((r) => r !== null);
  const received = returns.reduce((n, r) => n + r.received, 0);
  const due = returns.reduce((n, r) => n + r.due, 0);
  const { districts, districtsReporting } = answer.coverage;
  const covered =
    districts === 0
      ? ''
      : districts === 1
        ? `; the district ${districtsReporting ? 'had a' : 'had no'} Marac return`
        : `; ${districtsReporting} of the ${districts} districts had a Marac return`;
  const basis =
    due === 0
      ? 'No returns were due in this period.'
      : `The figures rest on ${received} of the ${due} ${kinds.length === 1 ? `${kinds[0] === 'marac' ? 'Marac' : 'agency'} ` : ''}returns due${covered}.`;
  const low = apart.some((i) => i.id === 'marac_repeat_rate' && i.comparison === 'lower');
  const count =
    apart.length === 1
      ? 'One figure differs from its benchmark'
      : `${apart.length} figures differ from their benchmarks`;
  return {
    id: 'key-messages',
    title: 'Key messages',
    summary: `${apart.length ? `${count} by more than chance would explain.` : 'No figure in this report differs from its benchmark by more than chance would explain.'} ${basis}${low ? ` ${LOW_REPEATS}` : ''}`,
    charts: [],
    tables: apart.length
      ? [
          {
            caption: 'Figures that differ from their benchmarks',
            head: ['Indicator', 'Figure', 'Benchmark', 'How it compares'],
            numeric: [false, true, false, false],
            rows: apart.map((i) => [
              i.title,
              formatValue(i.unit, i.value),
              benchmarkText(i.unit, i.benchmark),
              i.comparisonLabel,
            ]),
          },
        ]
      : [],
    notes: ['A figure counts as different only when its whole 95% interval lies on one side of the benchmark.'],
  };
}

/** Returns received against returns due, for each kind of return. */
export function returnsSection(answer: IndicatorAnswer): ReportSection {
  const completeness = byId(answer, 'return_completeness')!;
  const line = (label: string, r: { received: number; due: number } | null) => [
    label,
    r ? `${r.received} of ${r.due}` : '—',
    r && r.due ? formatValue('percent', r.received / r.due) : '—',
  ];
  const summary =
    completeness.value === null
      ? 'No returns were due in this period.'
      : `${formatValue('percent', completeness.value)} of the returns due for the period arrived (${completeness.numerator} of ${completeness.denominator}).`;
  return {
    id: 'returns',
    title: 'Completeness of returns',
    summary,
    charts: [],
    tables: [
      {
        caption: 'Returns received against returns due',
        head: ['Returns', 'Received', 'Share received'],
        numeric: [false, true, true],
        rows: [line('Marac returns', answer.returns.marac), line('Agency returns', answer.returns.agency)],
      },
    ],
    notes: ['A figure worked out from incomplete returns describes only the services that sent them.'],
  };
}

/** Every benchmark the figures were set against, with its source and the period it describes. */
export function sourcesOf(items: IndicatorFigure[]): string[] {
  const found = items
    .flatMap((i) => [i.benchmark, i.reference])
    .filter((b): b is Benchmark => b !== null && b !== undefined);
  return [
    ...new Set(
      found.map(
        (b) =>
          `${b.label}: ${b.source}${b.period && !b.source.includes(b.period.label) ? ` (${b.period.label})` : ''}.`,
      ),
    ),
  ];
}
