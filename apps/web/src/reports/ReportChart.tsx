import { SERIES_COLOURS, type ReportChart as Chart } from '@waymark/domain';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Line,
  LineChart,
  Rectangle,
  ReferenceLine,
  XAxis,
  YAxis,
} from 'recharts';
import { barSwatch, ChartKey, lineSwatch, type KeyItem } from '../dashboard/ChartKey';
import { barsHeight, categoryAxis, COLOURS, DASHES, labelledBar, MARGIN, quarterAxis } from '../dashboard/charts';
import { formatValue, percentTick } from '../lib/format';

/** Fixed, not responsive: a page printed on A4 is 680px wide inside its margins, and print needs the chart drawn already. */
const WIDTH = 640;
const LINE_HEIGHT = 260;
/** The words written where a figure is missing ("withheld"): grey, with enough contrast on white. */
const MISSING_INK = COLOURS.grey;

const key = (i: number) => `s${i}`;
const missingKey = (i: number) => `s${i}Missing`;
const colour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length];

/** A missing quarter's word, written upwards from the bottom of the plot where its point would be; series side by side. */
function MissingWord({ x, y, value, offset }: { x?: unknown; y?: unknown; value?: unknown; offset: number }) {
  if (typeof value !== 'string' || !value || typeof x !== 'number' || typeof y !== 'number') return null;
  const at = x + offset;
  return (
    <text
      x={at}
      y={y}
      dx={6}
      dominantBaseline="middle"
      transform={`rotate(-90 ${at} ${y})`}
      fontSize={12}
      fill={MISSING_INK}
    >
      {value}
    </text>
  );
}

/**
 * One report chart as SVG, numbered as Word numbers it ("Figure 3: …"), with its key. The description
 * is its text alternative only: the section's summary above it says the same in print, and the table
 * beside it has the numbers.
 */
export function ReportChart({ chart, number }: { chart: Chart; number: number }) {
  const { unit, categories, series, references } = chart;
  const format = (v: unknown) => (v === null || v === undefined ? '' : formatValue(unit, Number(v)));
  const tick = unit === 'percent' ? percentTick : (v: number) => v.toLocaleString('en-GB');
  // From zero to a round number above the largest value; a share with no values at all still reads 0% to 100%.
  const empty = series.every((s) => s.values.every((v) => v === null));
  const domain = empty && unit === 'percent' ? [0, 1] : ([0, 'auto'] as const);
  // Where a series says what a missing value is ("withheld"), a stand-in of length zero carries that word to the value's place.
  const data = categories.map((name, c) => {
    const row: Record<string, string | number | null> = { name, period: name };
    series.forEach((s, i) => {
      row[key(i)] = s.values[c] ?? null;
      row[missingKey(i)] = s.missing && (s.values[c] === null || s.values[c] === undefined) ? 0 : null;
    });
    return row;
  });
  const missingWord = (i: number) => (v: unknown) => (v === null || v === undefined ? '' : (series[i].missing ?? ''));
  // References are named in the key only: a label inside the plot would sit on top of bars.
  const referenceLines = references.map((r, i) => {
    const shared = {
      key: r.label,
      stroke: COLOURS.black,
      strokeWidth: 2,
      strokeDasharray: DASHES[(i % (DASHES.length - 1)) + 1],
      ifOverflow: 'extendDomain',
    } as const;
    return chart.kind === 'bars' ? (
      <ReferenceLine {...shared} x={r.value} />
    ) : (
      <ReferenceLine {...shared} y={r.value} />
    );
  });
  const items: KeyItem[] = [
    ...series.map((s, i) => ({
      label: s.label,
      swatch: chart.kind === 'bars' ? barSwatch(colour(i)) : lineSwatch(colour(i), DASHES[i % DASHES.length], 3),
    })),
    ...references.map((r, i) => ({
      label: `${r.label}: ${formatValue(unit, r.value)}`,
      swatch: lineSwatch(COLOURS.black, DASHES[(i % (DASHES.length - 1)) + 1]),
    })),
  ];

  return (
    <figure className="waymark-report__figure">
      <figcaption className="govuk-heading-s">
        Figure {number}: {chart.title}
      </figcaption>
      <div className="waymark-report__chart" role="img" aria-label={`${chart.title}: ${chart.description}`}>
        {chart.kind === 'bars' ? (
          <BarChart
            width={WIDTH}
            height={barsHeight(categories.length, 28 + 24 * series.length)}
            data={data}
            layout="vertical"
            accessibilityLayer={false}
            margin={{ ...MARGIN, right: 64 }}
          >
            <CartesianGrid stroke="#e5e5e5" />
            <XAxis type="number" domain={domain} tickFormatter={tick} />
            {categoryAxis('name', WIDTH)}
            {series.flatMap((s, i) => [
              labelledBar(key(i), colour(i), format),
              s.missing ? (
                <Bar
                  key={missingKey(i)}
                  dataKey={missingKey(i)}
                  stackId={key(i)}
                  fill={colour(i)}
                  shape={(props: object) => <Rectangle {...props} />}
                  isAnimationActive={false}
                >
                  <LabelList dataKey={missingKey(i)} position="right" formatter={missingWord(i)} fill={MISSING_INK} />
                </Bar>
              ) : null,
            ])}
            {referenceLines}
          </BarChart>
        ) : (
          <LineChart width={WIDTH} height={LINE_HEIGHT} data={data} accessibilityLayer={false} margin={MARGIN}>
            <CartesianGrid stroke="#e5e5e5" />
            {quarterAxis()}
            <YAxis domain={domain} tickFormatter={tick} width={64} />
            {series.map((s, i) => (
              <Line
                key={key(i)}
                dataKey={key(i)}
                name={s.label}
                stroke={colour(i)}
                strokeWidth={3}
                strokeDasharray={DASHES[i % DASHES.length]}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
            {series.map((s, i) =>
              s.missing ? (
                <Line
                  key={missingKey(i)}
                  dataKey={missingKey(i)}
                  stroke="none"
                  dot={false}
                  activeDot={false}
                  legendType="none"
                  isAnimationActive={false}
                >
                  <LabelList
                    dataKey={missingKey(i)}
                    content={(props) => (
                      <MissingWord
                        {...props}
                        value={missingWord(i)(props.value)}
                        offset={(i - (series.length - 1) / 2) * 14}
                      />
                    )}
                  />
                </Line>
              ) : null,
            )}
            {referenceLines}
          </LineChart>
        )}
      </div>
      {items.length > 1 && <ChartKey items={items} />}
    </figure>
  );
}
