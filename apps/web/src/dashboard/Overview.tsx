import { lazy, Suspense, useEffect } from 'react';
import { api } from '../api';
import { ChartPanel, type DataColumn } from '../components/ChartPanel';
import { countColumn, figureColumn, intervalColumn } from '../components/columns';
import { FilterBar } from '../components/FilterBar';
import { Link } from 'react-router';
import type { Coverage, IndicatorFigure, IndicatorsAnswer, TrendPoint, TrendsAnswer } from '@waymark/domain';
import { eightQuartersTo, useFilters } from '../lib/filters';
import { formatInterval, formatValue, plainNumber, UNIT_SUFFIX } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import {
  ComparisonTag,
  CoverageNote,
  DisclosureNotice,
  figureInstead,
  NothingYet,
  referenceText,
  returnsReceived,
  volumeText,
  Waiting,
} from './common';

// The charts library is large: the headline figures are fetched and shown without waiting for it, and
// each card's sparkline follows when it is ready.
const loadCharts = () => import('./charts');
const Sparkline = lazy(() => loadCharts().then((m) => ({ default: m.Sparkline })));

/** The figures a steering group looks at first. */
const HEADLINE = [
  'marac_cases_per_10k',
  'marac_repeat_rate',
  'marac_partner_referral_share',
  'routine_enquiry_rate',
  'disclosure_rate',
  'referral_conversion_made',
  'case_repeat_rate',
  'standards_compliance',
  'return_completeness',
];
/** Headline figures that can be shown quarter by quarter (from the quarterly returns). */
const BY_QUARTER = [
  'marac_cases_per_10k',
  'marac_repeat_rate',
  'marac_partner_referral_share',
  'routine_enquiry_rate',
  'disclosure_rate',
  'referral_conversion_made',
];

type TrendRow = TrendPoint & Pick<IndicatorFigure, 'id' | 'title' | 'unit'>;

function benchmarkText(i: IndicatorFigure): string {
  const parts = [i.benchmark, i.reference].filter((b) => b !== null).map((b) => referenceText(b, i.unit));
  return parts.length ? parts.join(' ') : 'None published';
}

/** "rose from 25.0% to 31.2%" between the last two quarters, or null when either is missing. */
export function changeSentence(title: string, unit: IndicatorFigure['unit'], points: TrendPoint[]): string | null {
  const [before, after] = points.slice(-2);
  if (!before || !after || before.value === null || after.value === null) return null;
  const verb = after.value > before.value ? 'rose' : after.value < before.value ? 'fell' : 'stayed';
  return verb === 'stayed'
    ? `${title} stayed at ${formatValue(unit, after.value)} in ${after.period}.`
    : `${title} ${verb} from ${formatValue(unit, before.value)} in ${before.period} to ${formatValue(unit, after.value)} in ${after.period}.`;
}

function HeadlineCard({
  indicator,
  points,
  coverage,
  threshold,
}: {
  indicator: IndicatorFigure;
  points: TrendPoint[] | undefined;
  coverage?: Coverage;
  /** The answer's disclosure threshold, for saying why a figure is withheld. */
  threshold: number;
}) {
  const i = indicator;
  const instead = figureInstead(i);
  const volume = volumeText(i);
  const received = returnsReceived(i);
  return (
    <li className="waymark-card">
      <h3 className="govuk-heading-s">{i.title}</h3>
      <p className="waymark-card__value">
        {instead ?? formatValue(i.unit, i.value)}
        <span className="govuk-body-s">
          {instead ? (i.suppressed ? ` (fewer than ${threshold})` : '') : UNIT_SUFFIX[i.unit]}
        </span>
        {received && <span className="govuk-body-s waymark-card__returns">{received}</span>}
      </p>
      <CoverageNote coverage={coverage} />
      <dl className="waymark-card__facts govuk-body-s">
        <dt>95% interval</dt>
        <dd>{formatInterval(i.unit, i.lower, i.upper)}</dd>
        {volume && (
          <>
            <dt>Cases</dt>
            <dd>{volume}</dd>
          </>
        )}
        <dt className="waymark-card__wide">Benchmark</dt>
        <dd>{benchmarkText(i)}</dd>
      </dl>
      {i.status !== 'no_returns' && <ComparisonTag comparison={i.comparison} label={i.comparisonLabel} />}
      {points && points.length > 1 && (
        <Suspense fallback={<div className="waymark-sparkline" />}>
          <Sparkline
            points={points}
            label={`${i.title} by quarter: ${points.map((p) => `${p.period} ${figureInstead(p)?.toLowerCase() ?? formatValue(i.unit, p.value)}`).join(', ')}`}
          />
        </Suspense>
      )}
    </li>
  );
}

/** How many of the returns due for an indicator came in: "3 of 4" on screen, two numbers in the CSV. */
const RETURNS_COLUMN: DataColumn<IndicatorFigure> = {
  header: 'Returns received',
  value: (i) => (i.returns ? `${i.returns.received} of ${i.returns.due}` : null),
  csv: [
    { header: 'Returns received', value: (i) => i.returns?.received ?? null },
    { header: 'Returns due', value: (i) => i.returns?.due ?? null },
  ],
};

