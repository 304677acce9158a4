import {
  inSentence,
  type Audit,
  type AuditListing,
  type PeersAnswer,
  type SignedInPerson,
  type Submission,
} from '@waymark/domain';
import { Link } from 'react-router';
import { api } from '../api';
import { ChartPanel } from '../components/ChartPanel';
import { figureColumn, intervalColumn, unitOfRows } from '../components/columns';
import { FilterBar } from '../components/FilterBar';
import { ratingLabel } from '../audits/types';
import { useFilters } from '../lib/filters';
import { useLoad } from '../lib/useLoad';
import { PairedShares } from './charts';
import { ComparisonTag, DisclosureNotice, NothingYet, Waiting } from './common';

const TYPE_LABEL: Record<string, string> = {
  'agency-quarter': 'Quarterly figures',
  'case-level': 'Case-level episodes',
  'marac-quarter': 'Marac quarterly figures',
};
const shortDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

function PeerComparison({ answer }: { answer: PeersAnswer }) {
  const rows = answer.indicators.map((i) => ({
    id: i.id,
    name: i.title,
    unit: i.unit,
    own: i.own.value,
    ownLower: i.own.lower,
    ownUpper: i.own.upper,
    peers: i.peers.value,
    comparison: i.comparison,
    comparisonLabel: i.comparisonLabel,
    ownHidden: i.own.suppressed,
    peersHidden: i.peers.suppressed,
  }));
  const unit = unitOfRows(rows);
  const differ = rows.filter((r) => r.comparison !== 'similar' && r.comparison !== 'not_compared');
  const summary = answer.peersWithheld
    ? `Your rates for ${answer.from} to ${answer.to}; peers' figures are withheld because there are too few of them.`
    : `Against ${answer.peerAgencies} other ${inSentence(answer.agency.sectorLabel)} agencies, ${differ.length ? `your rates differ clearly on ${differ.map((d) => inSentence(d.name)).join(', ')}` : 'none of your rates differs clearly from theirs'} (${answer.from} to ${answer.to}).`;
  return (
    <ChartPanel<(typeof rows)[number]>
      title="How you compare with similar agencies"
      summary={summary}
      suppressionNote={
        answer.peersWithheld ??
        (rows.some((r) => r.peersHidden)
          ? `Peers' rates built on fewer than ${answer.disclosure.threshold} people are withheld.`
          : null)
      }
      rows={rows}
      rowKey={(r) => r.id}
      suppressed={(r) => r.ownHidden || r.peersHidden}
      columns={[
        { header: 'Measure', value: (r) => r.name },
        figureColumn(
          'Your agency',
          unit,
          (r) => r.own,
          (r) => (r.ownHidden && r.own === null ? 'Withheld' : null),
        ),
        {
          ...intervalColumn(
            unit,
            (r) => r.ownLower,
            (r) => r.ownUpper,
          ),
          header: 'Your 95% interval',
        },
        figureColumn(
          'Peers',
          unit,
          (r) => r.peers,
          (r) => (r.peersHidden && r.peers === null ? 'Withheld' : null),
        ),
        {
          header: 'Compared with peers',
          value: (r) => r.comparisonLabel,
          display: (r) => <ComparisonTag comparison={r.comparison} label={r.comparisonLabel} />,
        },
      ]}
      chart={
        <PairedShares
          rows={rows}
          first={{ key: 'own', name: 'Your agency', hiddenBy: 'ownHidden' }}
          second={answer.peersWithheld ? null : { key: 'peers', name: 'Peers', hiddenBy: 'peersHidden' }}
          threshold={answer.disclosure.threshold}
        />
      }
    />
  );
}

