import { api } from '../api';
import { ChartPanel } from '../components/ChartPanel';
import { FilterBar } from '../components/FilterBar';
import { Link } from 'react-router';
import { eightQuartersTo, useFilters } from '../lib/filters';
import { countOrHidden, formatCount, formatInterval, formatValue, UNIT_SUFFIX } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { Sparkline } from './charts';
import { ComparisonTag, DisclosureNotice, NothingYet, Waiting } from './common';
import type { Indicator, IndicatorAnswer, TrendAnswer, TrendPoint } from './types';

/** The figures a steering group looks at first. */
const HEADLINE = ['marac_cases_per_10k', 'marac_repeat_rate', 'marac_partner_referral_share', 'routine_enquiry_rate', 'disclosure_rate', 'referral_conversion_made', 'case_repeat_rate', 'standards_compliance', 'return_completeness'];
/** Headline figures that can be shown quarter by quarter (from the quarterly returns). */
const BY_QUARTER = ['marac_cases_per_10k', 'marac_repeat_rate', 'marac_partner_referral_share', 'routine_enquiry_rate', 'disclosure_rate', 'referral_conversion_made'];

function benchmarkText(i: Indicator): string {
  const parts = [i.benchmark, i.reference].filter((b) => b !== null).map((b) => `${formatValue(i.unit, b!.value)} (${b!.label})`);
  return parts.length ? parts.join('; ') : 'None published';
}

/** "rose from 25.0% to 31.2%" between the last two quarters, or null when either is missing. */
export function changeSentence(title: string, unit: Indicator['unit'], points: TrendPoint[]): string | null {
  const [before, after] = points.slice(-2);
  if (!before || !after || before.value === null || after.value === null) return null;
  const verb = after.value > before.value ? 'rose' : after.value < before.value ? 'fell' : 'stayed';
  return verb === 'stayed'
    ? `${title} stayed at ${formatValue(unit, after.value)} in ${after.period}.`
    : `${title} ${verb} from ${formatValue(unit, before.value)} in ${before.period} to ${formatValue(unit, after.value)} in ${after.period}.`;
}

function HeadlineCard({ indicator, points }: { indicator: Indicator; points: TrendPoint[] | undefined }) {
  const i = indicator;
  return (
    <li className="waymark-card">
      <h3 className="govuk-heading-s">{i.title}</h3>
      <p className="waymark-card__value">
        {i.suppressed ? 'Withheld' : formatValue(i.unit, i.value)}
        <span className="govuk-body-s">{i.suppressed ? ' (fewer than 5)' : UNIT_SUFFIX[i.unit]}</span>
      </p>
      <dl className="waymark-card__facts govuk-body-s">
        <dt>95% interval</dt><dd>{formatInterval(i.unit, i.lower, i.upper)}</dd>
        <dt>Benchmark</dt><dd>{benchmarkText(i)}</dd>
        {i.extra?.shortfall !== undefined && i.extra.shortfall !== null && (<><dt>Shortfall against 40</dt><dd>{formatCount(i.extra.shortfall, false)} cases</dd></>)}
      </dl>
      <ComparisonTag comparison={i.comparison} label={i.comparisonLabel} />
      {points && points.length > 1 && (
        <Sparkline points={points} label={`${i.title} by quarter: ${points.map((p) => `${p.period} ${p.value === null ? 'not available' : formatValue(i.unit, p.value)}`).join(', ')}`} />
      )}
    </li>
  );
}

