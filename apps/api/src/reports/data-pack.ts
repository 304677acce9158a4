import { COMPARISON_LABELS, INDICATORS, longDate, type IndicatorUnit } from '@waymark/domain';
import type { AnalyticsService } from '../analytics/analytics.service.js';
import type { AreaView } from '../areas/areas.repository.js';
import type { IndicatorFigure, ReportContext } from './report-parts.js';

/** One financial year of the pack, clipped to the quarters asked for. */
export interface PackYear {
  label: string;
  from: string;
  to: string;
}

/** Everything the workbook says, as plain data: gathered where the answers are, written in the render worker. */
export interface DataPack {
  readme: string[];
  note: string;
  sheets: { name: string; rows: PackRow[] }[];
}

export type PackRow = ReturnType<typeof row>;

/** A pack covers at most this many areas times years: all of England and Wales over three years. */
export const MAX_AREA_YEARS = 1_100;

export const UNIT_WORDS: Record<IndicatorUnit, string> = {
  percent: 'share',
  per_10000_per_year: 'per 10,000 women a year',
  per_case: 'per case',
  count: 'count',
};
const THEMES = [...new Set(INDICATORS.map((d) => d.section))];
/** Interval ends can carry floating-point dust (6.9e-18 for 0); ten decimal places is more than any figure means. */
const tidy = (value: number | null) => (value === null ? null : Math.round(value * 1e10) / 1e10);

function row(year: PackYear, area: AreaView, i: IndicatorFigure) {
  const level = i.benchmark ?? i.reference ?? null;
  return {
    year: year.label,
    quarters: year.from === year.to ? year.from : `${year.from} to ${year.to}`,
    code: area.code,
    area: area.name,
    women: area.females16plus,
    id: i.id,
    title: i.title,
    unit: i.unit,
    value: tidy(i.value),
    lower: tidy(i.lower),
    upper: tidy(i.upper),
    numerator: tidy(i.numerator),
    denominator: tidy(i.denominator),
    withheld: i.suppressed ? 'yes' : i.status === 'no_returns' ? 'no returns' : 'no',
    received: i.returns?.received ?? null,
    due: i.returns?.due ?? null,
    comparison: i.status === 'no_returns' ? 'No returns' : COMPARISON_LABELS[i.comparison],
    benchmark: level?.value ?? null,
    benchmarkLabel: level?.label ?? null,
    benchmarkPeriod: level?.period?.label ?? null,
    benchmarkSource: level?.source ?? null,
  };
}

/**
 * The needs-assessment pack's contents: every indicator by area and year, as the reader's role may
 * see it (the same indicator answers the dashboard gives, one per area and year, not kept in the
 * dashboard's answer cache).
 */
export async function gatherDataPack(
  ctx: ReportContext,
  analytics: AnalyticsService,
  places: AreaView[],
  years: PackYear[],
): Promise<DataPack> {
  const answers: { year: PackYear; area: AreaView; indicators: IndicatorFigure[]; note: string }[] = [];
  for (const year of years) {
    // A few areas at a time: the warehouse serves the dashboard meanwhile.
    for (let start = 0; start < places.length; start += 8) {
      const batch = places.slice(start, start + 8);
      const found = await Promise.all(
        batch.map((area) =>
          analytics.indicators(ctx.reader, { area: area.code, from: year.from, to: year.to }, { cache: false }),
        ),
      );
      found.forEach((answer, n) =>
        answers.push({ year, area: batch[n], indicators: answer.indicators, note: answer.disclosure.note }),
      );
    }
  }
  const note = answers[0]?.note ?? '';
  const readme = [
    'Needs-assessment data pack',
    `${ctx.place}, ${years.map((y) => y.label).join(', ')} (financial years; quarters ${ctx.from} to ${ctx.to})`,
    `Made on ${longDate(ctx.madeAt)} by Waymark. ${ctx.statement}`,
    `Marking: ${ctx.marking.label}. ${ctx.marking.note}`,
    '',
    `Sheets: one per theme (${THEMES.join(', ')}), each listing every indicator for the area as a whole and for each district in it, year by year; then Methods.`,
    'Figures are numbers: shares are formatted as percentages, rates per 10,000 women a year to one decimal place. An empty Figure means no returns arrived or the figure was withheld (see the Withheld column). A year with fewer than four quarters says so in the Quarters column.',
    'Intervals are 95% confidence intervals. Each figure is compared with its benchmark only where the whole interval lies on one side of it. Benchmarks give the period they describe and their source.',
    'Populations are women aged 16 and over (ONS mid-2021 estimates). Rates per 10,000 women count only the women of districts whose Marac sent returns, for the quarters it sent them: their Denominator is in women-years.',
  ];
  const sheets = THEMES.map((theme) => ({
    name: theme.slice(0, 31),
    rows: answers.flatMap((a) => a.indicators.filter((i) => i.section === theme).map((i) => row(a.year, a.area, i))),
  }));
  return { readme, note, sheets };
}
