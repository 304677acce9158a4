import { useState } from 'react';
import { api, ApiError } from '../api';
import { Table } from '../components/Table';
import { ukDate, type Audit, type AuditItem, type SignedInPerson, type StandardRating } from '@waymark/domain';
import { describeCompliance, RATINGS, ratingLabel, ratingTag } from './types';

const Tag = ({ rating }: { rating: StandardRating | null }) => (
  <strong className={`govuk-tag ${ratingTag(rating)}`}>{ratingLabel(rating)}</strong>
);

/** A submitted audit: the action plan first, then every rating with any moderation beside it. */
export function AuditView({ audit, me, onChange }: { audit: Audit; me: SignedInPerson; onChange: (a: Audit) => void }) {
  const moderator = (me.role === 'analyst' || me.role === 'admin') && audit.current;
  const today = ukDate();
  const plan = audit.items.filter(
    (i) =>
      i.selfRating === 'partly_met' ||
      i.selfRating === 'not_met' ||
      i.moderatedRating === 'partly_met' ||
      i.moderatedRating === 'not_met',
  );
  return (
    <>
      <p className="govuk-body-l" id="audit-summary">
        Self-assessment: {describeCompliance(audit.summary.selfRated)}
      </p>
      {audit.summary.afterModeration.met !== audit.summary.selfRated.met ||
      audit.summary.afterModeration.notMet !== audit.summary.selfRated.notMet ? (
        <p className="govuk-body">After moderation: {describeCompliance(audit.summary.afterModeration)}</p>
      ) : null}
      <Table
        caption={`Action plan (${plan.length})`}
        rows={plan}
        rowKey={(i) => i.code}
        columns={[
          { header: 'Standard', rowHeader: true, cell: (i) => `${i.code}: ${i.statement}` },
          { header: 'Rating', cell: (i) => <Tag rating={i.moderatedRating ?? i.selfRating} /> },
          { header: 'Action', cell: (i) => i.action ?? 'No action recorded' },
          {
            header: 'Target date',
            cell: (i) =>
              i.targetDate ? (
                <>
                  {i.targetDate}
                  {i.targetDate < today && (
                    <strong className="govuk-tag govuk-tag--red govuk-!-margin-left-1">Overdue</strong>
                  )}
                </>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Table
        caption="All standards"
        rows={audit.items}
        rowKey={(i) => i.code}
        columns={[
          {
            header: 'Standard',
            rowHeader: true,
            cell: (i) => (
              <>
                <span className="govuk-caption-s">{i.themeTitle}</span>
                {i.code}: {i.statement}
              </>
            ),
          },
          { header: 'Self-rating', cell: (i) => <Tag rating={i.selfRating} /> },
          { header: 'Evidence', cell: (i) => i.evidenceRef ?? '—' },
          {
            header: 'Moderation',
            cell: (i) =>
              moderator ? (
                <Moderate audit={audit} item={i} onChange={onChange} />
              ) : i.moderatedRating ? (
                <>
                  <Tag rating={i.moderatedRating} /> {i.moderationReason} ({i.moderatedBy})
                </>
              ) : (
                'Not moderated'
              ),
          },
        ]}
      />
    </>
  );
}

/** An analyst's confirmation or change of one rating, with the reason. */
function Moderate({ audit, item, onChange }: { audit: Audit; item: AuditItem; onChange: (a: Audit) => void }) {
  const [rating, setRating] = useState<StandardRating>(item.moderatedRating ?? item.selfRating ?? 'met');
  const [reason, setReason] = useState(item.moderationReason ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = `moderate-${item.code}`;
  async function save() {
    try {
      onChange(
        await api<Audit>(`/audits/${audit.id}/moderation/${item.code}`, { method: 'PUT', body: { rating, reason } }),
      );
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? (e.problems[0]?.message ?? e.message) : 'Not saved');
    }
  }
  return (
    <div className={error ? 'govuk-form-group--error' : undefined}>
      {item.moderatedRating && <p className="govuk-body-s">Moderated by {item.moderatedBy}</p>}
      {error && (
        <p className="govuk-error-message" id={`${id}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <label className="govuk-label govuk-label--s" htmlFor={`${id}-rating`}>
        Moderated rating for {item.code}
      </label>
      <select
        className="govuk-select"
        id={`${id}-rating`}
        value={rating}
        onChange={(e) => setRating(e.target.value as StandardRating)}
      >
        {RATINGS.map((r) => (
          <option key={r.code} value={r.code}>
            {r.label}
          </option>
        ))}
      </select>
      <label className="govuk-label govuk-label--s" htmlFor={`${id}-reason`}>
        Reason
      </label>
      <input
        className="govuk-input"
        id={`${id}-reason`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button
        type="button"
        className="govuk-button govuk-button--secondary govuk-!-margin-top-2 govuk-!-margin-bottom-0"
        onClick={save}
      >
        Save moderation
      </button>
    </div>
  );
}
