import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import {
  isCodeIn,
  labelOf,
  parseIsoDate,
  ROLES,
  type AuditEvent,
  type AuditEventsPage,
  type CodeLists,
  type FieldProblem,
  type Refusal,
} from '@waymark/domain';
import { api, ApiError } from '../api';
import { DateInput, dateParts, isoDate, type DateParts } from '../components/DateInput';
import { ErrorSummary } from '../components/ErrorSummary';
import { Pagination } from '../components/Pagination';
import { Table } from '../components/Table';
import { useLoad } from '../lib/useLoad';

const FILTERS = ['from', 'to', 'actor', 'action'] as const;

/** Where each filter's error links to; problems with the page number go to the form. */
const FIELD_IDS: Record<string, string> = { from: 'from-day', to: 'to-day', actor: 'actor', action: 'action' };
const idFor = (field: string) => FIELD_IDS[field] ?? 'audit-filters';

interface Draft {
  from: DateParts;
  to: DateParts;
  actor: string;
  action: string;
}

/** The events of one page, or what is wrong with the filters in the address (422). */
async function loadEvents(query: string): Promise<{ page: AuditEventsPage } | { problems: FieldProblem[] }> {
  try {
    return { page: await api<AuditEventsPage>(`/audit-events?${query}`) };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    const problems = (error.details as Partial<Refusal> | null)?.problems ?? [];
    return { problems: problems.map((p) => ({ field: p.column ?? '', message: p.message })) };
  }
}

