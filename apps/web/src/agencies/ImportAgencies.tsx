import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { AgenciesImported, Problem } from '@waymark/domain';
import { ErrorSummary } from '../components/ErrorSummary';
import { ProblemTable } from '../returns/ProblemTable';
import { UploadRejected, uploadFile } from '../returns/upload';

/** Adds many agencies at once from the CSV or Excel template: all of them, or none and every problem listed. */
export function ImportAgencies() {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<AgenciesImported | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setImported(null);
    const element = event.currentTarget;
    const form = new FormData(element);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setSummary(null);
      return setProblems([
        { row: null, column: 'file', rule: 'required', message: 'Choose the file of agencies to upload' },
      ]);
    }
    setBusy(true);
    try {
      setImported(await uploadFile<AgenciesImported>('/api/agencies/import', form, () => undefined));
      setProblems([]);
      setSummary(null);
      element.reset();
    } catch (error) {
      const e = error instanceof UploadRejected ? error : new UploadRejected(0, 'The upload failed. Try again.', []);
      setSummary(e.message);
      setProblems(e.problems.length ? e.problems : [{ row: null, column: null, rule: 'failed', message: e.message }]);
    } finally {
      setBusy(false);
    }
  }

  const fileError = problems.find((p) => p.column === 'file' && p.row === null)?.message;
  const inFile = problems.filter((p) => !(p.column === 'file' && p.row === null));
  const summaryProblems = [
    ...(fileError ? [{ field: 'file', message: fileError }] : []),
    ...(inFile.length
      ? [{ field: 'problems', message: `${summary ?? 'The file has problems.'} See the list of what to fix.` }]
      : []),
  ];

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary problems={summaryProblems} idFor={(f) => f} />
        {imported && (
          <div className="govuk-panel govuk-panel--confirmation" role="status">
            <h2 className="govuk-panel__title">Agencies added</h2>
            <div className="govuk-panel__body">
              {imported.created.length} {imported.created.length === 1 ? 'agency was' : 'agencies were'} added
            </div>
          </div>
        )}
        {imported && (
          <ul className="govuk-list govuk-list--bullet" aria-label="Agencies added">
            {imported.created.map((a) => (
              <li key={a.id}>{a.name}</li>
            ))}
          </ul>
        )}
        <h1 className="govuk-heading-l">Add agencies from a file</h1>
        <ol className="govuk-list govuk-list--number">
          <li>
            Download the{' '}
            <a className="govuk-link" href="/api/agencies/import/template.xlsx" download>
              Excel template
            </a>{' '}
            or the{' '}
            <a className="govuk-link" href="/api/agencies/import/template.csv" download>
              CSV template
            </a>
            . The Excel one explains each column and lists the codes.
          </li>
          <li>
            Fill in one row for each agency: its name, sector code, district code and, if you know them, its
            joint-working model and the returns it is due to send.
          </li>
          <li>
            Upload the file. Every row is checked first: if any has a problem, no agency is added and you get the list
            of what to fix.
          </li>
        </ol>
        <form onSubmit={submit} noValidate encType="multipart/form-data">
          <div className={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor="file">
              File of agencies
            </label>
            <div className="govuk-hint" id="file-hint">
              CSV or Excel (.xlsx). Agency names describe services: never include anything that identifies a person.
            </div>
            {fileError && (
              <p className="govuk-error-message" id="file-error">
                <span className="govuk-visually-hidden">Error:</span> {fileError}
              </p>
            )}
            <input
              className={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
              id="file"
              name="file"
              type="file"
              accept=".csv,.xlsx"
              aria-describedby={`file-hint${fileError ? ' file-error' : ''}`}
            />
          </div>
          {busy && (
            <p className="govuk-body" role="status">
              Checking your file…
            </p>
          )}
          <button type="submit" className="govuk-button" disabled={busy}>
            Upload and check
          </button>
        </form>
        {inFile.length > 0 && <ProblemTable problems={inFile} />}
        <p className="govuk-body">
          <Link className="govuk-link" to="/partnership">
            See every area and agency
          </Link>
        </p>
      </div>
    </div>
  );
}
