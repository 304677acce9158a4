import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { percentTick } from '../lib/format';

/** GOV.UK palette colours with enough contrast on white; lines also differ by dash so colour is never the only cue. */
export const COLOURS = { blue: '#1d70b8', red: '#d4351c', green: '#00703c', orange: '#b34e00', purple: '#4c2c92', grey: '#505a5f', black: '#0b0c0c' };
export const DASHES = ['', '6 3', '2 2', '8 3 2 3'];

/** A chart that fills the panel's width. */
export function Sized({ height = 320, children }: { height?: number; children: ReactNode }) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
      {children as never}
    </ResponsiveContainer>
  );
}

/** A tiny trend line; its words are in the label, the full series is in the page's table. */
export function Sparkline({ points, label }: { points: { period: string; value: number | null }[]; label: string }) {
  return (
    <div className="waymark-sparkline" role="img" aria-label={label}>
      <LineChart width={160} height={40} data={points} accessibilityLayer={false}>
        <Line dataKey="value" stroke={COLOURS.blue} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </div>
  );
}

/** Two shares side by side for each named row (this area against all areas, an agency against its peers). */
export function PairedShares({ rows, first, second }: { rows: { name: string }[]; first: { key: string; name: string }; second: { key: string; name: string } }) {
  return (
    <Sized height={Math.max(260, rows.length * 60)}>
      <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ left: 20, right: 60 }}>
        <CartesianGrid stroke="#e5e5e5" />
        <XAxis type="number" tickFormatter={percentTick} />
        <YAxis type="category" dataKey="name" width={260} />
        <Legend verticalAlign="top" />
        <Bar dataKey={first.key} name={first.name} fill={COLOURS.blue} isAnimationActive={false} />
        <Bar dataKey={second.key} name={second.name} fill={COLOURS.grey} isAnimationActive={false} />
      </BarChart>
    </Sized>
  );
}
