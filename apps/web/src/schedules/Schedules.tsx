import { useState, type FormEvent } from 'react';
import {
  quarterLabel,
  quarterOfDate,
  RETURN_TYPES,
  returnTypeById,
  returnTypesSentBy,
  ukDate,
  type Agency,
  type FieldProblem,
  type Marac,
  type OwnerKind,
  type ReturnSchedule,
} from '@waymark/domain';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { errorFor, problemsOf, Select, TextInput, type Option } from '../components/fields';
import { Table } from '../components/Table';
import { useLoad } from '../lib/useLoad';

const EXAMPLE = quarterLabel(quarterOfDate(ukDate()));
const NEW = { owner: '', returnType: '', from: '', until: '' };
const title = (id: string) => returnTypeById(id)?.title ?? id;
/** The API names the agency or Marac `agencyId` or `maracId`; the form has one choice for both. */
const OWNER_FIELDS: Record<string, string> = { agencyId: 'owner', maracId: 'owner', form: 'add-schedule' };
const END_FIELDS: Record<string, string> = { until: 'endUntil', form: 'end-schedule' };
const renamed = (problems: FieldProblem[], names: Record<string, string>) =>
  problems.map((p) => ({ ...p, field: names[p.field] ?? p.field }));

/**
 * Which agencies and Maracs are due to send which returns, from which quarter and until which.
 * Completeness counts only what these make due; a schedule is ended, never deleted.
 */
export function Schedules() {
  const loaded = useLoad(
    () => Promise.all([api<ReturnSchedule[]>('/schedules'), api<Agency[]>('/agencies'), api<Marac[]>('/maracs')]),
    [],
  );
  const [form, setForm] = useState(NEW);
  const [end, setEnd] = useState({ endSchedule: '', endUntil: '' });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [done, setDone] = useState<string | null>(null);

  if (loaded.error)
    return (
      <p className="govuk-body" role="alert">
        {loaded.error}
      </p>
    );
  if (!loaded.data)
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  const [schedules, agencies, maracs] = loaded.data;
  const owners: Option[] = [
    ...maracs.map((m) => ({ code: `marac:${m.id}`, label: `${m.name} (Marac)` })),
    ...agencies.map((a) => ({ code: `agency:${a.id}`, label: `${a.name}, ${a.areaName}` })),
  ];
  const kind = form.owner.split(':')[0] as OwnerKind | '';
  const types = (kind ? returnTypesSentBy(kind) : RETURN_TYPES).map((t) => ({ code: t.id, label: t.title }));
  const addField = (key: keyof typeof NEW) => ({
    id: key,
    value: form[key],
    onChange: (value: string) => setForm({ ...form, [key]: value }),
    error: errorFor(problems, key),
  });
  const endField = (key: keyof typeof end) => ({
    id: key,
    value: end[key],
    onChange: (value: string) => setEnd({ ...end, [key]: value }),
    error: errorFor(problems, key),
  });

  async function send(event: FormEvent, request: () => Promise<string>, names: Record<string, string>) {
    event.preventDefault();
    try {
      setDone(await request());
      setProblems([]);
      loaded.reload();
    } catch (error) {
      setProblems(renamed(problemsOf(error, 'The schedule could not be saved. Try again.'), names));
    }
  }

  const add = (event: FormEvent) =>
    send(
      event,
      async () => {
        const [ownerKind, id] = form.owner.split(':');
        const made = await api<ReturnSchedule>('/schedules', {
          method: 'POST',
          body: {
            ...(id ? { [`${ownerKind}Id`]: id } : {}),
            returnType: form.returnType,
            from: form.from,
            until: form.until || null,
          },
        });
        setForm(NEW);
        return `${made.ownerName} is due to send the ${title(made.returnType)} from ${made.from}${made.until ? ` until ${made.until}` : ''}`;
      },
      OWNER_FIELDS,
    );

  const stop = (event: FormEvent) => {
    if (end.endSchedule) return send(event, endChosen, END_FIELDS);
    event.preventDefault();
    setProblems([{ field: 'endSchedule', message: 'Choose the schedule to end' }]);
  };
  const endChosen = async () => {
    const ended = await api<ReturnSchedule>(`/schedules/${end.endSchedule}`, {
      method: 'PATCH',
      body: { until: end.endUntil },
    });
    setEnd({ endSchedule: '', endUntil: '' });
    return `${ended.ownerName} is no longer due to send the ${title(ended.returnType)} after ${ended.until}`;
  };

  return (
    <>
      {done && (
        <div
          className="govuk-notification-banner govuk-notification-banner--success"
          role="alert"
          aria-labelledby="schedule-saved-title"
        >
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="schedule-saved-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{done}</p>
          </div>
        </div>
      )}
      <ErrorSummary problems={problems} idFor={(f) => f} />
      <h1 className="govuk-heading-l">Return schedules</h1>
      <p className="govuk-body">
        Each agency and Marac is due to send the returns its schedules list, for every quarter from the first to the
        last. Only these count when Waymark works out who is missing.
      </p>
      <Table
        caption="Schedules in your areas"
        rows={schedules}
        rowKey={(s) => s.id}
        columns={[
          { header: 'Agency or Marac', rowHeader: true, cell: (s) => s.ownerName },
          { header: 'Area', cell: (s) => s.areaName },
          { header: 'Return', cell: (s) => title(s.returnType) },
          { header: 'From', cell: (s) => s.from },
          { header: 'Until', cell: (s) => s.until ?? 'Until further notice' },
        ]}
      />
      <div className="govuk-grid-row">
        <form className="govuk-grid-column-two-thirds" onSubmit={add} noValidate id="add-schedule" tabIndex={-1}>
          <h2 className="govuk-heading-m">Add a schedule</h2>
          <Select
            {...addField('owner')}
            label="Agency or Marac"
            options={owners}
            placeholder="Choose an agency or Marac"
          />
          <Select {...addField('returnType')} label="Return" options={types} placeholder="Choose a return" />
          <TextInput {...addField('from')} label="First quarter due" hint={`Like ${EXAMPLE}`} />
          <TextInput
            {...addField('until')}
            label="Last quarter due (optional)"
            hint="Leave blank if it is due until further notice"
          />
          <button type="submit" className="govuk-button">
            Add schedule
          </button>
        </form>
      </div>
      <div className="govuk-grid-row">
        <form className="govuk-grid-column-two-thirds" onSubmit={stop} noValidate id="end-schedule" tabIndex={-1}>
          <h2 className="govuk-heading-m">End a schedule</h2>
          <Select
            {...endField('endSchedule')}
            label="Schedule"
            options={schedules.map((s) => ({
              code: s.id,
              label: `${s.ownerName}: ${title(s.returnType)}, from ${s.from}${s.until ? ` until ${s.until}` : ''}`,
            }))}
            placeholder="Choose a schedule"
          />
          <TextInput
            {...endField('endUntil')}
            label="Last quarter due"
            hint={`Like ${EXAMPLE}. It is no longer due after this quarter.`}
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            End schedule
          </button>
        </form>
      </div>
    </>
  );
}
