import {
  complianceBy,
  inSentence,
  type CompletenessAnswer,
  type GapsAnswer,
  type StandardRating,
  type StandardsGapsAnswer,
} from '@waymark/domain';
import { Link } from 'react-router';
import { BarChart, CartesianGrid, XAxis } from 'recharts';
import { api } from '../api';
import { ChartPanel } from '../components/ChartPanel';
import { figureColumn } from '../components/columns';
import { FilterBar } from '../components/FilterBar';
import { useFilters } from '../lib/filters';
import { formatCount, formatValue, longDate, percentTick } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { barsHeight, categoryAxis, COLOURS, labelledBar, MARGIN, Sized } from './charts';
import { DisclosureNotice, NothingYet, Waiting } from './common';

const RATING: Record<StandardRating, { short: string; label: string; className: string }> = {
  met: { short: 'M', label: 'Met', className: 'waymark-heat--met' },
  partly_met: { short: 'P', label: 'Partly met', className: 'waymark-heat--partly' },
  not_met: { short: 'N', label: 'Not met', className: 'waymark-heat--not' },
  not_applicable: { short: '–', label: 'Not applicable', className: 'waymark-heat--na' },
};

/** Agencies down, standards across; each cell says its rating in a letter as well as a colour. */
function Heatmap({ answer }: { answer: GapsAnswer }) {
  const agencies = [...new Map(answer.heatmap.map((h) => [h.agencyId, h.agencyName])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  const codes = [...new Set(answer.heatmap.map((h) => h.code))].sort();
  const cell = new Map(answer.heatmap.map((h) => [`${h.agencyId}|${h.code}`, h.rating]));
  return (
    <div className="waymark-scroll" tabIndex={0} role="region" aria-label="Standards heatmap, scrolls sideways">
      <table className="govuk-table waymark-heatmap">
        <caption className="govuk-table__caption govuk-table__caption--s">
          Self-audit rating of each standard by agency, {answer.auditYear}. M met, P partly met, N not met, – not
          applicable, blank not rated.
        </caption>
        <thead>
          <tr>
            <th scope="col" className="govuk-table__header">
              Agency
            </th>
            {codes.map((c) => (
              <th scope="col" key={c} className="govuk-table__header waymark-heatmap__code">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {agencies.map(([id, name]) => (
            <tr key={id}>
              <th scope="row" className="govuk-table__header">
                {name}
              </th>
              {codes.map((c) => {
                const r = cell.get(`${id}|${c}`);
                return (
                  <td
                    key={c}
                    className={`waymark-heatmap__cell ${r ? RATING[r].className : ''}`}
                    title={r ? `${c}: ${RATING[r].label}` : `${c}: not rated`}
                  >
                    {r ? RATING[r].short : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each theme's share of applicable ratings met, by the same rule as everywhere (complianceBy), weakest first. */
function themeRollUp(answer: GapsAnswer) {
  return [...complianceBy(answer.heatmap, (h) => h.themeId)]
    .map(([id, { first, compliance }]) => ({ id, theme: first.themeTitle, ...compliance, share: compliance.metShare }))
    .sort((a, b) => (a.share ?? 0) - (b.share ?? 0));
}

export function Gaps() {
  const { filters, query } = useFilters();
  const gaps = useLoad(() => api<GapsAnswer>(`/analytics/gaps?${query()}`), [query()]);
  const areaPart = filters.area ? `&area=${filters.area}` : '';
  const returns = useLoad(
    () => api<CompletenessAnswer>(`/returns/completeness?period=${encodeURIComponent(filters.to)}${areaPart}`),
    [filters.to, filters.area],
  );
  const auditYear = gaps.data?.auditYear;
  const actions = useLoad(
    () =>
      auditYear
        ? api<StandardsGapsAnswer>(`/standards/gaps?period=${auditYear}${areaPart}`)
        : new Promise<StandardsGapsAnswer>(() => undefined),
    [auditYear, filters.area],
  );

  return (
    <>
      <h1 className="govuk-heading-l">Gaps</h1>
      <p className="govuk-body">
        Where practice standards are not met, where agencies are missing from Marac or have not sent returns, and where
        disclosures are not turning into engaged referrals.
      </p>
      <FilterBar />
      <Waiting loaded={gaps} what="gaps">
        {(answer) => {
          const themes = themeRollUp(answer);
          const weakest = themes[0];
          return (
            <>
              <DisclosureNotice disclosure={answer.disclosure} />
              {answer.heatmap.length === 0 ? (
                <NothingYet>
                  No agency has submitted a self-audit for {answer.auditYear}.{' '}
                  <Link className="govuk-link" to="/audits">
                    See self-audit progress
                  </Link>
                  .
                </NothingYet>
              ) : (
                <>
                  <ChartPanel<(typeof themes)[number]>
                    title="Standards met, by theme"
                    summary={`Across ${new Set(answer.heatmap.map((h) => h.agencyId)).size} agencies' ${answer.auditYear} self-audits, the weakest theme is ${inSentence(weakest.theme)} (${formatValue('percent', weakest.share)} of applicable ratings met).`}
                    rows={themes}
                    rowKey={(t) => t.id}
                    columns={[
                      { header: 'Theme', value: (t) => t.theme },
                      { header: 'Ratings met', numeric: true, value: (t) => t.met },
                      { header: 'Ratings that apply', numeric: true, value: (t) => t.applicable },
                      figureColumn('Share met', 'percent', (t) => t.share),
                    ]}
                    chart={
                      <Sized height={barsHeight(themes.length, 44)}>
                        {(width) => (
                          <BarChart
                            data={themes}
                            layout="vertical"
                            accessibilityLayer={false}
                            margin={{ ...MARGIN, right: 64 }}
                          >
                            <CartesianGrid stroke="#e5e5e5" />
                            <XAxis type="number" domain={[0, 1]} tickFormatter={percentTick} />
                            {categoryAxis('theme', width)}
                            {labelledBar('share', COLOURS.blue)}
                          </BarChart>
                        )}
                      </Sized>
                    }
                  />
                  <ChartPanel
                    title="Standards heatmap"
                    summary={`Each agency's rating against each standard; ${answer.standardsNoAgencyMeets.length} standards are met by no agency.`}
                    rows={answer.heatmap}
                    rowKey={(h) => `${h.agencyId}-${h.code}`}
                    picture={false}
                    chart={<Heatmap answer={answer} />}
                    columns={[
                      { header: 'Agency', value: (h) => h.agencyName },
                      { header: 'Standard', value: (h) => h.code },
                      { header: 'Theme', value: (h) => h.themeTitle },
                      { header: 'Rating', value: (h) => RATING[h.rating].label },
                    ]}
                  />
                </>
              )}
              <h2 className="govuk-heading-m">Standards no agency meets</h2>
              {answer.heatmap.length === 0 ? (
                <p className="govuk-body">
                  No self-audits for {answer.auditYear} yet, so nothing can be said about which standards are met.
                </p>
              ) : answer.standardsNoAgencyMeets.length === 0 ? (
                <p className="govuk-body">Every standard that applies is met by at least one agency.</p>
              ) : (
                <ul className="govuk-list govuk-list--bullet">
                  {answer.standardsNoAgencyMeets.map((s) => (
                    <li key={s.code}>
                      <strong>{s.code}</strong> ({s.themeTitle}): {s.statement} Applies to {s.applicable}{' '}
                      {s.applicable === 1 ? 'agency' : 'agencies'}.
                    </li>
                  ))}
                </ul>
              )}
              <h2 className="govuk-heading-m">Core agencies missing from Marac</h2>
              {answer.attendance.every((a) => a.meetings === 0) ? (
                <p className="govuk-body">
                  No Marac meetings were recorded in these quarters, so attendance cannot be judged.
                </p>
              ) : answer.missingAtMarac.length === 0 ? (
                <p className="govuk-body">
                  Every core agency attended at least {answer.expectedAttendance.inWords} at Marac.
                </p>
              ) : (
                <ul className="govuk-list govuk-list--bullet">
                  {answer.missingAtMarac.map((m) => (
                    <li key={m.agency}>
                      {m.label}: {m.attended} of {m.meetings} meetings ({formatValue('percent', m.share)})
                    </li>
                  ))}
                </ul>
              )}
              <ChartPanel
                title="Many disclosures, few engaged referrals"
                summary={
                  answer.serviceGaps.length
                    ? `${answer.serviceGaps.length} agencies heard at least 10 disclosures of the other issue but fewer than a quarter of those people engaged after a referral.`
                    : 'No agency combines many disclosures with few engaged referrals in these quarters.'
                }
                rows={answer.serviceGaps}
                rowKey={(g) => g.agencyName}
                suppressed={(g) =>
                  answer.disclosure.applied && [g.disclosed, g.referralsMade, g.referralsEngaged].includes(null)
                }
                columns={[
                  { header: 'Agency', value: (g) => g.agencyName },
                  {
                    header: 'Disclosures',
                    numeric: true,
                    value: (g) => g.disclosed,
                    display: (g) => formatCount(g.disclosed, answer.disclosure.applied),
                  },
                  {
                    header: 'Referrals made',
                    numeric: true,
                    value: (g) => g.referralsMade,
                    display: (g) => formatCount(g.referralsMade, answer.disclosure.applied),
                  },
                  {
                    header: 'Referrals engaged',
                    numeric: true,
                    value: (g) => g.referralsEngaged,
                    display: (g) => formatCount(g.referralsEngaged, answer.disclosure.applied),
                  },
                ]}
              />
            </>
          );
        }}
      </Waiting>
      <Waiting loaded={returns} what="late or missing returns">
        {(r) => {
          const late = r.items.filter((i) => i.status === 'late' || i.status === 'missing');
          return (
            <ChartPanel
              title={`Late or missing returns for ${r.period}`}
              summary={
                late.length
                  ? `${late.length} of ${r.items.length} expected returns for ${r.period} are late or missing.`
                  : `No returns for ${r.period} are late or missing.`
              }
              rows={late}
              rowKey={(i) => `${i.kind}-${i.id}`}
              columns={[
                { header: 'Agency or Marac', value: (i) => i.name },
                { header: 'Area', value: (i) => i.areaName },
                { header: 'Status', value: (i) => i.statusLabel },
              ]}
            />
          );
        }}
      </Waiting>
      {auditYear && (
        <Waiting loaded={actions} what="overdue audit actions">
          {(a) => (
            <ChartPanel
              title="Overdue actions from self-audits"
              summary={
                a.overdueActions.length
                  ? `${a.overdueActions.length} improvement actions from ${auditYear} self-audits are past their target date; the oldest was due on ${longDate(a.overdueActions[0].targetDate)}.`
                  : `No improvement actions from ${auditYear} self-audits are overdue.`
              }
              rows={a.overdueActions}
              rowKey={(o) => `${o.auditId}-${o.code}`}
              columns={[
                { header: 'Agency', value: (o) => o.agencyName },
                { header: 'Standard', value: (o) => o.code },
                { header: 'Rating', value: (o) => RATING[o.rating].label },
                { header: 'Action', value: (o) => o.action ?? 'None recorded' },
                { header: 'Target date', value: (o) => o.targetDate, display: (o) => longDate(o.targetDate) },
              ]}
            />
          )}
        </Waiting>
      )}
    </>
  );
}
