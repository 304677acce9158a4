import { memo, useState } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceLine, Scatter, XAxis, YAxis } from 'recharts';
import type { ComparisonAnswer, ComparisonArea } from '@waymark/domain';
import { ChartPanel } from '../components/ChartPanel';
import { countColumn, figureColumn, intervalColumn } from '../components/columns';
import { formatCount, formatInterval, formatValue, percentTick, type Unit } from '../lib/format';
import { ChartKey, lineSwatch } from './ChartKey';
import { COLOURS, DASHES, Sized } from './charts';
import { BenchmarkNote, figureInstead } from './common';

type Mark = 'within' | 'outside95' | 'outside998';
interface Shown {
  area: ComparisonArea;
  x: number;
  y: number;
  flip: boolean;
}

/** Words for where an area lies against a funnel's limits (`funnel95` and `funnel998`). */
const POSITION: Record<string, string> = {
  below: 'Below the limits',
  within: 'Within the limits',
  above: 'Above the limits',
};
const LEVEL_WORD: Record<string, string> = { lad: 'district', csp: 'community safety partnership', pfa: 'force area' };
const MARK_WORDS: Record<Mark, string> = {
  within: 'Within the 95% and 99.8% limits',
  outside95: 'Outside the 95% limits, within the 99.8% limits',
  outside998: 'Outside the 99.8% limits',
};
const markOf = (a: ComparisonArea): Mark =>
  a.funnel998 && a.funnel998 !== 'within'
    ? 'outside998'
    : a.funnel95 && a.funnel95 !== 'within'
      ? 'outside95'
      : 'within';
const sideOf = (a: ComparisonArea) => (markOf(a) === 'outside998' ? a.funnel998 : a.funnel95);
/** A rate in the unit of the answer's indicator. */
const rateIn = (answer: ComparisonAnswer) => (v: number | null) => formatValue(answer.indicator.unit, v);

/** Marks differ in shape and fill as well as colour: a filled circle, an open diamond, a triangle pointing the way the area lies. */
function Marker({ mark, up, x, y }: { mark: Mark; up: boolean; x: number; y: number }) {
  if (mark === 'within') return <circle cx={x} cy={y} r={5} fill={COLOURS.blue} />;
  if (mark === 'outside95')
    return (
      <path
        d={`M${x} ${y - 7}L${x + 7} ${y}L${x} ${y + 7}L${x - 7} ${y}Z`}
        fill="#fff"
        stroke={COLOURS.orange}
        strokeWidth={2.5}
      />
    );
  const tip = up ? -8 : 8;
  return (
    <path
      d={`M${x} ${y + tip}L${x + 8} ${y - tip * 0.75}L${x - 8} ${y - tip * 0.75}Z`}
      fill={COLOURS.red}
      stroke={COLOURS.black}
    />
  );
}

/** What a point says when it is pointed at or reached with the keyboard. */
function Tip({ shown, unit }: { shown: Shown; unit: Unit }) {
  const a = shown.area;
  return (
    <div
      className={`waymark-tooltip${shown.flip ? ' waymark-tooltip--left' : ''}`}
      style={{ left: shown.x, top: shown.y }}
      aria-hidden="true"
    >
      <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">{a.name}</p>
      <dl className="waymark-tooltip__facts govuk-body-s">
        <dt>Repeat rate</dt>
        <dd>{formatValue(unit, a.value)}</dd>
        <dt>Repeat cases</dt>
        <dd>{formatCount(a.numerator, a.suppressed)}</dd>
        <dt>Cases discussed</dt>
        <dd>{formatCount(a.denominator, a.suppressed)}</dd>
        <dt>95% interval</dt>
        <dd>{formatInterval(unit, a.lower, a.upper)}</dd>
      </dl>
      <p className="govuk-body-s govuk-!-margin-bottom-0">{MARK_WORDS[markOf(a)]}</p>
    </div>
  );
}

/** The plot, apart from its tip: opening a tip must not redraw the points, or the keyboard focus on one is lost. */
const FunnelPlot = memo(function FunnelPlot({
  answer,
  centre,
  onShow,
}: {
  answer: ComparisonAnswer;
  centre: number | null;
  onShow: (shown: Shown | null) => void;
}) {
  const rate = rateIn(answer);
  const points = answer.areas
    .filter((a) => a.value !== null && a.denominator !== null)
    .map((area) => ({ n: area.denominator!, value: area.value!, area }));
  return (
    <Sized height={380}>
      {(width) => (
        <ComposedChart
          data={answer.funnel}
          accessibilityLayer={false}
          margin={{ top: 20, right: 30, bottom: 24, left: 20 }}
        >
          <CartesianGrid stroke="#e5e5e5" />
          <XAxis
            type="number"
            dataKey="n"
            domain={[0, 'dataMax']}
            label={{ value: 'Cases discussed', position: 'insideBottom', offset: -14 }}
          />
          <YAxis
            type="number"
            tickFormatter={percentTick}
            domain={[0, 'auto']}
            label={{ value: 'Repeat rate', angle: -90, position: 'insideLeft', offset: -4 }}
          />
          {centre !== null && <ReferenceLine y={centre} stroke={COLOURS.black} />}
          <Line
            dataKey="upper95"
            stroke={COLOURS.orange}
            strokeDasharray={DASHES[1]}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="lower95"
            stroke={COLOURS.orange}
            strokeDasharray={DASHES[1]}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="upper998"
            stroke={COLOURS.red}
            strokeDasharray={DASHES[2]}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="lower998"
            stroke={COLOURS.red}
            strokeDasharray={DASHES[2]}
            dot={false}
            isAnimationActive={false}
          />
          <Scatter
            data={points}
            dataKey="value"
            isAnimationActive={false}
            shape={(props: { cx?: number; cy?: number; payload?: (typeof points)[number] }) => {
              const { cx = 0, cy = 0, payload } = props;
              if (!payload) return <g />;
              const a = payload.area;
              const mark = markOf(a);
              const flip = cx > width / 2;
              const show = () => onShow({ area: a, x: cx, y: cy, flip });
              return (
                <g
                  className="waymark-point"
                  tabIndex={0}
                  role="img"
                  aria-label={`${a.name}: ${rate(a.value)}, ${formatCount(a.numerator, a.suppressed)} repeat cases of ${formatCount(a.denominator, a.suppressed)} discussed. ${MARK_WORDS[mark]}.`}
                  onMouseEnter={show}
                  onFocus={show}
                  onBlur={() => onShow(null)}
                >
                  <Marker mark={mark} up={sideOf(a) === 'above'} x={cx} y={cy} />
                  {mark !== 'within' && (
                    <text
                      x={flip ? cx - 12 : cx + 12}
                      y={cy + 4}
                      textAnchor={flip ? 'end' : 'start'}
                    >{`${a.name}, ${sideOf(a)}`}</text>
                  )}
                </g>
              );
            }}
          />
        </ComposedChart>
      )}
    </Sized>
  );
});

