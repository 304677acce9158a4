import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Area, FieldProblem, Marac } from '@waymark/domain';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { errorFor, problemsOf, Select, TextInput } from '../components/fields';
import { useLoad } from '../lib/useLoad';
import { areaOptions } from './areas';

/** Rename a Marac, move it to another area, or mark it as no longer active (Maracs are never deleted). */
export function ChangeMarac() {
  const { id = '' } = useParams();
  const loaded = useLoad(
    () => Promise.all([api<Marac>(`/maracs/${encodeURIComponent(id)}`), api<Area[]>('/areas')]),
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
        Loading…
      </p>
    );
  return <MaracForm marac={loaded.data[0]} areas={loaded.data[1]} />;
}

function MaracForm({ marac, areas }: { marac: Marac; areas: Area[] }) {
  const [form, setForm] = useState({ name: marac.name, areaCode: marac.areaCode, active: marac.active });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const field = (key: 'name' | 'areaCode') => ({
    id: key,
    value: form[key],
    onChange: (value: string) => setForm({ ...form, [key]: value }),
    error: errorFor(problems, key),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await api(`/maracs/${marac.id}`, { method: 'PATCH', body: form });
      await navigate('/maracs');
    } catch (error) {
      setProblems(problemsOf(error, 'The Marac could not be changed. Try again.'));
      setBusy(false);
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary
          problems={problems}
          idFor={(f) => (f === 'form' ? 'change-marac-form' : f === 'active' ? 'active-yes' : f)}
        />
        <h1 className="govuk-heading-l">Change {marac.name}</h1>
        <form onSubmit={submit} noValidate id="change-marac-form" tabIndex={-1}>
          <TextInput {...field('name')} label="Name" />
          <Select {...field('areaCode')} label="Area it covers" options={areaOptions(areas)} />
          <div className="govuk-form-group">
            <fieldset className="govuk-fieldset" aria-describedby="active-hint">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Is this Marac still meeting?</legend>
              <div className="govuk-hint" id="active-hint">
                A Marac that no longer meets is not expected to send returns, and its past returns are kept.
              </div>
              <div className="govuk-radios govuk-radios--small">
                {[true, false].map((active) => (
                  <div className="govuk-radios__item" key={String(active)}>
                    <input
                      className="govuk-radios__input"
                      id={`active-${active ? 'yes' : 'no'}`}
                      name="active"
                      type="radio"
                      checked={form.active === active}
                      onChange={() => setForm({ ...form, active })}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={`active-${active ? 'yes' : 'no'}`}>
                      {active ? 'Yes, it is active' : 'No, it has stopped'}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={busy}>
              Save changes
            </button>
            <Link className="govuk-link" to="/maracs">
              Cancel
            </Link>
          </div>
        </form>
      </div>
    </div>
  );
}
