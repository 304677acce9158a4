import { Link, useParams } from 'react-router';
import type { ReturnTypesAnswer, Submission, SubmissionDetail } from '@waymark/domain';
import { api } from '../api';
import { Table } from '../components/Table';
import { textOf } from '../lib/format';
import { useLoad } from '../lib/useLoad';

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });

/** One return version: what it holds, where it came from, and every version of the same return. */
export function ReturnDetail() {
  const { id } = useParams();
  const loaded = useLoad(
    () =>
      Promise.all([
        api<SubmissionDetail>(`/returns/${id}`),
        api<Submission[]>(`/returns/${id}/versions`),
        api<ReturnTypesAnswer>('/returns/types'),
      ]),
    [id],
  );
  if (loaded.error)
    return (
      <p className="govuk-body" role="alert">
        {loaded.error}
      </p>
    );
  if (!loaded.data)
    return (
      <p className="govuk-body" role="status">
        Loading the return…
      </p>
    );
  const [submission, versions, types] = loaded.data;
  const type = types.find((t) => t.id === submission.returnType)!;
  const rows = submission.rows ?? [];

  return (
    <>
      <span className="govuk-caption-l">{submission.ownerName}</span>
      <h1 className="govuk-heading-l">
        {type.title}, {submission.period}
      </h1>
      <dl className="govuk-summary-list">
        {[
          ['Version', `${submission.version}${submission.current ? ' (current)' : ' (replaced by a later version)'}`],
          ['Sent', `${when(submission.submittedAt)} by ${submission.submittedBy}`],
          [
            'File sent',
            `${submission.fileName ?? 'Sent as JSON'} (${(submission.byteSize / 1024).toFixed(1)} KB; only its checked values are kept)`,
          ],
          ['SHA-256 of the file sent', submission.sha256],
          ['Rows', String(submission.rowCount)],
        ].map(([k, v]) => (
          <div className="govuk-summary-list__row" key={k}>
            <dt className="govuk-summary-list__key">{k}</dt>
            <dd className="govuk-summary-list__value" style={{ overflowWrap: 'anywhere' }}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
      {submission.access === 'values' ? (
        <p className="govuk-body">
          <a className="govuk-link" href={`/api/returns/${submission.id}/original`} download>
            Download the checked values as CSV
          </a>{' '}
          (in the template's layout, ready to correct and send again)
        </p>
      ) : (
        <div className="govuk-inset-text">{submission.rowsWithheld}</div>
      )}

      <Table
        caption="Version history"
        rows={versions}
        rowKey={(v) => v.id}
        columns={[
          {
            header: 'Version',
            cell: (v) =>
              v.id === submission.id ? (
                `${v.version} (shown)`
              ) : (
                <Link className="govuk-link" to={`/returns/${v.id}`}>
                  Version {v.version}
                </Link>
              ),
          },
          { header: 'Sent', cell: (v) => when(v.submittedAt) },
          { header: 'By', cell: (v) => v.submittedBy },
          { header: 'File', cell: (v) => v.fileName ?? 'JSON' },
          {
            header: 'Status',
            cell: (v) => (
              <strong className={`govuk-tag ${v.current ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>
                {v.current ? 'Current' : 'Replaced'}
              </strong>
            ),
          },
        ]}
      />

      {type.shape === 'single' && rows[0] && (
        <Table
          caption="Figures"
          rows={type.fields}
          rowKey={(f) => f.key}
          columns={[
            { header: 'Measure', rowHeader: true, cell: (f) => f.label },
            { header: 'Value', numeric: true, cell: (f) => textOf(rows[0][f.key]) },
          ]}
        />
      )}
      {type.shape === 'rows' && (
        <p className="govuk-body">{submission.rowCount} anonymised episodes are held for this version.</p>
      )}
    </>
  );
}
