import { useState, type FormEvent } from 'react';
import { SECTORS, type FieldProblem } from '@waymark/domain';
import { errorFor, Select, Textarea } from '../components/fields';

export interface LocalStandard {
  theme: string;
  statement: string;
  evidence: string;
  sectors: string[];
  quickWin: boolean;
}

const EMPTY: LocalStandard = { theme: '', statement: '', evidence: '', sectors: [], quickWin: false };

/** A standard the area adds for itself, under one of the framework's themes. */
export function LocalStandardForm({
  themes,
  problems,
  onAdd,
}: {
  themes: { id: string; title: string }[];
  problems: FieldProblem[];
  onAdd: (standard: LocalStandard) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<LocalStandard>(EMPTY);
  const sectorsError = errorFor(problems, 'sectors');
  const toggle = (code: string) =>
    setDraft({
      ...draft,
      sectors: draft.sectors.includes(code) ? draft.sectors.filter((s) => s !== code) : [...draft.sectors, code],
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onAdd({ ...draft, sectors: draft.sectors.length ? draft.sectors : ['all'] })) setDraft(EMPTY);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Select
        id="theme"
        label="Theme"
        value={draft.theme}
        onChange={(theme) => setDraft({ ...draft, theme })}
        options={themes.map((t) => ({ code: t.id, label: t.title }))}
        placeholder="Choose a theme"
        error={errorFor(problems, 'theme')}
      />
      <Textarea
        id="statement"
        label="What the standard asks of agencies"
        value={draft.statement}
        onChange={(statement) => setDraft({ ...draft, statement })}
        error={errorFor(problems, 'statement')}
      />
      <Textarea
        id="evidence"
        label="What evidence shows it is met"
        rows={3}
        value={draft.evidence}
        onChange={(evidence) => setDraft({ ...draft, evidence })}
        error={errorFor(problems, 'evidence')}
      />
      <div className={`govuk-form-group${sectorsError ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={`sectors-hint${sectorsError ? ' sectors-error' : ''}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Which agencies it applies to</legend>
          <div className="govuk-hint" id="sectors-hint">
            Tick the sectors, or none for every agency.
          </div>
          {sectorsError && (
            <p className="govuk-error-message" id="sectors-error">
              <span className="govuk-visually-hidden">Error:</span> {sectorsError}
            </p>
          )}
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            {SECTORS.map((s, i) => (
              <div className="govuk-checkboxes__item" key={s.code}>
                <input
                  className="govuk-checkboxes__input"
                  id={i === 0 ? 'sectors' : `sectors-${s.code}`}
                  type="checkbox"
                  checked={draft.sectors.includes(s.code)}
                  onChange={() => toggle(s.code)}
                />
                <label
                  className="govuk-label govuk-checkboxes__label"
                  htmlFor={i === 0 ? 'sectors' : `sectors-${s.code}`}
                >
                  {s.label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="quickWin"
              type="checkbox"
              checked={draft.quickWin}
              onChange={() => setDraft({ ...draft, quickWin: !draft.quickWin })}
              aria-describedby="quickWin-hint"
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="quickWin">
              It is a quick win
            </label>
            <div className="govuk-hint govuk-checkboxes__hint" id="quickWin-hint">
              Something most agencies can put in place within a quarter.
            </div>
          </div>
        </div>
      </div>
      <button type="submit" className="govuk-button">
        Add the standard
      </button>
    </form>
  );
}