export function Overview() {
  const { filters, query } = useFilters();
  const trendFrom = eightQuartersTo(filters.to, filters.from);
  const indicators = useLoad(() => api<IndicatorAnswer>(`/analytics/indicators?${query()}`), [query()]);
  const trends = useLoad(() => api<TrendAnswer>(`/analytics/trends?${query({ from: trendFrom, indicators: BY_QUARTER.join(',') })}`), [query(), trendFrom]);

  return (
    <>
      <h1 className="govuk-heading-l">Your partnership at a glance</h1>
      <FilterBar />
      <Waiting loaded={indicators} what="headline figures">
        {(answer) => {
          const headline = HEADLINE.map((id) => answer.indicators.find((i) => i.id === id)).filter((i): i is Indicator => i !== undefined);
          const series = new Map(trends.data?.series.map((s) => [s.id, s.points]) ?? []);
          const changes = BY_QUARTER.map((id) => {
            const s = trends.data?.series.find((x) => x.id === id);
            return s ? changeSentence(s.title, s.unit, s.points) : null;
          }).filter((s): s is string => s !== null);
          const anyData = answer.indicators.some((i) => i.denominator !== null && i.denominator > 0 && i.value !== null);
          return (
            <>
              <p className="govuk-body-l">Figures for {answer.from} to {answer.to} ({answer.quarters} quarters).</p>
              <DisclosureNotice disclosure={answer.disclosure} />
              {!anyData && <NothingYet>No returns have been received for these quarters yet. See <Link className="govuk-link" to={`/returns/completeness?period=${encodeURIComponent(answer.to)}`}>who has not sent theirs</Link>.</NothingYet>}
              <h2 className="govuk-heading-m">Headline indicators</h2>
              <ul className="waymark-cards govuk-list">
                {headline.map((i) => <HeadlineCard key={i.id} indicator={i} points={series.get(i.id)} />)}
              </ul>
              <h2 className="govuk-heading-m">What changed since last quarter</h2>
              {trends.loading && <p className="govuk-body" role="status">Loading the quarterly figures…</p>}
              {!trends.loading && (changes.length ? <ul className="govuk-list govuk-list--bullet">{changes.map((c) => <li key={c}>{c}</li>)}</ul> : <p className="govuk-body">There are not yet two quarters of figures to compare.</p>)}
              {trends.data && (
                <ChartPanel
                  title="Headline indicators by quarter"
                  collapsible
                  summary={`The quarterly values behind the trend lines above, ${trends.data.periods[0]} to ${trends.data.periods.at(-1)}.`}
                  rows={trends.data.series.flatMap((s) => s.points.map((p) => ({ ...p, title: s.title, unit: s.unit, id: s.id })))}
                  rowKey={(r) => `${r.id}-${r.period}`}
                  columns={[
                    { header: 'Indicator', value: (r) => r.title },
                    { header: 'Quarter', value: (r) => r.period },
                    { header: 'Value', numeric: true, value: (r) => r.value, display: (r) => (r.suppressed ? '<5' : formatValue(r.unit, r.value)) },
                    { header: 'Numerator', numeric: true, value: (r) => countOrHidden(r.numerator, r.suppressed), display: (r) => formatCount(r.numerator, r.suppressed) },
                    { header: 'Denominator', numeric: true, value: (r) => countOrHidden(r.denominator, r.suppressed), display: (r) => formatCount(r.denominator, r.suppressed) },
                  ]}
                />
              )}
              <ChartPanel
                title="Every indicator"
                summary={`All ${answer.indicators.length} indicators for ${answer.from} to ${answer.to}, with 95% intervals and how each compares with its benchmark where one is published.`}
                rows={answer.indicators}
                rowKey={(i) => i.id}
                columns={[
                  { header: 'Indicator', value: (i) => i.title },
                  { header: 'Section', value: (i) => i.section },
                  { header: 'Value', numeric: true, value: (i) => i.value, display: (i) => (i.suppressed ? 'Withheld (<5)' : formatValue(i.unit, i.value)) },
                  { header: '95% interval', value: (i) => formatInterval(i.unit, i.lower, i.upper) },
                  { header: 'Numerator', numeric: true, value: (i) => countOrHidden(i.numerator, i.suppressed), display: (i) => formatCount(i.numerator, i.suppressed) },
                  { header: 'Denominator', numeric: true, value: (i) => countOrHidden(i.denominator, i.suppressed), display: (i) => formatCount(i.denominator, i.suppressed) },
                  { header: 'Benchmark', value: (i) => benchmarkText(i) },
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