export function Overview() {
  const { filters, query } = useFilters();
  const trendFrom = eightQuartersTo(filters.to, filters.from);
  const indicators = useLoad(() => api<IndicatorsAnswer>(`/analytics/indicators?${query()}`), [query()]);
  const trends = useLoad(
    () => api<TrendsAnswer>(`/analytics/trends?${query({ from: trendFrom, indicators: BY_QUARTER.join(',') })}`),
    [query(), trendFrom],
  );
  // Declared after the requests above, so it runs after they have gone out: the library then loads
  // and is evaluated while the server answers, instead of before the requests are even made.
  useEffect(() => void loadCharts(), []);

  return (
    <>
      <h1 className="govuk-heading-l">Your partnership at a glance</h1>
      <FilterBar />
      <Waiting loaded={indicators} what="headline figures">
        {(answer) => {
          const headline = HEADLINE.map((id) => answer.indicators.find((i) => i.id === id)).filter(
            (i): i is IndicatorFigure => i !== undefined,
          );
          const series = new Map(trends.data?.series.map((s) => [s.id, s.points]) ?? []);
          const changes = BY_QUARTER.map((id) => {
            const s = trends.data?.series.find((x) => x.id === id);
            return s ? changeSentence(s.title, s.unit, s.points) : null;
          }).filter((s): s is string => s !== null);
          const anyData = answer.indicators.some(
            (i) => i.denominator !== null && i.denominator > 0 && i.value !== null,
          );
          return (
            <>
              <p className="govuk-body-l">
                Figures for {answer.from} to {answer.to} ({answer.quarters}{' '}
                {answer.quarters === 1 ? 'quarter' : 'quarters'}).
              </p>
              <DisclosureNotice disclosure={answer.disclosure} />
              {!anyData && (
                <NothingYet>
                  No returns have been received for these quarters yet. See{' '}
                  <Link className="govuk-link" to={`/returns/completeness?period=${encodeURIComponent(answer.to)}`}>
                    who has not sent theirs
                  </Link>
                  .
                </NothingYet>
              )}
              <h2 className="govuk-heading-m">Headline indicators</h2>
              <ul className="waymark-cards govuk-list">
                {headline.map((i) => (
                  <HeadlineCard
                    key={i.id}
                    indicator={i}
                    points={series.get(i.id)}
                    coverage={i.id === 'marac_cases_per_10k' ? answer.coverage : undefined}
                    threshold={answer.disclosure.threshold}
                  />
                ))}
              </ul>
              <h2 className="govuk-heading-m">What changed since last quarter</h2>
              {trends.loading && (
                <p className="govuk-body" role="status">
                  Loading the quarterly figures…
                </p>
              )}
              {!trends.loading &&
                (changes.length ? (
                  <ul className="govuk-list govuk-list--bullet">
                    {changes.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="govuk-body">There are not yet two quarters of figures to compare.</p>
                ))}
              {trends.data && (
                <ChartPanel<TrendRow>
                  title="Headline indicators by quarter"
                  collapsible
                  summary={`The quarterly values behind the trend lines above, ${trends.data.periods[0]} to ${trends.data.periods.at(-1)}.`}
                  rows={trends.data.series.flatMap((s) =>
                    s.points.map((p) => ({ ...p, title: s.title, unit: s.unit, id: s.id })),
                  )}
                  rowKey={(r) => `${r.id}-${r.period}`}
                  suppressed={(r) => r.suppressed}
                  columns={[
                    { header: 'Indicator', value: (r) => r.title },
                    { header: 'Quarter', value: (r) => r.period },
                    figureColumn(
                      'Value',
                      (r) => r.unit,
                      (r) => r.value,
                      figureInstead,
                    ),
                    countColumn(
                      'Numerator',
                      (r) => r.numerator,
                      (r) => r.suppressed,
                    ),
                    countColumn(
                      'Denominator',
                      (r) => r.denominator,
                      (r) => r.suppressed,
                    ),
                  ]}
                />
              )}
              <ChartPanel<IndicatorFigure>
                title="Every indicator"
                summary={`All ${answer.indicators.length} indicators for ${answer.from} to ${answer.to}, with 95% intervals and how each compares with its benchmark where one is published.`}
                rows={answer.indicators}
                rowKey={(i) => i.id}
                suppressed={(i) => i.suppressed}
                columns={[
                  { header: 'Indicator', value: (i) => i.title },
                  { header: 'Section', value: (i) => i.section },
                  figureColumn(
                    'Value',
                    (i) => i.unit,
                    (i) => i.value,
                    figureInstead,
                  ),
                  intervalColumn(
                    (i) => i.unit,
                    (i) => i.lower,
                    (i) => i.upper,
                  ),
                  countColumn(
                    'Numerator',
                    (i) => i.numerator,
                    (i) => i.suppressed,
                  ),
                  countColumn(
                    'Denominator',
                    (i) => i.denominator,
                    (i) => i.suppressed,
                  ),
                  ...(answer.indicators.some((i) => i.returns) ? [RETURNS_COLUMN] : []),
                  {
                    header: 'Benchmark',
                    value: (i) => benchmarkText(i),
                    csv: [
                      { header: 'Benchmark value', value: (i) => plainNumber(i.unit, i.benchmark?.value) },
                      { header: 'Benchmark', value: (i) => benchmarkText(i) },
                    ],
                  },
                  { header: 'Compared with benchmark', value: (i) => i.comparisonLabel },
                ]}
              />
            </>
          );
        }}
      </Waiting>
    </>
  );
}