const when = (at: string) =>
  new Date(at).toLocaleString('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

function Who({ actor }: { actor: AuditEvent['actor'] }) {
  if (!actor) return <>Waymark</>;
  const role =
    actor.role && isCodeIn(ROLES, actor.role) ? labelOf(ROLES, actor.role) : actor.id ? null : 'Not signed in';
  return (
    <>
      <span className="waymark-audit__email">{actor.email}</span>
      {role && <span className="govuk-body-s waymark-audit__role">{role}</span>}
    </>
  );
}

/** Who did what, when and from where: filtered in the address, so a view can be shared, and downloadable. */
export function AuditTrail() {
  const [params, setParams] = useSearchParams();
  const filters = new URLSearchParams(FILTERS.filter((f) => params.get(f)).map((f) => [f, params.get(f)!]));
  const linkTo = (page: number) => {
    const query = new URLSearchParams(filters);
    if (page !== 1) query.set('page', String(page));
    return `?${query}`;
  };
  const query = linkTo(Number(params.get('page') ?? 1)).slice(1);
  const result = useLoad(() => loadEvents(query), [query]);
  const codes = useLoad(() => api<CodeLists>('/reference/code-lists'), []);

  const fromAddress = (): Draft => ({
    from: dateParts(params.get('from') ?? ''),
    to: dateParts(params.get('to') ?? ''),
    actor: params.get('actor') ?? '',
    action: params.get('action') ?? '',
  });
  const [draft, setDraft] = useState<Draft>(fromAddress);
  const [dateProblems, setDateProblems] = useState<FieldProblem[]>([]);
  useEffect(() => setDraft(fromAddress()), [params.toString()]); // eslint-disable-line react-hooks/exhaustive-deps

  const problems = dateProblems.length
    ? dateProblems
    : result.data && 'problems' in result.data
      ? result.data.problems
      : [];
  const errorFor = (field: string) => problems.find((p) => p.field === field)?.message ?? null;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const dates = { from: isoDate(draft.from), to: isoDate(draft.to) };
    const wrong = (['from', 'to'] as const).filter((f) => dates[f] && !parseIsoDate(dates[f]));
    setDateProblems(
      wrong.map((f) => ({
        field: f,
        message: `Enter a real date for ${f === 'from' ? 'From' : 'To'}, like 27 3 2026`,
      })),
    );
    if (wrong.length) return;
    const next = { ...dates, actor: draft.actor.trim(), action: draft.action };
    setParams(new URLSearchParams(FILTERS.filter((f) => next[f]).map((f) => [f, next[f]])));
  };

  const shown = result.data && 'page' in result.data ? result.data.page : null;
  const pages = shown ? Math.ceil(shown.total / shown.pageSize) : 0;

  return (
    <>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">
        Who signed in, sent returns, submitted or moderated self-audits, and changed agencies, accounts or standards:
        when, and from which network address. Nothing here can be changed or removed.
      </p>
      <form
        className="waymark-filters"
        id="audit-filters"
        onSubmit={apply}
        noValidate
        aria-label="Filter the audit trail"
        tabIndex={-1}
      >
        <ErrorSummary problems={problems} idFor={idFor} />
        <div className="waymark-filters__row">
          <DateInput
            id="from"
            legend="From"
            hint="For example, 1 4 2026"
            value={draft.from}
            onChange={(from) => setDraft({ ...draft, from })}
            error={errorFor('from')}
          />
          <DateInput
            id="to"
            legend="To"
            hint="For example, 30 4 2026"
            value={draft.to}
            onChange={(to) => setDraft({ ...draft, to })}
            error={errorFor('to')}
          />
        </div>
        <div className="waymark-filters__row">
          <div className={`govuk-form-group${errorFor('actor') ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor="actor">
              Who
            </label>
            <div className="govuk-hint" id="actor-hint">
              Part of an email address, or an account id
            </div>
            {errorFor('actor') && (
              <p className="govuk-error-message" id="actor-error">
                <span className="govuk-visually-hidden">Error:</span> {errorFor('actor')}
              </p>
            )}
            <input
              className="govuk-input govuk-!-width-full"
              id="actor"
              type="text"
              spellCheck={false}
              value={draft.actor}
              onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
              aria-describedby={`actor-hint${errorFor('actor') ? ' actor-error' : ''}`}
            />
          </div>
          <div className={`govuk-form-group${errorFor('action') ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor="action">
              What happened
            </label>
            {errorFor('action') && (
              <p className="govuk-error-message" id="action-error">
                <span className="govuk-visually-hidden">Error:</span> {errorFor('action')}
              </p>
            )}
            <select
              className="govuk-select"
              id="action"
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
              aria-describedby={errorFor('action') ? 'action-error' : undefined}
            >
              <option value="">Anything</option>
              {(codes.data?.auditActions ?? []).map((a) => (
                <option key={a.code} value={a.code}>
                  {a.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="govuk-button waymark-filters__apply">
            Apply filters
          </button>
        </div>
      </form>

      {result.error && (
        <p className="govuk-body" role="alert">
          {result.error}
        </p>
      )}
      {result.loading && !shown && (
        <p className="govuk-body" role="status">
          Loading events…
        </p>
      )}
      {shown && (
        <>
          <p className="govuk-body" id="events-count" role="status">
            {shown.total === 0
              ? 'No events match these filters.'
              : `Showing events ${(shown.page - 1) * shown.pageSize + 1} to ${(shown.page - 1) * shown.pageSize + shown.events.length} of ${shown.total}, newest first.`}
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href={`/api/audit-events.csv?${filters}`} download>
              Download as CSV<span className="govuk-visually-hidden"> every event matching these filters</span>
            </a>
          </p>
          {shown.events.length > 0 && (
            <Table
              caption="Events"
              describedBy="events-count"
              rows={shown.events}
              rowKey={(e) => e.id}
              columns={[
                { header: 'When', rowHeader: true, cell: (e) => when(e.at) },
                { header: 'Who', cell: (e) => <Who actor={e.actor} /> },
                { header: 'What', cell: (e) => e.summary },
                { header: 'From address', cell: (e) => e.address ?? 'Not known' },
              ]}
            />
          )}
          <Pagination page={shown.page} pages={pages} linkTo={linkTo} label="Pages of events" />
        </>
      )}
    </>
  );
}
