import { hiddenLabel, inSentence, type IndicatorsAnswer } from '@waymark/domain';
import { MARAC_REFERRAL_SOURCES } from '@waymark/domain';
import { BarChart, CartesianGrid, XAxis } from 'recharts';
import { ChartPanel } from '../components/ChartPanel';
import { countColumn, figureColumn, unitOfRows } from '../components/columns';
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
  withheldBar,
  withheldKey,
  withWithheld,
} from './charts';
import { BenchmarkNote, byId, figureInstead } from './common';

const SOURCE_LABEL = new Map(MARAC_REFERRAL_SOURCES.map((s) => [`marac_source_${s.code}`, s.label]));

/** Who refers cases to Marac, as shares of all cases, with the partner-agency share against its published benchmark. */
export function ReferralSources({ answer }: { answer: IndicatorsAnswer }) {
  const sources = answer.indicators.filter((i) => i.id.startsWith('marac_source_'));
  const partner = byId(answer, 'marac_partner_referral_share');
  const rows = withWithheld(
    sources.map((s) => ({ ...s, name: SOURCE_LABEL.get(s.id) ?? s.title, share: s.value })),
    'share',
    'suppressed',
  );
  const police = byId(answer, 'marac_source_police');
  const threshold = answer.disclosure.threshold;
  const benchmark = partner?.benchmark ?? null;
  const against = benchmark
    ? `, against ${formatValue(partner!.unit, benchmark.value)} for ${benchmark.label} (${inSentence(partner!.comparisonLabel)})`
    : '';
  const summary =
    !partner || partner.value === null
      ? 'The share of cases referred by agencies other than the police cannot be shown for these quarters.'
      : `${formatValue(partner.unit, partner.value)} of cases were referred by agencies other than the police${against}; the police referred ${formatValue(police?.unit ?? partner.unit, police?.value)}.`;
  return (
    <ChartPanel<(typeof rows)[number]>
      title="Who refers cases to Marac"
      summary={summary}
      note={partner && <BenchmarkNote references={[benchmark]} unit={partner.unit} />}
      suppressionNote={
        answer.disclosure.applied && rows.some((r) => r.suppressed)
          ? `Sources with fewer than ${threshold} referrals, and enough others that they cannot be worked out, are shown as ${hiddenLabel(threshold)} with a hatched bar.`
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
        figureColumn('Share of cases', unitOfRows(rows), (r) => r.share, figureInstead),
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
                {withheldBar('share', threshold)}
              </BarChart>
            )}
          </Sized>
          <ChartKey
            items={[
              { label: 'Share of cases', swatch: barSwatch(COLOURS.blue) },
              ...(hasWithheld(rows, 'share') ? [withheldKey(threshold)] : []),
            ]}
          />
        </>
      }
    />
  );
}
