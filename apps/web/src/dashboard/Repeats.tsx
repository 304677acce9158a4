import { CartesianGrid, ComposedChart, Line, LineChart, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api';
import { ChartPanel } from '../components/ChartPanel';
import { FilterBar } from '../components/FilterBar';
import { eightQuartersTo, useFilters } from '../lib/filters';
import { countOrHidden, formatCount, formatInterval, formatValue, percentTick } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { COLOURS, DASHES, Sized } from './charts';
import { ComparisonTag, DisclosureNotice, NothingYet, Waiting } from './common';
import { byId, type Disclosure, type Estimate, type IndicatorAnswer, type TrendAnswer } from './types';

interface ComparisonArea extends Estimate {
  code: string;
  name: string;
  funnel95: 'below' | 'within' | 'above' | null;
  funnel998: 'below' | 'within' | 'above' | null;
}

interface ComparisonAnswer {
  level: string;
  target: number | null;
  overall: { value: number; lower: number; upper: number } | null;
  disclosure: Disclosure;
  areas: ComparisonArea[];
  funnel: { n: number; lower95: number; upper95: number; lower998: number; upper998: number }[];
}

const NATIONAL = 0.31;
const POSITION: Record<string, string> = { below: 'Below the limits', within: 'Within the limits', above: 'Above the limits' };
const LEVEL_WORD: Record<string, string> = { lad: 'district', csp: 'community safety partnership', pfa: 'force area' };

function RepeatTrend({ answer }: { answer: TrendAnswer }) {
  const points = answer.series[0]?.points ?? [];
  const known = points.filter((p) => p.value !== null);
  const last = known.at(-1);
  const summary = last
    ? `In ${last.period} the Marac repeat rate was ${formatValue('percent', last.value)}, ${last.value! > NATIONAL ? 'above' : last.value! < NATIONAL ? 'below' : 'level with'} the England and Wales figure of 31%; ${known.filter((p) => p.value! < NATIONAL).length} of ${known.length} quarters shown were below it.`
    : 'No Marac returns give a repeat rate for these quarters.';
  return (
    <ChartPanel
      title="Marac repeat rate by quarter"
      summary={summary}
      suppressionNote={answer.disclosure.applied && points.some((p) => p.suppressed) ? 'Quarters with fewer than 5 cases or repeats are not plotted.' : null}
      rows={points}
      rowKey={(p) => p.period}
      columns={[
        { header: 'Quarter', value: (p) => p.period },
        { header: 'Repeat cases', numeric: true, value: (p) => countOrHidden(p.numerator, p.suppressed), display: (p) => formatCount(p.numerator, p.suppressed) },
        { header: 'Cases discussed', numeric: true, value: (p) => countOrHidden(p.denominator, p.suppressed), display: (p) => formatCount(p.denominator, p.suppressed) },
        { header: 'Repeat rate', numeric: true, value: (p) => p.value, display: (p) => formatValue('percent', p.value) },
        { header: '95% interval', value: (p) => formatInterval('percent', p.lower, p.upper) },
      ]}
      chart={
        <Sized>
          <LineChart data={points} accessibilityLayer={false} margin={{ top: 20, right: 30, bottom: 10, left: 10 }}>
            <CartesianGrid stroke="#e5e5e5" />
            <XAxis dataKey="period" />
            <YAxis tickFormatter={percentTick} domain={[0, 'auto']} />
            <Tooltip formatter={(v) => formatValue('percent', Number(v))} />
            <ReferenceLine y={NATIONAL} stroke={COLOURS.black} strokeDasharray={DASHES[1]} label={{ value: 'England and Wales 31%', position: 'insideTopRight' }} />
            <Line name="Upper 95% limit" dataKey="upper" stroke={COLOURS.grey} strokeDasharray={DASHES[2]} dot={false} isAnimationActive={false} />
            <Line name="Repeat rate" dataKey="value" stroke={COLOURS.blue} strokeWidth={3} isAnimationActive={false} />
            <Line name="Lower 95% limit" dataKey="lower" stroke={COLOURS.grey} strokeDasharray={DASHES[2]} dot={false} isAnimationActive={false} />
          </LineChart>
        </Sized>
      }
    />
  );
}

function Funnel({ answer }: { answer: ComparisonAnswer }) {
  const plotted = answer.areas.filter((a) => a.value !== null && a.denominator !== null).map((a) => ({ n: a.denominator!, value: a.value!, name: a.name }));
  const outside = answer.areas.filter((a) => a.funnel998 && a.funnel998 !== 'within');
  const word = LEVEL_WORD[answer.level] ?? 'area';
  const summary = answer.areas.length === 0
    ? `No ${word} has Marac returns for these quarters.`
    : `${answer.areas.length} ${word}${answer.areas.length === 1 ? '' : 's'} compared with the England and Wales repeat rate of 31%: ${answer.areas.filter((a) => a.funnel95 && a.funnel95 !== 'within').length} lie outside the 95% limits and ${outside.length} outside the 99.8% limits${outside.length ? ` (${outside.map((a) => `${a.name}, ${a.funnel998}`).join('; ')})` : ''}.`;
  return (
    <ChartPanel
      title={`Funnel plot of repeat rates by ${word}`}
      summary={summary}
      suppressionNote={answer.disclosure.applied && answer.areas.some((a) => a.suppressed) ? 'Areas with fewer than 5 cases or repeats are listed but not plotted.' : null}
      rows={answer.areas}
      rowKey={(a) => a.code}
      columns={[
        { header: 'Area', value: (a) => a.name },
        { header: 'Cases discussed', numeric: true, value: (a) => countOrHidden(a.denominator, a.suppressed), display: (a) => formatCount(a.denominator, a.suppressed) },
        { header: 'Repeat cases', numeric: true, value: (a) => countOrHidden(a.numerator, a.suppressed), display: (a) => formatCount(a.numerator, a.suppressed) },
        { header: 'Repeat rate', numeric: true, value: (a) => a.value, display: (a) => formatValue('percent', a.value) },
        { header: '95% interval', value: (a) => formatInterval('percent', a.lower, a.upper) },
        { header: 'Against 95% limits', value: (a) => (a.funnel95 ? POSITION[a.funnel95] : 'Not plotted') },
        { header: 'Against 99.8% limits', value: (a) => (a.funnel998 ? POSITION[a.funnel998] : 'Not plotted') },
      ]}
      chart={
        <Sized height={360}>
          <ComposedChart data={answer.funnel} accessibilityLayer={false} margin={{ top: 20, right: 30, bottom: 20, left: 10 }}>
            <CartesianGrid stroke="#e5e5e5" />
            <XAxis type="number" dataKey="n" name="Cases discussed" domain={[0, 'dataMax']} label={{ value: 'Cases discussed', position: 'insideBottom', offset: -10 }} />
            <YAxis type="number" tickFormatter={percentTick} domain={[0, 'auto']} />
            <Tooltip formatter={(v) => formatValue('percent', Number(v))} />
            <ReferenceLine y={answer.target ?? NATIONAL} stroke={COLOURS.black} label={{ value: 'England and Wales 31%', position: 'insideTopRight' }} />
            <Line dataKey="upper95" name="95% upper limit" stroke={COLOURS.orange} strokeDasharray={DASHES[1]} dot={false} isAnimationActive={false} />
            <Line dataKey="lower95" name="95% lower limit" stroke={COLOURS.orange} strokeDasharray={DASHES[1]} dot={false} isAnimationActive={false} />
            <Line dataKey="upper998" name="99.8% upper limit" stroke={COLOURS.red} strokeDasharray={DASHES[2]} dot={false} isAnimationActive={false} />
            <Line dataKey="lower998" name="99.8% lower limit" stroke={COLOURS.red} strokeDasharray={DASHES[2]} dot={false} isAnimationActive={false} />
            <Scatter data={plotted} dataKey="value" name="Areas" fill={COLOURS.blue} isAnimationActive={false} />
          </ComposedChart>
        </Sized>
      }
    />
  );
}

export function Repeats() {
  const { filters, query } = useFilters(false);
  const trendFrom = eightQuartersTo(filters.to, filters.from);
  const trend = useLoad(() => api<TrendAnswer>(`/analytics/trends?${query({ from: trendFrom, indicators: 'marac_repeat_rate' })}`), [query(), trendFrom]);
  const funnel = useLoad(() => api<ComparisonAnswer>(`/analytics/comparison?${query({ level: filters.level, indicator: 'marac_repeat_rate' })}`), [query(), filters.level]);
  const indicators = useLoad(() => api<IndicatorAnswer>(`/analytics/indicators?${query()}`), [query()]);

  return (
    <>
      <h1 className="govuk-heading-l">Repeat rates</h1>
      <p className="govuk-body">A repeat is a case heard at Marac again within 12 months of its last referral. Rates well below the national figure often mean repeats are not being identified, not that there are fewer of them.</p>
      <FilterBar withLevel withSector={false} />
      <DisclosureNotice disclosure={trend.data?.disclosure} />
      <Waiting loaded={trend} what="repeat rate trend">{(answer) => <RepeatTrend answer={answer} />}</Waiting>
      <Waiting loaded={funnel} what="funnel plot">{(answer) => <Funnel answer={answer} />}</Waiting>
      <Waiting loaded={indicators} what="case-level repeat rate">
        {(answer) => {
          const c = byId(answer, 'case_repeat_rate');
          if (!c || (c.denominator === 0 && !c.suppressed))
            return <NothingYet>No case-level returns have been sent for these quarters, so repeat episodes cannot be counted from person keys.</NothingYet>;
          return (
            <ChartPanel
              title="Repeat episodes in case-level returns"
              summary={c.suppressed ? 'Fewer than 5 people, so the case-level repeat rate is withheld.' : `${formatValue('percent', c.value)} of the ${formatCount(c.denominator, false)} people with an episode in ${answer.from} to ${answer.to} had another within the 12 months before (95% interval ${formatInterval('percent', c.lower, c.upper)}).`}
              rows={[c]}
              rowKey={(r) => r.id}
              columns={[
                { header: 'Measure', value: (r) => r.title },
                { header: 'People with an earlier episode', numeric: true, value: (r) => countOrHidden(r.numerator, r.suppressed), display: (r) => formatCount(r.numerator, r.suppressed) },
                { header: 'People with an episode', numeric: true, value: (r) => countOrHidden(r.denominator, r.suppressed), display: (r) => formatCount(r.denominator, r.suppressed) },
                { header: 'Rate', numeric: true, value: (r) => r.value, display: (r) => formatValue('percent', r.value) },
                { header: '95% interval', value: (r) => formatInterval('percent', r.lower, r.upper) },
                { header: 'Compared', value: (r) => r.comparisonLabel, display: (r) => <ComparisonTag comparison={r.comparison} label={r.comparisonLabel} /> },
              ]}
            />
          );
        }}
      </Waiting>
    </>
  );
}
