import { inSentence } from '@waymark/domain';
import { MARAC_REFERRAL_SOURCES } from '@waymark/domain';
import { BarChart, CartesianGrid, XAxis } from 'recharts';
import { ChartPanel } from '../components/ChartPanel';
import { countColumn, figureColumn } from '../components/columns';
import { formatValue, percentTick, SHARE_DOMAIN } from '../lib/format';
import { barSwatch, ChartKey } from './ChartKey';
import {
  barsHeight,
  categoryAxis,
  COLOURS,
  hasWithheld,
  labelledBar,
  MARGIN,
  Sized,
  WITHHELD_KEY,
  withheldBar,
  withWithheld,
} from './charts';
import { BenchmarkNote, figureInstead } from './common';
import { byId, type IndicatorAnswer } from './types';

const SOURCE_LABEL = new Map(MARAC_REFERRAL_SOURCES.map((s) => [`marac_source_${s.code}`, s.label]));

/** Who refers cases to Marac, as shares of all cases, with the partner-agency share against its published benchmark. */
export function ReferralSources({ answer }: { answer: IndicatorAnswer }) {
  const sources = answer.indicators.filter((i) => i.id.startsWith('marac_source_'));
  const partner = byId(answer, 'marac_partner_referral_share');
  const rows = withWithheld(
    sources.map((s) => ({ ...s, name: SOURCE_LABEL.get(s.id) ?? s.title, share: s.value })),
    'share',
    'suppressed',
  );
  const benchmark = partner?.benchmark ?? null;
  const against = benchmark
    ? `, against ${formatValue('percent', benchmark.value)} for ${benchmark.label} (${inSentence(partner!.comparisonLabel)})`
    : '';
  const summary =
    !partner || partner.value === null
      ? 'The share of cases referred by agencies other than the police cannot be shown for these quarters.'
      : `${formatValue('percent', partner.value)} of cases were referred by agencies other than the police${against}; the police referred ${formatValue('percent', byId(answer, 'marac_source_police')?.value)}.`;
  return (
    <ChartPanel<(typeof rows)[number]>
      title="Who refers cases to Marac"
      summary={summary}
      note={<BenchmarkNote references={[benchmark]} unit="percent" />}
      suppressionNote={
        answer.disclosure.applied && rows.some((r) => r.suppressed)
          ? 'Sources with fewer than 5 referrals, and enough others that they cannot be worked out, are shown as <5 with a hatched bar.'
          : null
      }
      rows={rows}
      rowKey={(r) => r.id}
      suppressed={(r) => r.suppressed}
      columns={[
        { header: 'Referred by', value: (r) => r.name },
        countColumn(
          'Cases',
          (r) => r.numerator,
          (r) => r.suppressed,
        ),
        figureColumn('Share of cases', 'percent', (r) => r.share, figureInstead),
      ]}
      chart={
        <>
          <Sized height={barsHeight(rows.length, 36)}>
            {(width) => (
              <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ ...MARGIN, right: 64 }}>
                <CartesianGrid stroke="#e5e5e5" />
                <XAxis type="number" domain={SHARE_DOMAIN} tickFormatter={percentTick} />
                {categoryAxis('name', width)}
                {labelledBar('share', COLOURS.blue)}
                {withheldBar('share')}
              </BarChart>
            )}
          </Sized>
          <ChartKey
            items={[
              { label: 'Share of cases', swatch: barSwatch(COLOURS.blue) },
              ...(hasWithheld(rows, 'share') ? [WITHHELD_KEY] : []),
            ]}
          />
        </>
      }
    />
  );
}
