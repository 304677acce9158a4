import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  quarterOfDate,
  ukDate,
  type Agency,
  type Audit,
  type AuditListing,
  type SignedInPerson,
} from '@waymark/domain';
import { api, ApiError } from '../api';
import { Table } from '../components/Table';
import { useLoad } from '../lib/useLoad';

const OWNERS = ['admin', 'agency_submitter', 'marac_coordinator'];

function recentYears(count = 4): string[] {
  const start = quarterOfDate(ukDate()).startYear;
  return Array.from({ length: count }, (_, i) => `${start - i}-${String((start - i + 1) % 100).padStart(2, '0')}`);
}

/** Self-audits the caller can see, and for agencies a way to start or continue this year's. */
export function AuditsList({ me }: { me: SignedInPerson }) {
  const audits = useLoad(() => api<AuditListing[]>('/audits'), []);
  const agencies = useLoad(
    () => (me.role === 'admin' ? api<Agency[]>('/agencies') : Promise.resolve([] as Agency[])),
    [me.role],
  );
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();

  async function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const audit = await api<Audit>('/audits', {
        method: 'POST',
        body: { period: form.get('period'), agencyId: form.get('agencyId') || undefined },
      });
      await navigate(`/audits/${audit.id}`);
    } catch (e) {
      setError(
        e instanceof ApiError
          ? ((e.details as { problems?: { message: string }[] })?.problems?.[0]?.message ?? e.message)
          : 'The audit could not be opened',
      );
    }
  }

  return (
    <>
      <h1 className="govuk-heading-l">Practice standards self-audits</h1>
      {OWNERS.includes(me.role) && (
        <form onSubmit={open} noValidate className="govuk-!-margin-bottom-6">
          {error && (
            <div className="govuk-error-summary" role="alert">
              <h2 className="govuk-error-summary__title">{error}</h2>
            </div>
          )}
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="audit-period">
              Year the audit covers
            </label>
            <select className="govuk-select" id="audit-period" name="period">
              {recentYears().map((y) => (
                <option key={y}>{y}</option>
              ))}
            </select>
          </div>
          {me.role === 'admin' && (
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="audit-agency">
                Agency
              </label>
              <select className="govuk-select" id="audit-agency" name="agencyId">
                {(agencies.data ?? []).map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit" className="govuk-button">
            Start or continue a self-audit
          </button>
        </form>
      )}
      {audits.error && (
        <p className="govuk-body" role="alert">
          {audits.error}
        </p>
      )}
      {audits.data && audits.data.length === 0 && <p className="govuk-body">No self-audits have been started yet.</p>}
      {audits.data && audits.data.length > 0 && (
        <Table
          caption="Audits"
          rows={audits.data}
          rowKey={(a) => a.id}
          columns={[
            {
              header: 'Agency or Marac',
              rowHeader: true,
              cell: (a) => (
                <Link className="govuk-link" to={`/audits/${a.id}`}>
                  {a.ownerName}
                </Link>
              ),
            },
            { header: 'Year', cell: (a) => a.period },
            {
              header: 'Status',
              cell: (a) =>
                a.status === 'draft' ? (
                  <strong className="govuk-tag govuk-tag--grey">Draft</strong>
                ) : (
                  <strong className="govuk-tag govuk-tag--green">Submitted, version {a.version}</strong>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
