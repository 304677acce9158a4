import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts';
import { ChartPanel } from '../components/ChartPanel';
import { countOrHidden, formatCount, formatValue, percentTick } from '../lib/format';
import { COLOURS, Sized } from './charts';
import { byId, type IndicatorAnswer } from './types';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Who refers cases to Marac, as shares of all cases, with the partner-agency share against the national 36.1%. */
export function ReferralSources({ answer }: { answer: IndicatorAnswer }) {
  const sources = answer.indicators.filter((i) => i.id.startsWith('marac_source_'));
  const partner = byId(answer, 'marac_partner_referral_share');
  const rows = sources.map((s) => ({ id: s.id, name: capitalise(s.title.replace(/^Referred by /, '')), share: s.value, cases: s.numerator, suppressed: s.suppressed }));
  const benchmark = partner?.benchmark?.value ?? 0.361;
  const summary = !partner || partner.value === null
    ? 'The share of cases referred by agencies other than the police cannot be shown for these quarters.'
    : `${formatValue('percent', partner.value)} of cases were referred by agencies other than the police, against ${formatValue('percent', benchmark)} across England and Wales (${partner.comparisonLabel.toLowerCase()}); the police referred ${formatValue('percent', byId(answer, 'marac_source_police')?.value)}.`;
  return (
    <ChartPanel
      title="Who refers cases to Marac"
      summary={summary}
      suppressionNote={answer.disclosure.applied && rows.some((r) => r.suppressed) ? 'Sources with fewer than 5 referrals, and enough others that they cannot be worked out, are shown as <5 and not plotted.' : null}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { header: 'Referred by', value: (r) => r.name },
        { header: 'Cases', numeric: true, value: (r) => countOrHidden(r.cases, r.suppressed), display: (r) => formatCount(r.cases, r.suppressed) },
        { header: 'Share of cases', numeric: true, value: (r) => r.share, display: (r) => (r.suppressed ? '<5' : formatValue('percent', r.share)) },
      ]}
      chart={
        <Sized height={360}>
          <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ left: 40, right: 60 }}>
            <CartesianGrid stroke="#e5e5e5" />
            <XAxis type="number" tickFormatter={percentTick} />
            <YAxis type="category" dataKey="name" width={200} />
            <Bar dataKey="share" name="Share of cases" fill={COLOURS.blue} isAnimationActive={false}>
              <LabelList dataKey="share" position="right" formatter={(v) => (v === null || v === undefined ? '<5' : formatValue('percent', Number(v)))} />
            </Bar>
          </BarChart>
        </Sized>
      }
    />
  );
}
