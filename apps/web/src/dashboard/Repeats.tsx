import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, YAxis } from 'recharts';
import type { ComparisonAnswer, IndicatorFigure, IndicatorsAnswer, TrendPoint, TrendsAnswer } from '@waymark/domain';
import { api } from '../api';
import { ChartPanel } from '../components/ChartPanel';
import { countColumn, figureColumn, intervalColumn } from '../components/columns';
import { FilterBar } from '../components/FilterBar';
import { eightQuartersTo, useFilters } from '../lib/filters';
import { formatCount, formatInterval, formatValue, percentTick } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { ChartKey, lineSwatch } from './ChartKey';
import { COLOURS, DASHES, MARGIN, quarterAxis, Sized } from './charts';
import { BenchmarkNote, byId, ComparisonTag, DisclosureNotice, figureInstead, NothingYet, Waiting } from './common';
import { Funnel } from './Funnel';

function RepeatTrend({ answer }: { answer: TrendsAnswer }) {
  const series = answer.series[0];
  if (!series) return <NothingYet>No Marac returns give a repeat rate for these quarters.</NothingYet>;
  const { points, benchmark, unit } = series;
  const known = points.filter((p) => p.value !== null);
  const last = known.at(-1);
  const against = (value: number) =>
    !benchmark
      ? ''
      : `, ${value > benchmark.value ? 'above' : value < benchmark.value ? 'below' : 'level with'} the ${benchmark.label} figure of ${formatValue(unit, benchmark.value)}; ${known.filter((p) => p.value! < benchmark.value).length} of ${known.length} quarters shown were below it`;
  const summary = last
    ? `In ${last.period} the Marac repeat rate was ${formatValue(unit, last.value)}${against(last.value!)}.`
    : 'No Marac returns give a repeat rate for these quarters.';
  const missing = points.filter((p) => p.status === 'no_returns').length;
  return (
    <ChartPanel<TrendPoint>
      title="Marac repeat rate by quarter"
      summary={
        missing ? `${summary} ${missing} of ${points.length} quarters had no returns and are left as gaps.` : summary
      }
      note={<BenchmarkNote references={[benchmark]} unit={unit} />}
      suppressionNote={
        answer.disclosure.applied && points.some((p) => p.suppressed)
          ? `Quarters with fewer than ${answer.disclosure.threshold} cases or repeats are not plotted.`
          : null
      }
      rows={points}
      rowKey={(p) => p.period}
      suppressed={(p) => p.suppressed}
      columns={[
        { header: 'Quarter', value: (p) => p.period },
        countColumn(
          'Repeat cases',
          (p) => p.numerator,
          (p) => p.suppressed,
        ),
        countColumn(
          'Cases discussed',
          (p) => p.denominator,
          (p) => p.suppressed,
        ),
        figureColumn('Repeat rate', unit, (p) => p.value, figureInstead),
        intervalColumn(
          unit,
          (p) => p.lower,
          (p) => p.upper,
        ),
      ]}
      chart={
        <>
          <Sized>
            <LineChart data={points} accessibilityLayer={false} margin={MARGIN}>
              <CartesianGrid stroke="#e5e5e5" />
              {quarterAxis()}
              <YAxis tickFormatter={percentTick} domain={[0, 'auto']} />
              <Tooltip formatter={(v) => formatValue(unit, Number(v))} />
              {benchmark && <ReferenceLine y={benchmark.value} stroke={COLOURS.black} strokeDasharray={DASHES[1]} />}
              <Line
                name="Upper 95% limit"
                dataKey="upper"
                stroke={COLOURS.grey}
                strokeDasharray={DASHES[2]}
                dot={false}
                isAnimationActive={false}
              />
              <Line
                name="Repeat rate"
                dataKey="value"
                stroke={COLOURS.blue}
                strokeWidth={3}
                isAnimationActive={false}
              />
              <Line
                name="Lower 95% limit"
                dataKey="lower"
                stroke={COLOURS.grey}
                strokeDasharray={DASHES[2]}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </Sized>
          <ChartKey
            items={[
              { label: 'Repeat rate', swatch: lineSwatch(COLOURS.blue, '', 3) },
              { label: '95% interval (upper and lower limits)', swatch: lineSwatch(COLOURS.grey, DASHES[2]) },
              ...(benchmark
                ? [
                    {
                      label: `${benchmark.label}: ${formatValue(unit, benchmark.value)}`,
                      swatch: lineSwatch(COLOURS.black, DASHES[1]),
                    },
                  ]
                : []),
            ]}
          />
        </>
      }
    />
  );
}

