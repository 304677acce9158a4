import { Link, useParams } from 'react-router';
import { api } from '../api';
import { useLoad } from '../lib/useLoad';
import type { ReturnTypeInfo, SubmissionInfo } from './types';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });

/** One return version: what it holds, the file it came from, and every version of the same return. */
export function ReturnDetail() {
  const { id } = useParams();
  const loaded = useLoad(() => Promise.all([api<SubmissionInfo>(`/returns/${id}`), api<SubmissionInfo[]>(`/returns/${id}/versions`), api<ReturnTypeInfo[]>('/returns/types')]), [id]);
  if (loaded.error) return <p className="govuk-body" role="alert">{loaded.error}</p>;
  if (!loaded.data) return <p className="govuk-body" role="status">Loading the return…</p>;
  const [submission, versions, types] = loaded.data;
  const type = types.find((t) => t.id === submission.returnType)!;
  const rows = submission.rows ?? [];

  return (
    <>
      <span className="govuk-caption-l">{submission.ownerName}</span>
      <h1 className="govuk-heading-l">{type.title}, {submission.period}</h1>
      <dl className="govuk-summary-list">
        {[
          ['Version', `${submission.version}${submission.current ? ' (current)' : ' (replaced by a later version)'}`],
          ['Sent', `${when(submission.submittedAt)} by ${submission.submittedBy}`],
          ['File', `${submission.fileName ?? 'Sent as JSON'} (${(submission.byteSize / 1024).toFixed(1)} KB)`],
          ['SHA-256 of the file', submission.sha256],
          ['Rows', String(submission.rowCount)],
        ].map(([k, v]) => (
          <div className="govuk-summary-list__row" key={k}>
            <dt className="govuk-summary-list__key">{k}</dt>
            <dd className="govuk-summary-list__value" style={{ overflowWrap: 'anywhere' }}>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="govuk-body"><a className="govuk-link" href={`/api/returns/${submission.id}/original`} download>Download the file exactly as it was sent</a></p>

      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Version history</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Version</th>
            <th scope="col" className="govuk-table__header">Sent</th>
            <th scope="col" className="govuk-table__header">By</th>
            <th scope="col" className="govuk-table__header">File</th>
            <th scope="col" className="govuk-table__header">Status</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {versions.map((v) => (
            <tr className="govuk-table__row" key={v.id}>
              <td className="govuk-table__cell">{v.id === submission.id ? `${v.version} (shown)` : <Link className="govuk-link" to={`/returns/${v.id}`}>Version {v.version}</Link>}</td>
              <td className="govuk-table__cell">{when(v.submittedAt)}</td>
              <td className="govuk-table__cell">{v.submittedBy}</td>
              <td className="govuk-table__cell">{v.fileName ?? 'JSON'}</td>
              <td className="govuk-table__cell"><strong className={`govuk-tag ${v.current ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>{v.current ? 'Current' : 'Replaced'}</strong></td>
            </tr>
          ))}
        </tbody>
      </table>

      {type.shape === 'single' && rows[0] && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Figures</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Measure</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Value</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {type.fields.map((f) => (
              <tr className="govuk-table__row" key={f.key}>
                <th scope="row" className="govuk-table__header">{f.label}</th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{String(rows[0][f.key] ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {type.shape === 'rows' && <p className="govuk-body">{rows.length} anonymised episodes are held for this version.</p>}
    </>
  );
}
