import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { formatValue, SERIES_COLOURS, type ReportChart } from '@waymark/domain';

/** The chart's size in CSS pixels: the width of an A4 page's text column. */
const CHART_WIDTH = 640;
const FONT = 'DejaVu Sans';
// A font shipped in an npm package, so a chart's words render the same on any server, fonts installed or not.
const FONT_FILE = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const INK = '#0b0c0c';
/** Axis labels drop a trailing ".0": 20%, not 20.0%. */
const tick = (chart: ReportChart, v: number) => formatValue(chart.unit, v).replace(/\.0+(?=%|$)/, '');
const GRID = '#e5e5e5';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const text = (x: number, y: number, words: string, anchor: 'start' | 'middle' | 'end' = 'start', size = 12) =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT}" font-size="${size}" fill="${INK}" text-anchor="${anchor}">${escape(words)}</text>`;
/** A label cut to fit a width, ending with an ellipsis (the table beside the chart has it whole). */
const fit = (words: string, width: number, size = 12) => {
  const most = Math.floor(width / (size * 0.58));
  return words.length <= most ? words : `${words.slice(0, Math.max(1, most - 1))}…`;
};

/** A label on up to two lines at the words' breaks, the second cut if it must be. */
function wrapped(words: string, width: number, size = 12): string[] {
  const most = Math.floor(width / (size * 0.58));
  if (words.length <= most) return [words];
  const cut = words.lastIndexOf(' ', most);
  if (cut <= 0) return [fit(words, width, size)];
  return [words.slice(0, cut), fit(words.slice(cut + 1), width, size)];
}

/** Round steps for the value axis (1, 2, 2.5 or 5 times a power of ten), from 0 to just above every value and reference. */
function axisTicks(chart: ReportChart): number[] {
  const values = [...chart.series.flatMap((s) => s.values), ...chart.references.map((r) => r.value)].filter(
    (v): v is number => v !== null && Number.isFinite(v),
  );
  const most = Math.max(0, ...values) || (chart.unit === 'percent' ? 1 : 10);
  const rough = most / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough)!;
  return Array.from({ length: Math.ceil(most / step - 1e-9) + 1 }, (_, i) => i * step);
}

function legend(chart: ReportChart, y: number): string {
  let x = 8;
  const items = [
    ...chart.series.map((s, i) => ({ label: s.label, colour: SERIES_COLOURS[i % SERIES_COLOURS.length], dash: '' })),
    ...chart.references.map((r) => ({ label: r.label, colour: INK, dash: '6 3' })),
  ];
  return items
    .map((item) => {
      const swatch = `<line x1="${x}" y1="${y - 4}" x2="${x + 18}" y2="${y - 4}" stroke="${item.colour}" stroke-width="${item.dash ? 2 : 8}" stroke-dasharray="${item.dash}"/>`;
      const room = Math.max(80, CHART_WIDTH - x - 30);
      const label = text(x + 24, y, fit(item.label, room));
      x += 34 + Math.min(room, item.label.length * 7);
      return swatch + label;
    })
    .join('');
}

function bars(chart: ReportChart): { body: string; height: number } {
  const labelWidth = 210;
  const plotWidth = CHART_WIDTH - labelWidth - 60;
  const barHeight = 16;
  // Room for a category's name on two lines, however few bars it has.
  const groupHeight = Math.max(chart.series.length * barHeight + 12, 34);
  const ticks = axisTicks(chart);
  const top = ticks[ticks.length - 1];
  const x = (v: number) => labelWidth + (v / top) * plotWidth;
  const plotHeight = chart.categories.length * groupHeight;
  const parts: string[] = [];
  for (const v of ticks) {
    parts.push(
      `<line x1="${x(v)}" y1="0" x2="${x(v)}" y2="${plotHeight}" stroke="${GRID}"/>`,
      text(x(v), plotHeight + 16, tick(chart, v), 'middle', 11),
    );
  }
  chart.categories.forEach((category, c) => {
    const y0 = c * groupHeight + 6;
    const lines = wrapped(category, labelWidth - 12);
    const middle = y0 + (chart.series.length * barHeight) / 2 + 4;
    lines.forEach((line, n) =>
      parts.push(text(labelWidth - 8, middle + (n - (lines.length - 1) / 2) * 14, line, 'end')),
    );
    chart.series.forEach((series, s) => {
      const value = series.values[c];
      const y = y0 + s * barHeight;
      if (value === null || value === undefined) {
        if (series.missing) parts.push(text(labelWidth + 4, y + barHeight - 4, series.missing, 'start', 11));
        return;
      }
      parts.push(
        `<rect x="${labelWidth}" y="${y}" width="${Math.max(1, x(value) - labelWidth).toFixed(1)}" height="${barHeight - 2}" fill="${SERIES_COLOURS[s % SERIES_COLOURS.length]}"/>`,
      );
      parts.push(text(x(value) + 4, y + barHeight - 4, formatValue(chart.unit, value), 'start', 11));
    });
  });
  for (const r of chart.references)
    parts.push(
      `<line x1="${x(r.value)}" y1="0" x2="${x(r.value)}" y2="${plotHeight}" stroke="${INK}" stroke-width="2" stroke-dasharray="6 3"/>`,
    );
  parts.push(`<line x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${plotHeight}" stroke="${INK}"/>`);
  return { body: parts.join(''), height: plotHeight + 24 };
}

