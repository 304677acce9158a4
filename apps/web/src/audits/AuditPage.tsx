import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Audit, SignedInPerson } from '@waymark/domain';
import { api } from '../api';
import { useLoad } from '../lib/useLoad';
import { AuditEditor } from './AuditEditor';
import { AuditView } from './AuditView';

/** One self-audit: the form while it is a draft its owner can edit, the action plan and moderation once submitted. */
export function AuditPage({ me }: { me: SignedInPerson }) {
  const { id } = useParams();
  const loaded = useLoad(() => api<Audit>(`/audits/${id}`), [id]);
  const [audit, setAudit] = useState<Audit | null>(null);
  useEffect(() => setAudit(loaded.data), [loaded.data]);
  if (loaded.error)
    return (
      <p className="govuk-body" role="alert">
        {loaded.error}
      </p>
    );
  if (!audit)
    return (
      <p className="govuk-body" role="status">
        Loading the audit…
      </p>
    );
  const owns = me.role === 'admin' || (audit.agencyId ? me.agencyId === audit.agencyId : me.maracId === audit.maracId);
  return (
    <>
      <span className="govuk-caption-l">{audit.ownerName}</span>
      <h1 className="govuk-heading-l">
        Self-audit {audit.period}
        {audit.version ? `, version ${audit.version}` : ' (draft)'}
      </h1>
      <p className="govuk-body">
        <a className="govuk-link" href={`/api/audits/${audit.id}/export.xlsx`} download>
          Download as Excel
        </a>{' '}
        ·{' '}
        <a className="govuk-link" href={`/api/audits/${audit.id}/export.json`} download>
          Download as JSON
        </a>
      </p>
      {audit.status === 'draft' && owns ? (
        <AuditEditor audit={audit} onChange={setAudit} />
      ) : (
        <AuditView audit={audit} me={me} onChange={setAudit} />
      )}
      {audit.status === 'submitted' && owns && audit.current && (
        <p className="govuk-body">
          <Link className="govuk-link" to="/audits">
            Start a revised version from the audits page
          </Link>
        </p>
      )}
    </>
  );
}