function ActionPlan({ audits }: { audits: AuditListing[] }) {
  const current = [...audits].filter((a) => a.current).sort((a, b) => b.period.localeCompare(a.period))[0];
  const audit = useLoad(() => (current ? api<Audit>(`/audits/${current.id}`) : Promise.resolve(null)), [current?.id]);
  if (!current)
    return (
      <NothingYet>
        Your agency has no self-audit yet.{' '}
        <Link className="govuk-link" to="/audits">
          Start a self-audit
        </Link>
        .
      </NothingYet>
    );
  return (
    <Waiting loaded={audit} what="action plan">
      {(a) => {
        if (!a) return null;
        const actions = a.items.filter(
          (i) =>
            (i.moderatedRating ?? i.selfRating) === 'not_met' || (i.moderatedRating ?? i.selfRating) === 'partly_met',
        );
        return (
          <ChartPanel
            title={`Action plan from your ${a.period} self-audit`}
            summary={`${a.summary.afterModeration.met} of ${a.summary.afterModeration.applicable} applicable standards met; ${actions.length} standards need action (${a.status === 'draft' ? 'draft, not yet submitted' : `version ${a.version}, submitted`}).`}
            rows={actions}
            rowKey={(i) => i.code}
            columns={[
              {
                header: 'Standard',
                value: (i) => i.code,
                display: (i) => (
                  <Link className="govuk-link" to={`/audits/${a.id}`}>
                    {i.code}
                  </Link>
                ),
              },
              { header: 'Statement', value: (i) => i.statement },
              { header: 'Rating', value: (i) => ratingLabel(i.moderatedRating ?? i.selfRating) },
              { header: 'Action', value: (i) => i.action ?? 'None recorded' },
              { header: 'Target date', value: (i) => i.targetDate ?? 'Not set' },
            ]}
          />
        );
      }}
    </Waiting>
  );
}

/** What an agency sees first: its own returns, its self-audit actions and how it compares with its peers. */
export function AgencyView({ me }: { me: SignedInPerson }) {
  const { query } = useFilters(false);
  const peers = useLoad(() => api<PeersAnswer>(`/analytics/peers?${query()}`), [query()]);
  const returns = useLoad(() => api<Submission[]>('/returns'), []);
  const audits = useLoad(() => api<AuditListing[]>('/audits'), []);
  return (
    <>
      <h1 className="govuk-heading-l">Your agency{peers.data ? `: ${peers.data.agency.name}` : ''}</h1>
      <p className="govuk-body">
        Signed in as {me.displayName}. You send returns and self-audits for this agency; the figures below are yours,
        compared with agencies of the same kind.
      </p>
      <FilterBar withArea={false} withSector={false} />
      <Waiting loaded={peers} what="comparison with peers">
        {(answer) => (
          <>
            <DisclosureNotice disclosure={answer.disclosure} />
            {answer.indicators.every((i) => i.own.denominator === 0 || i.own.value === null) ? (
              <NothingYet>
                There are no quarterly figures from your agency for {answer.from} to {answer.to} (or none your schedule
                made due yet).{' '}
                <Link className="govuk-link" to="/returns/send">
                  Send a return
                </Link>
                .
              </NothingYet>
            ) : (
              <PeerComparison answer={answer} />
            )}
          </>
        )}
      </Waiting>
      <Waiting loaded={audits} what="self-audits">
        {(list) => <ActionPlan audits={list} />}
      </Waiting>
      <Waiting loaded={returns} what="returns you have sent">
        {(list) => (
          <ChartPanel
            title="Returns you have sent"
            summary={
              list.length
                ? `${list.length} returns on record; the latest is for ${[...list].sort((a, b) => b.period.localeCompare(a.period))[0].period}.`
                : 'You have not sent any returns yet.'
            }
            rows={[...list].sort((a, b) => b.period.localeCompare(a.period) || b.version - a.version).slice(0, 12)}
            rowKey={(r) => r.id}
            columns={[
              {
                header: 'Quarter',
                value: (r) => r.period,
                display: (r) => (
                  <Link className="govuk-link" to={`/returns/${r.id}`}>
                    {r.period}
                  </Link>
                ),
              },
              { header: 'Return', value: (r) => TYPE_LABEL[r.returnType] ?? r.returnType },
              { header: 'Version', numeric: true, value: (r) => r.version },
              { header: 'Rows', numeric: true, value: (r) => r.rowCount },
              { header: 'Sent', value: (r) => shortDate(r.submittedAt) },
            ]}
          />
        )}
      </Waiting>
    </>
  );
}
