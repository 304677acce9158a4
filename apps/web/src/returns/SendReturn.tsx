import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Agency, Marac, Problem, ReturnAccepted, ReturnTypesAnswer, SignedInPerson } from '@waymark/domain';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { lastCompleteQuarter, recentQuarters } from '../lib/quarters';
import { useLoad } from '../lib/useLoad';
import { ProblemTable } from './ProblemTable';
import { ReplaceConfirm, REPLACE_FIELD, unconfirmedReplace } from './ReplaceConfirm';
import { typesFor } from './types';
import { sentOn, UploadRejected, uploadReturn } from './upload';

const FIELD_FOR_PROBLEM: Record<string, string> = {
  period: 'period',
  agencyId: 'owner',
  maracId: 'owner',
  type: 'type',
};
/** Problems shown against the form's own fields rather than in the table of what to fix in the file. */
const FORM_FIELDS = ['type', 'period', 'owner', REPLACE_FIELD];

export function SendReturn({ me }: { me: SignedInPerson }) {
  const types = useLoad(() => api<ReturnTypesAnswer>('/returns/types'), []);
  const owners = useLoad(
    () =>
      me.role === 'admin'
        ? Promise.all([api<Agency[]>('/agencies'), api<Marac[]>('/maracs')])
        : Promise.resolve([[], []] as [Agency[], Marac[]]),
    [me.role],
  );
  const [typeId, setTypeId] = useState<string>('');
  const [period, setPeriod] = useState(lastCompleteQuarter);
  const [ownerId, setOwnerId] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [summary, setSummary] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [accepted, setAccepted] = useState<ReturnAccepted | null>(null);

  if (types.error)
    return (
      <p className="govuk-body" role="alert">
        {types.error}
      </p>
    );
  if (!types.data || !owners.data)
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  const allowed = typesFor(me.role, types.data);
  if (allowed.length === 0)
    return <p className="govuk-body">Your role does not send returns. Ask your administrator if this is wrong.</p>;
  const chosen = allowed.find((t) => t.id === typeId) ?? (allowed.length === 1 ? allowed[0] : undefined);
  const [agencies, maracs] = owners.data;
  const ownerField = chosen?.submittedBy === 'marac' ? 'maracId' : 'agencyId';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAccepted(null);
    const form = new FormData(event.currentTarget);
    const found: Problem[] = [];
    if (!chosen) found.push({ row: null, column: 'type', rule: 'required', message: 'Choose the kind of return' });
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0)
      found.push({ row: null, column: 'file', rule: 'required', message: 'Choose the file to upload' });
    if (me.role === 'admin' && !form.get(ownerField)) {
      found.push({
        row: null,
        column: 'owner',
        rule: 'required',
        message: `Choose the ${chosen?.submittedBy === 'marac' ? 'Marac' : 'agency'} the return is for`,
      });
    }
    const unconfirmed = unconfirmedReplace(event.currentTarget);
    if (unconfirmed) found.push({ row: null, column: REPLACE_FIELD, rule: 'required', message: unconfirmed });
    if (found.length) {
      setSummary(null);
      return setProblems(found);
    }
    setProblems([]);
    setProgress(0);
    try {
      setAccepted(await uploadReturn(chosen!.id, form, setProgress));
    } catch (error) {
      const e = error instanceof UploadRejected ? error : new UploadRejected(0, 'The upload failed. Try again.', []);
      setSummary(e.message);
      setProblems(e.problems.length ? e.problems : [{ row: null, column: null, rule: 'failed', message: e.message }]);
    } finally {
      setProgress(null);
    }
  }

  const fieldError = (field: string) =>
    problems.find((p) => p.row === null && (FIELD_FOR_PROBLEM[p.column ?? ''] ?? p.column) === field)?.message;
  const fileProblems = problems.filter(
    (p) => !FORM_FIELDS.includes(FIELD_FOR_PROBLEM[p.column ?? ''] ?? p.column ?? ''),
  );
  const summaryProblems = [
    ...problems.filter(
      (p) => p.row === null && [...FORM_FIELDS, 'file'].includes(FIELD_FOR_PROBLEM[p.column ?? ''] ?? p.column ?? ''),
    ),
    ...(fileProblems.some((p) => p.column !== 'file')
      ? [
          {
            row: null,
            column: 'problems',
            rule: 'file',
            message: `${summary ?? 'The file has problems.'} See the list of what to fix.`,
          },
        ]
      : []),
  ];

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary
          problems={summaryProblems.map((p) => ({
            field: FIELD_FOR_PROBLEM[p.column ?? ''] ?? p.column ?? 'problems',
            message: p.message,
          }))}
          idFor={(f) => f}
        />
        {accepted && (
          <div className="govuk-panel govuk-panel--confirmation" role="status">
            <h2 className="govuk-panel__title">Return received</h2>
            <div className="govuk-panel__body">
              {accepted.period}, version {accepted.version}, {accepted.rows} {accepted.rows === 1 ? 'row' : 'rows'}
              {accepted.replaced && (
                <>
                  <br />
                  It replaces version {accepted.replaced.version}, sent on {sentOn(accepted.replaced.receivedAt)}
                </>
              )}
            </div>
          </div>
        )}
        {accepted && (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/returns/${accepted.id}`}>
              See this return and its version history
            </Link>
          </p>
        )}
        <h1 className="govuk-heading-l">Send a return</h1>
        <form onSubmit={submit} noValidate encType="multipart/form-data">
          {allowed.length > 1 ? (
            <div className={`govuk-form-group${fieldError('type') ? ' govuk-form-group--error' : ''}`}>
              <fieldset className="govuk-fieldset" aria-describedby={fieldError('type') ? 'type-error' : undefined}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                  Which return are you sending?
                </legend>
                {fieldError('type') && (
                  <p className="govuk-error-message" id="type-error">
                    <span className="govuk-visually-hidden">Error:</span> {fieldError('type')}
                  </p>
                )}
                <div className="govuk-radios" data-module="govuk-radios">
                  {allowed.map((t, i) => (
                    <div className="govuk-radios__item" key={t.id}>
                      <input
                        className="govuk-radios__input"
                        id={i === 0 ? 'type' : `type-${t.id}`}
                        name="type"
                        type="radio"
                        value={t.id}
                        checked={chosen?.id === t.id}
                        onChange={() => {
                          setTypeId(t.id);
                          setOwnerId('');
                        }}
                        aria-describedby={`type-${t.id}-hint`}
                      />
                      <label className="govuk-label govuk-radios__label" htmlFor={i === 0 ? 'type' : `type-${t.id}`}>
                        {t.title}
                      </label>
                      <div id={`type-${t.id}-hint`} className="govuk-hint govuk-radios__hint">
                        {t.description}
                      </div>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
          ) : (
            <p className="govuk-body-l">
              {chosen!.title}: {chosen!.description}
            </p>
          )}

          <div className={`govuk-form-group${fieldError('period') ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor="period">
              Quarter
            </label>
            <div className="govuk-hint" id="period-hint">
              Financial-year quarters: Q1 is April to June.
            </div>
            {fieldError('period') && (
              <p className="govuk-error-message" id="period-error">
                <span className="govuk-visually-hidden">Error:</span> {fieldError('period')}
              </p>
            )}
            <select
              className="govuk-select"
              id="period"
              name="period"
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
              aria-describedby="period-hint"
            >
              {recentQuarters(12).map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          </div>

          {me.role === 'admin' && chosen && (
            <div className={`govuk-form-group${fieldError('owner') ? ' govuk-form-group--error' : ''}`}>
              <label className="govuk-label govuk-label--s" htmlFor="owner">
                {chosen.submittedBy === 'marac' ? 'Marac' : 'Agency'}
              </label>
              {fieldError('owner') && (
                <p className="govuk-error-message" id="owner-error">
                  <span className="govuk-visually-hidden">Error:</span> {fieldError('owner')}
                </p>
              )}
              <select
                className="govuk-select"
                id="owner"
                name={ownerField}
                value={ownerId}
                onChange={(e) => setOwnerId(e.target.value)}
              >
                <option value="">Choose…</option>
                {(chosen.submittedBy === 'marac' ? maracs : agencies).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          )}

          <div className={`govuk-form-group${fieldError('file') ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor="file">
              File
            </label>
            <div className="govuk-hint" id="file-hint">
              CSV, Excel (.xlsx), JSON, Parquet or Arrow. Never include names, dates of birth, NHS or National Insurance
              numbers, phone numbers, email addresses or postcodes.
            </div>
            {fieldError('file') && (
              <p className="govuk-error-message" id="file-error">
                <span className="govuk-visually-hidden">Error:</span> {fieldError('file')}
              </p>
            )}
            <input
              className="govuk-file-upload"
              id="file"
              name="file"
              type="file"
              accept=".csv,.xlsx,.json,.parquet,.arrow,.arrows"
              aria-describedby="file-hint"
            />
          </div>
          {chosen && (
            <p className="govuk-body">
              Templates for the {chosen.title.toLowerCase()}:{' '}
              <a className="govuk-link" href={`/api/returns/templates/${chosen.id}.xlsx`} download>
                Excel template
              </a>{' '}
              or{' '}
              <a className="govuk-link" href={`/api/returns/templates/${chosen.id}.csv`} download>
                CSV template
              </a>
              {chosen.shape === 'single' && (
                <>
                  {'. '}You can also{' '}
                  <Link className="govuk-link" to={`/returns/form/${chosen.id}`}>
                    fill in the figures online
                  </Link>
                  .
                </>
              )}
            </p>
          )}
          {chosen && (me.role !== 'admin' || ownerId) && (
            <ReplaceConfirm
              type={chosen.id}
              period={period}
              owner={me.role === 'admin' ? { [ownerField]: ownerId } : {}}
              sent={accepted?.id ?? null}
              error={fieldError(REPLACE_FIELD)}
            />
          )}
          {progress !== null && (
            <div className="govuk-form-group" role="status">
              <label className="govuk-label" htmlFor="upload-progress">
                {progress < 1 ? 'Uploading…' : 'Checking your return…'}
              </label>
              <progress id="upload-progress" max={1} value={progress} />
            </div>
          )}
          <button type="submit" className="govuk-button" disabled={progress !== null}>
            Upload and check
          </button>
        </form>
        {fileProblems.length > 0 && <ProblemTable problems={fileProblems} />}
      </div>
    </div>
  );
}