export function Repeats() {
  const { filters, query } = useFilters(false);
  const trendFrom = eightQuartersTo(filters.to, filters.from);
  const trend = useLoad(
    () => api<TrendsAnswer>(`/analytics/trends?${query({ from: trendFrom, indicators: 'marac_repeat_rate' })}`),
    [query(), trendFrom],
  );
  const funnel = useLoad(
    () =>
      api<ComparisonAnswer>(`/analytics/comparison?${query({ level: filters.level, indicator: 'marac_repeat_rate' })}`),
    [query(), filters.level],
  );
  const indicators = useLoad(() => api<IndicatorsAnswer>(`/analytics/indicators?${query()}`), [query()]);

  return (
    <>
      <h1 className="govuk-heading-l">Repeat rates</h1>
      <p className="govuk-body">
        A repeat is a case heard at Marac again within 12 months of its last referral. Rates well below the national
        figure often mean repeats are not being identified, not that there are fewer of them.
      </p>
      <FilterBar withLevel withSector={false} />
      <DisclosureNotice disclosure={trend.data?.disclosure} />
      <Waiting loaded={trend} what="repeat rate trend">
        {(answer) => <RepeatTrend answer={answer} />}
      </Waiting>
      <Waiting loaded={funnel} what="funnel plot">
        {(answer) => <Funnel answer={answer} />}
      </Waiting>
      <Waiting loaded={indicators} what="case-level repeat rate">
        {(answer) => {
          const c = byId(answer, 'case_repeat_rate');
          if (!c || c.status === 'no_returns' || (c.denominator === 0 && !c.suppressed))
            return (
              <NothingYet>
                No case-level returns have been sent for these quarters, so repeat episodes cannot be counted from
                person keys.
              </NothingYet>
            );
          return (
            <ChartPanel<IndicatorFigure>
              title="Repeat episodes in case-level returns"
              summary={
                c.suppressed
                  ? `Fewer than ${answer.disclosure.threshold} ${c.denominator === null ? 'people' : `of the ${formatCount(c.denominator, false)} people with an episode`} had an earlier one, so the case-level repeat rate is withheld.`
                  : `${formatValue(c.unit, c.value)} of the ${formatCount(c.denominator, false)} people with an episode in ${answer.from} to ${answer.to} had another within the 12 months before (95% interval ${formatInterval(c.unit, c.lower, c.upper)}).`
              }
              rows={[c]}
              rowKey={(r) => r.id}
              suppressed={(r) => r.suppressed}
              columns={[
                { header: 'Measure', value: (r) => r.title },
                countColumn(
                  'People with an earlier episode',
                  (r) => r.numerator,
                  (r) => r.suppressed,
                ),
                countColumn(
                  'People with an episode',
                  (r) => r.denominator,
                  (r) => r.suppressed,
                ),
                figureColumn('Rate', c.unit, (r) => r.value, figureInstead),
                intervalColumn(
                  c.unit,
                  (r) => r.lower,
                  (r) => r.upper,
                ),
                {
                  header: 'Compared',
                  value: (r) => r.comparisonLabel,
                  display: (r) => <ComparisonTag comparison={r.comparison} label={r.comparisonLabel} />,
                },
              ]}
            />
          );
        }}
      </Waiting>
    </>
  );
}