function FunnelChart({
  answer,
  centre,
  centreLabel,
}: {
  answer: ComparisonAnswer;
  centre: number | null;
  centreLabel: string;
}) {
  const [shown, setShown] = useState<Shown | null>(null);
  const rate = rateIn(answer);
  const key = [
    { label: 'Area within the limits', swatch: <Marker mark="within" up x={16} y={8} /> },
    { label: 'Outside the 95% limits (open diamond)', swatch: <Marker mark="outside95" up x={16} y={8} /> },
    {
      label: 'Outside the 99.8% limits (triangle pointing up if above, down if below)',
      swatch: <Marker mark="outside998" up x={16} y={8} />,
    },
    { label: '95% limits', swatch: lineSwatch(COLOURS.orange, DASHES[1]) },
    { label: '99.8% limits', swatch: lineSwatch(COLOURS.red, DASHES[2]) },
    ...(centre === null ? [] : [{ label: `${centreLabel}: ${rate(centre)}`, swatch: lineSwatch(COLOURS.black) }]),
  ];
  return (
    <div
      className="waymark-funnel"
      onMouseLeave={() => setShown(null)}
      onKeyDown={(e) => e.key === 'Escape' && setShown(null)}
    >
      <FunnelPlot answer={answer} centre={centre} onShow={setShown} />
      {shown && <Tip shown={shown} unit={answer.indicator.unit} />}
      <ChartKey items={key} />
    </div>
  );
}

/** Areas' repeat rates against the number of cases they discussed, inside the limits chance alone would give. */
export function Funnel({ answer }: { answer: ComparisonAnswer }) {
  const benchmark = answer.benchmark;
  const { unit } = answer.indicator;
  const rate = rateIn(answer);
  const centre = answer.target ?? benchmark?.value ?? null;
  const centreLabel = benchmark && benchmark.value === centre ? benchmark.label : 'All areas shown';
  const outside = answer.areas.filter((a) => markOf(a) === 'outside998');
  const word = LEVEL_WORD[answer.level] ?? 'area';
  const summary =
    answer.areas.length === 0
      ? `No ${word} has Marac returns for these quarters.`
      : `${answer.areas.length} ${word}${answer.areas.length === 1 ? '' : 's'} compared with ${centre === null ? 'each other' : `${centreLabel} (${rate(centre)})`}: ${answer.areas.filter((a) => markOf(a) !== 'within').length} lie outside the 95% limits and ${outside.length} outside the 99.8% limits${outside.length ? ` (${outside.map((a) => `${a.name}, ${a.funnel998}`).join('; ')})` : ''}.`;
  return (
    <ChartPanel<ComparisonArea>
      title={`Funnel plot of repeat rates by ${word}`}
      summary={summary}
      note={<BenchmarkNote references={[benchmark]} unit={unit} />}
      suppressionNote={
        answer.disclosure.applied && answer.areas.some((a) => a.suppressed)
          ? `Areas with fewer than ${answer.disclosure.threshold} cases or repeats are listed but not plotted.`
          : null
      }
      interactive
      rows={answer.areas}
      rowKey={(a) => a.code}
      suppressed={(a) => a.suppressed}
      columns={[
        { header: 'Area', value: (a) => a.name },
        countColumn(
          'Cases discussed',
          (a) => a.denominator,
          (a) => a.suppressed,
        ),
        countColumn(
          'Repeat cases',
          (a) => a.numerator,
          (a) => a.suppressed,
        ),
        figureColumn('Repeat rate', unit, (a) => a.value, figureInstead),
        intervalColumn(
          unit,
          (a) => a.lower,
          (a) => a.upper,
        ),
        {
          header: 'Against 95% limits',
          value: (a) => (a.funnel95 ? (POSITION[a.funnel95] ?? a.funnel95) : 'Not plotted'),
        },
        {
          header: 'Against 99.8% limits',
          value: (a) => (a.funnel998 ? (POSITION[a.funnel998] ?? a.funnel998) : 'Not plotted'),
        },
      ]}
      chart={<FunnelChart answer={answer} centre={centre} centreLabel={centreLabel} />}
    />
  );
}
