import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type {
  Agency,
  FieldDef,
  Marac,
  Problem,
  Refusal,
  ReturnAccepted,
  ReturnTypesAnswer,
  SignedInPerson,
} from '@waymark/domain';
import { api, ApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { lastCompleteQuarter, recentQuarters } from '../lib/quarters';
import { useLoad } from '../lib/useLoad';
import { ReplaceConfirm, REPLACE_FIELD, unconfirmedReplace } from './ReplaceConfirm';
import { sentOn } from './upload';

const inputId = (key: string) => `field-${key}`;

/** A number when the person typed one; otherwise their text, for the server to explain. */
function valueOf(raw: FormDataEntryValue | null): unknown {
  const text = typeof raw === 'string' ? raw.trim() : ''; // every field of this form is text
  if (text === '') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

function FieldInput({ field, error }: { field: FieldDef; error?: string }) {
  const id = inputId(field.key);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {field.label}
      </label>
      <div className="govuk-hint" id={`${id}-hint`}>
        {field.help}
      </div>
      {error && (
        <p className="govuk-error-message" id={`${id}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <input
        className={`govuk-input govuk-input--width-5${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={field.key}
        type="text"
        inputMode={field.kind === 'share' ? 'decimal' : 'numeric'}
        spellCheck={false}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
    </div>
  );
}

/** The online form for a one-row return, built from the data dictionary: one fieldset per section. */
export function ReturnForm({ me }: { me: SignedInPerson }) {
  const { typeId } = useParams();
  const types = useLoad(() => api<ReturnTypesAnswer>('/returns/types'), []);
  const owners = useLoad(
    () =>
      me.role === 'admin'
        ? Promise.all([api<Agency[]>('/agencies'), api<Marac[]>('/maracs')])
        : Promise.resolve([[], []] as [Agency[], Marac[]]),
    [me.role],
  );
  const [problems, setProblems] = useState<Problem[]>([]);
  const [accepted, setAccepted] = useState<ReturnAccepted | null>(null);
  const [busy, setBusy] = useState(false);
  const [period, setPeriod] = useState(lastCompleteQuarter);
  const [ownerId, setOwnerId] = useState('');

  if (types.error)
    return (
      <p className="govuk-body" role="alert">
        {types.error}
      </p>
    );
  if (!types.data || !owners.data)
    return (
      <p className="govuk-body" role="status">
        Loading the form…
      </p>
    );
  const type = types.data.find((t) => t.id === typeId && t.shape === 'single');
  if (!type)
    return (
      <p className="govuk-body">
        There is no online form for that return.{' '}
        <Link className="govuk-link" to="/returns/send">
          Send a file instead
        </Link>
        .
      </p>
    );
  const groups = [...new Set(type.fields.map((f) => f.group))];
  const ownerField = type.submittedBy === 'marac' ? 'maracId' : 'agencyId';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const unconfirmed = unconfirmedReplace(event.currentTarget);
    if (unconfirmed) return setProblems([{ row: null, column: REPLACE_FIELD, rule: 'required', message: unconfirmed }]);
    const form = new FormData(event.currentTarget);
    const values = Object.fromEntries(type!.fields.map((f) => [f.key, valueOf(form.get(f.key))]));
    setBusy(true);
    setAccepted(null);
    try {
      const body: Record<string, unknown> = { period: form.get('period'), values };
      if (me.role === 'admin') body[ownerField] = form.get(ownerField) || undefined;
      setAccepted(await api<ReturnAccepted>(`/returns/${type!.id}`, { method: 'POST', body }));
      setProblems([]);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'The return could not be sent. Try again.');
      const found = (e.details as Refusal | null)?.problems ?? [];
      setProblems(found.length ? found : [{ row: null, column: null, rule: String(e.status), message: e.message }]);
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (key: string) => problems.find((p) => p.column === key)?.message;
  const anchor = (column: string | null) =>
    column && type.fields.some((f) => f.key === column)
      ? inputId(column)
      : column === 'period' || column === REPLACE_FIELD
        ? column
        : 'owner';

  return (
    <>
      <ErrorSummary
        problems={problems.map((p) => ({ field: anchor(p.column), message: p.message }))}
        idFor={(f) => f}
      />
      {accepted && (
        <div className="govuk-panel govuk-panel--confirmation" role="status">
          <h2 className="govuk-panel__title">Return received</h2>
          <div className="govuk-panel__body">
            {accepted.period}, version {accepted.version}
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
      <h1 className="govuk-heading-l">{type.title}</h1>
      <p className="govuk-body">
        {type.description} Counts are whole numbers of people unless the question says otherwise. Enter 0 rather than
        leaving a box empty.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="period">
            Quarter
          </label>
          <select
            className="govuk-select"
            id="period"
            name="period"
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
          >
            {recentQuarters(12).map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </div>
        {me.role === 'admin' && (
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="owner">
              {type.submittedBy === 'marac' ? 'Marac' : 'Agency'}
            </label>
            <select
              className="govuk-select"
              id="owner"
              name={ownerField}
              value={ownerId}
              onChange={(e) => setOwnerId(e.target.value)}
            >
              <option value="">Choose…</option>
              {(type.submittedBy === 'marac' ? owners.data[1] : owners.data[0]).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {groups.map((group) => (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={group}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{group}</legend>
            {type.fields
              .filter((f) => f.group === group)
              .map((f) => (
                <FieldInput key={f.key} field={f} error={errorFor(f.key)} />
              ))}
          </fieldset>
        ))}
        {(me.role !== 'admin' || ownerId) && (
          <ReplaceConfirm
            type={type.id}
            period={period}
            owner={me.role === 'admin' ? { [ownerField]: ownerId } : {}}
            sent={accepted?.id ?? null}
            error={errorFor(REPLACE_FIELD)}
          />
        )}
        <button type="submit" className="govuk-button" disabled={busy}>
          {busy ? 'Checking…' : 'Check and send'}
        </button>
      </form>
    </>
  );
}
