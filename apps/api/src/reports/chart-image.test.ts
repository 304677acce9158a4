import type { ReportChart } from '@waymark/domain';
import { describe, expect, it } from 'vitest';
import { chartPng, chartSvg } from './chart-image.js';

const bars: ReportChart = {
  title: 'Who the victims are',
  kind: 'bars',
  unit: 'percent',
  categories: ['Disabled victims', 'Male <victims> & "others"'],
  series: [
    { label: 'This area', values: [0.2, null], missing: 'withheld' },
    { label: 'England and Wales', values: [0.1, 0.064] },
  ],
  references: [{ label: 'Three meetings in four', value: 0.75 }],
  description: 'A test chart.',
};

const widths = (svg: string) =>
  [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('report charts drawn on the server', () => {
  it('draws bars in proportion and leaves a withheld value out rather than drawing it as nothing', () => {
    const { svg } = chartSvg(bars);
    const [first, second, third] = widths(svg);
    expect(widths(svg)).toHaveLength(3); // the withheld value draws no bar
    expect(first / second).toBeCloseTo(2, 1);
    expect(second / third).toBeCloseTo(0.1 / 0.064, 1);
    expect(svg).toContain('withheld');
    expect(svg.match(/withheld/g)).toHaveLength(1); // only a series that names its missing values writes a word
    expect(svg).toContain('20.0%');
  });

  it('escapes words so a name cannot break the picture', () => {
    const { svg } = chartSvg(bars);
    expect(svg).not.toContain('<victims>');
    expect(svg).toContain('&lt;victims&gt; &amp; &quot;others&quot;');
  });

  it('breaks a line at a missing quarter and puts every value on an axis that holds it', () => {
    const line: ReportChart = {
      ...bars,
      kind: 'line',
      categories: ['Q1', 'Q2', 'Q3', 'Q4'],
      series: [{ label: 'Repeat rate', values: [0.3, 0.35, null, 0.42] }],
      references: [{ label: 'National', value: 0.31 }],
    };
    const { svg } = chartSvg(line);
    expect([...svg.matchAll(/<polyline /g)]).toHaveLength(1); // Q1–Q2 joined; Q4 stands alone
    expect([...svg.matchAll(/<circle /g)]).toHaveLength(3);
    expect(svg).toMatch(/>60%</); // round steps of 20%, the last past 42%
    expect(svg).not.toMatch(/>80%</);
  });

  it('renders to a PNG at twice the size, for print', () => {
    const { png, width, height } = chartPng(bars);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(width * 2);
    expect(png.readUInt32BE(20)).toBe(height * 2);
  });
});
