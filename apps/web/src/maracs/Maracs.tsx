import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { quarterLabel, quarterOfDate, ukDate, type Area, type FieldProblem, type Marac } from '@waymark/domain';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { errorFor, problemsOf, Select, TextInput } from '../components/fields';
import { Table } from '../components/Table';
import { useLoad } from '../lib/useLoad';
import { areaOptions } from './areas';

const EMPTY = { name: '', areaCode: '', scheduleFrom: '' };

/** The Maracs an administrator or analyst looks after: add one, or go on to change one. */
export function Maracs() {
  const maracs = useLoad(() => api<Marac[]>('/maracs'), []);
  const areas = useLoad(() => api<Area[]>('/areas'), []);
  const [form, setForm] = useState(EMPTY);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [added, setAdded] = useState<Marac | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof EMPTY) => ({
    id: key,
    value: form[key],
    onChange: (value: string) => setForm({ ...form, [key]: value }),
    error: errorFor(problems, key),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const { scheduleFrom, ...marac } = form;
      setAdded(
        await api<Marac>('/maracs', { method: 'POST', body: scheduleFrom.trim() ? { ...marac, scheduleFrom } : marac }),
      );
      setProblems([]);
      setForm(EMPTY);
      maracs.reload();
    } catch (error) {
      setProblems(problemsOf(error, 'The Marac could not be added. Try again.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {added && (
        <div
          className="govuk-notification-banner govuk-notification-banner--success"
          role="alert"
          aria-labelledby="marac-added-title"
        >
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="marac-added-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              {added.name} added for {added.areaName}
            </p>
          </div>
        </div>
      )}
      <ErrorSummary problems={problems} idFor={(f) => (f === 'form' ? 'marac-form' : f)} />
      <h1 className="govuk-heading-l">Maracs</h1>
      {maracs.error && (
        <p className="govuk-body" role="alert">
          {maracs.error}
        </p>
      )}
      {maracs.data && maracs.data.length === 0 && <p className="govuk-body">There are no Maracs in your areas yet.</p>}
      {maracs.data && maracs.data.length > 0 && (
        <Table
          caption="Maracs in your areas"
          rows={maracs.data}
          rowKey={(m) => m.id}
          columns={[
            { header: 'Marac', rowHeader: true, cell: (m) => m.name },
            { header: 'Area it covers', cell: (m) => m.areaName },
            {
              header: 'Status',
              cell: (m) =>
                m.active ? (
                  <strong className="govuk-tag govuk-tag--green">Active</strong>
                ) : (
                  <strong className="govuk-tag govuk-tag--grey">No longer active</strong>
                ),
            },
            {
              header: 'Action',
              cell: (m) => (
                <Link className="govuk-link" to={`/maracs/${m.id}`}>
                  Change<span className="govuk-visually-hidden"> {m.name}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
      <div className="govuk-grid-row">
        <form className="govuk-grid-column-two-thirds" onSubmit={submit} noValidate id="marac-form" tabIndex={-1}>
          <h2 className="govuk-heading-m">Add a Marac</h2>
          <TextInput {...field('name')} label="Name" hint="For example, Redcar and Cleveland Marac" />
          <Select
            {...field('areaCode')}
            label="Area it covers"
            hint="A district, or a partnership or force area for a Marac that covers several districts"
            options={areaOptions(areas.data ?? [])}
            placeholder="Choose an area"
          />
          <TextInput
            {...field('scheduleFrom')}
            label="First quarter its return is due (optional)"
            hint={`Like ${quarterLabel(quarterOfDate(ukDate()))}. Leave blank to start with the current quarter.`}
          />
          <button type="submit" className="govuk-button" disabled={busy}>
            Add Marac
          </button>
        </form>
      </div>
    </>
  );
}
