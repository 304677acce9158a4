import { useState, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Line,
  LineChart,
  Rectangle,
  ResponsiveContainer,
  Text,
  XAxis,
  YAxis,
} from 'recharts';
import { hiddenLabel } from '@waymark/domain';
import { formatValue, percentTick, SHARE_DOMAIN, textOf } from '../lib/format';
import { barSwatch, ChartKey, type KeyItem } from './ChartKey';

/** GOV.UK palette colours with enough contrast on white; lines also differ by dash so colour is never the only cue. */
export const COLOURS = {
  blue: '#1d70b8',
  red: '#d4351c',
  green: '#00703c',
  orange: '#b34e00',
  purple: '#4c2c92',
  grey: '#505a5f',
  black: '#0b0c0c',
};
export const DASHES = ['', '6 3', '2 2', '8 3 2 3'];

/** A chart that fills the panel's width; `children` may be a function of that width, to size its labels. */
export function Sized({
  height = 320,
  children,
}: {
  height?: number;
  children: ReactNode | ((width: number) => ReactNode);
}) {
  const [width, setWidth] = useState(640);
  return (
    <ResponsiveContainer
      width="100%"
      height={height}
      initialDimension={{ width: 640, height }}
      onResize={(w) => setWidth(w)}
    >
      {(typeof children === 'function' ? children(width) : children) as never}
    </ResponsiveContainer>
  );
}

/** Quarters along the bottom: the first and last always shown, others dropped rather than overlapping. */
export const quarterAxis = () => <XAxis dataKey="period" interval="preserveStartEnd" minTickGap={12} />;

/** Chart margins that leave room for the last quarter's label and for labels at the ends of bars. */
export const MARGIN = { top: 20, right: 48, bottom: 10, left: 10 };

function WrappedTick({
  x,
  y,
  payload,
  width,
}: {
  x?: number;
  y?: number;
  payload?: { value?: unknown };
  width: number;
}) {
  return (
    <Text x={x} y={y} width={width} maxLines={3} textAnchor="end" verticalAnchor="middle" style={{ fontSize: 14 }}>
      {textOf(payload?.value)}
    </Text>
  );
}

/** Names down the side of a bar chart: at most two fifths of its width, wrapped onto three lines at most (the table has them whole). */
export function categoryAxis(dataKey: string, chartWidth: number) {
  const width = Math.round(Math.min(260, Math.max(90, chartWidth * 0.4)));
  return (
    <YAxis
      type="category"
      dataKey={dataKey}
      width={width}
      interval={0}
      tick={(props: object) => <WrappedTick {...props} width={width - 12} />}
    />
  );
}

/** Height for a bar chart of `rows` rows, with room for names wrapped onto three lines. */
export const barsHeight = (rows: number, perRow = 52) => Math.max(220, rows * perRow + 60);

/** An outlined, hatched box: how a withheld figure is drawn, so it never looks like a zero. */
export function Hatched({
  x = 0,
  y = 0,
  width = 0,
  height = 0,
}: {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}) {
  if (width <= 0 || height <= 0) return null;
  const lines: ReactNode[] = [];
  for (let k = -height; k < width; k += 5) {
    const from = Math.max(0, -k / height);
    const to = Math.min(1, (width - k) / height);
    lines.push(
      <line
        key={k}
        x1={x + k + from * height}
        y1={y + height - from * height}
        x2={x + k + to * height}
        y2={y + height - to * height}
      />,
    );
  }
  return (
    <g stroke={COLOURS.grey} strokeWidth={1}>
      <rect x={x} y={y} width={width} height={height} fill="#fff" strokeDasharray="3 2" />
      {lines}
    </g>
  );
}

/** The key's entry for withheld figures, in the words of the answer's disclosure threshold. */
export const withheldKey = (threshold: number): KeyItem => ({
  label: `Withheld: fewer than ${threshold} cases (labelled ${hiddenLabel(threshold)})`,
  swatch: <Hatched x={4} y={2} width={24} height={12} />,
});

type Row = Record<string, unknown>;
const standIn = (key: string) => `${key}Withheld`;