function line(chart: ReportChart): { body: string; height: number } {
  const left = 60;
  const plotWidth = CHART_WIDTH - left - 40;
  const plotHeight = 200;
  const ticks = axisTicks(chart);
  const top = ticks[ticks.length - 1];
  const step = chart.categories.length > 1 ? plotWidth / (chart.categories.length - 1) : 0;
  const x = (i: number) => left + (chart.categories.length > 1 ? i * step : plotWidth / 2);
  const y = (v: number) => plotHeight - (v / top) * plotHeight;
  const parts: string[] = [];
  for (const v of ticks) {
    parts.push(
      `<line x1="${left}" y1="${y(v)}" x2="${left + plotWidth}" y2="${y(v)}" stroke="${GRID}"/>`,
      text(left - 6, y(v) + 4, tick(chart, v), 'end', 11),
    );
  }
  // First, last and every other quarter labelled, so labels never overlap.
  const every = Math.ceil(chart.categories.length / 6);
  chart.categories.forEach((category, i) => {
    const last = i === chart.categories.length - 1;
    // The last quarter is always named; a labelled quarter just before it would run into it.
    if ((i % every === 0 && chart.categories.length - 1 - i >= every) || last)
      parts.push(text(x(i), plotHeight + 16, category, last && i > 0 ? 'end' : i === 0 ? 'start' : 'middle', 11));
  });
  for (const r of chart.references)
    parts.push(
      `<line x1="${left}" y1="${y(r.value)}" x2="${left + plotWidth}" y2="${y(r.value)}" stroke="${INK}" stroke-width="2" stroke-dasharray="6 3"/>`,
    );
  chart.series.forEach((series, s) => {
    const colour = SERIES_COLOURS[s % SERIES_COLOURS.length];
    // A missing quarter breaks the line rather than joining its neighbours across it.
    const runs: string[][] = [[]];
    series.values.forEach((value, i) => {
      if (value === null) runs.push([]);
      else {
        runs[runs.length - 1].push(`${x(i).toFixed(1)},${y(value).toFixed(1)}`);
        parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(value).toFixed(1)}" r="3.5" fill="${colour}"/>`);
      }
    });
    for (const run of runs.filter((r) => r.length > 1))
      parts.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
  });
  parts.push(`<line x1="${left}" y1="${plotHeight}" x2="${left + plotWidth}" y2="${plotHeight}" stroke="${INK}"/>`);
  return { body: parts.join(''), height: plotHeight + 24 };
}

/** The chart as SVG: the same definition the print view draws, so the Word picture and the page agree. */
export function chartSvg(chart: ReportChart): { svg: string; width: number; height: number } {
  const plot = chart.kind === 'bars' ? bars(chart) : line(chart);
  const height = 8 + plot.height + 28;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">`,
    `<rect width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<g transform="translate(0,8)">${plot.body}</g>`,
    `<g transform="translate(0,${height - 6})">${legend(chart, 0)}</g>`,
    '</svg>',
  ].join('');
  return { svg, width: CHART_WIDTH, height };
}

/** The chart as a PNG at twice its size, sharp when printed. */
export function chartPng(chart: ReportChart): { png: Buffer; width: number; height: number } {
  const { svg, width, height } = chartSvg(chart);
  const png = new Resvg(svg, {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT },
    fitTo: { mode: 'width', value: width * 2 },
  })
    .render()
    .asPng();
  return { png, width, height };
}