/**
 * Rows given a stand-in length for `key` where the row's `hiddenBy` field says that figure is withheld: a
 * sliver of the axis, not a value, drawn hatched and labelled as hidden (for example "<5") by `withheldBar`.
 */
export function withWithheld<T extends Row>(rows: T[], key: string, hiddenBy: string | undefined): T[] {
  if (!hiddenBy) return rows;
  const largest = Math.max(0, ...rows.map((r) => Number(r[key] ?? 0)));
  return rows.map((r) => ({ ...r, [standIn(key)]: r[hiddenBy] && r[key] === null ? (largest || 1) * 0.04 : null }));
}

export const hasWithheld = (rows: Row[], key: string) => rows.some((r) => typeof r[standIn(key)] === 'number');

/** The hatched stand-ins for `key`, stacked with its bars (which take `stackId={key}`), labelled for the answer's threshold. */
export function withheldBar(key: string, threshold: number) {
  return (
    <Bar
      key={standIn(key)}
      dataKey={standIn(key)}
      stackId={key}
      shape={(props: object) => <Hatched {...props} />}
      isAnimationActive={false}
    >
      <LabelList
        dataKey={standIn(key)}
        position="right"
        formatter={(v) => (v === null || v === undefined ? '' : hiddenLabel(threshold))}
      />
    </Bar>
  );
}

/** A share at the end of its bar; a true zero reads "0.0%", and a missing one says nothing. */
export const shareLabel = (v: unknown) => (v === null || v === undefined ? '' : formatValue('percent', Number(v)));

/**
 * A bar for each row's `key`, its figure written at its end. The shape is given so that recharts keeps
 * zero-length bars, whose "0.0%" then shows; `stackId` lets a withheld stand-in take the same row.
 */
export function labelledBar(key: string, colour: string, format: (v: unknown) => string = shareLabel) {
  return (
    <Bar
      key={key}
      dataKey={key}
      stackId={key}
      fill={colour}
      shape={(props: object) => <Rectangle {...props} />}
      isAnimationActive={false}
    >
      <LabelList dataKey={key} position="right" formatter={format} />
    </Bar>
  );
}

/** A tiny trend line; its words are in the label, the full series is in the page's table. */
export function Sparkline({ points, label }: { points: { period: string; value: number | null }[]; label: string }) {
  return (
    <div className="waymark-sparkline" role="img" aria-label={label}>
      <LineChart width={160} height={40} data={points} accessibilityLayer={false}>
        <Line
          dataKey="value"
          stroke={COLOURS.blue}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
        />
      </LineChart>
    </div>
  );
}

/** A series of bars: the rows' field it plots, its name, and the field that says when its figure is withheld. */
type Series = { key: string; name: string; hiddenBy?: string };

/** Two shares side by side for each named row (this area against all areas, an agency against its peers); `second` may be absent. */
export function PairedShares({
  rows,
  first,
  second,
  threshold,
}: {
  rows: ({ name: string } & Row)[];
  first: Series;
  second: Series | null;
  /** The answer's disclosure threshold, for the withheld bars' labels and key. */
  threshold: number;
}) {
  const series = second ? [first, second] : [first];
  const data = series.reduce((all, s) => withWithheld(all, s.key, s.hiddenBy), rows);
  const key: KeyItem[] = series.map((s, i) => ({ label: s.name, swatch: barSwatch(i ? COLOURS.grey : COLOURS.blue) }));
  if (series.some((s) => hasWithheld(data, s.key))) key.push(withheldKey(threshold));
  return (
    <>
      <Sized height={barsHeight(rows.length, second ? 64 : 52)}>
        {(width) => (
          <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ ...MARGIN, right: 64 }}>
            <CartesianGrid stroke="#e5e5e5" />
            <XAxis type="number" domain={SHARE_DOMAIN} tickFormatter={percentTick} />
            {categoryAxis('name', width)}
            {series.flatMap((s, i) => [
              labelledBar(s.key, i ? COLOURS.grey : COLOURS.blue),
              withheldBar(s.key, threshold),
            ])}
          </BarChart>
        )}
      </Sized>
      <ChartKey items={key} />
    </>
  );
}
