import { Fragment, type ReactNode } from 'react';
import type { Area, FieldProblem } from '@waymark/domain';
import { errorFor, Select, type Option } from '../components/fields';
import type { Scope, ScopeChoices } from './types';

const LEVEL: Record<Area['type'], string> = { pfa: 'force area', csp: 'partnership', lad: 'district' };

/** The "add another" pattern: one area per select, as many as the person needs. */
function AreaPicker({
  codes,
  onChange,
  areas,
  error,
}: {
  codes: string[];
  onChange: (codes: string[]) => void;
  areas: Area[];
  error?: string;
}) {
  const options: Option[] = areas.map((a) => ({ code: a.code, label: `${a.name} (${LEVEL[a.type]})` }));
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={`areas-hint${error ? ' areas-error' : ''}`}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Areas they may see</legend>
        <div className="govuk-hint" id="areas-hint">
          They see each area you choose and every area inside it.
        </div>
        {error && (
          <p className="govuk-error-message" id="areas-error">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        {codes.map((code, i) => (
          <div key={i} className="waymark-area-choice">
            <Select
              id={`areaCodes-${i}`}
              label={`Area ${i + 1}`}
              value={code}
              onChange={(v) => onChange(codes.map((c, j) => (j === i ? v : c)))}
              options={options}
              placeholder="Choose an area"
            />
            {codes.length > 1 && (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => onChange(codes.filter((_, j) => j !== i))}
              >
                Remove<span className="govuk-visually-hidden"> area {i + 1}</span>
              </button>
            )}
          </div>
        ))}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onChange([...codes, ''])}>
          Add another area
        </button>
      </fieldset>
    </div>
  );
}

/** GOV.UK radios for the role, revealing what the chosen role is tied to: an agency, a Marac or areas. */
export function RoleAndScope({
  value,
  onChange,
  roles,
  choices,
  problems,
}: {
  value: Scope;
  onChange: (scope: Scope) => void;
  roles: readonly (Option & { description?: string })[];
  choices: ScopeChoices;
  problems: FieldProblem[];
}) {
  const roleError = errorFor(problems, 'role');
  const reveal: Record<string, ReactNode> = {
    agency_submitter: (
      <Select
        id="agencyId"
        label="Agency"
        hint="They send returns and self-audits for this agency only."
        value={value.agencyId}
        onChange={(agencyId) => onChange({ ...value, agencyId })}
        options={choices.agencies.map((a) => ({ code: a.id, label: `${a.name} (${a.areaName})` }))}
        placeholder="Choose an agency"
        error={errorFor(problems, 'agencyId')}
      />
    ),
    marac_coordinator: (
      <Select
        id="maracId"
        label="Marac"
        hint="They send the quarterly return for this Marac only."
        value={value.maracId}
        onChange={(maracId) => onChange({ ...value, maracId })}
        options={choices.maracs.map((m) => ({ code: m.id, label: `${m.name} (${m.areaName})` }))}
        placeholder="Choose a Marac"
        error={errorFor(problems, 'maracId')}
      />
    ),
    analyst: (
      <AreaPicker
        codes={value.areaCodes}
        onChange={(areaCodes) => onChange({ ...value, areaCodes })}
        areas={choices.areas}
        error={errorFor(problems, 'areaCodes')}
      />
    ),
  };
  reveal.viewer = reveal.analyst;
  return (
    <div className={`govuk-form-group${roleError ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={roleError ? 'role-error' : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Role</legend>
        {roleError && (
          <p className="govuk-error-message" id="role-error">
            <span className="govuk-visually-hidden">Error:</span> {roleError}
          </p>
        )}
        <div className="govuk-radios" data-module="govuk-radios">
          {roles.map((r, i) => {
            const id = i === 0 ? 'role' : `role-${r.code}`;
            return (
              <Fragment key={r.code}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={id}
                    name="role"
                    type="radio"
                    value={r.code}
                    checked={value.role === r.code}
                    onChange={() => onChange({ ...value, role: r.code })}
                    aria-describedby={`${id}-hint`}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={id}>
                    {r.label}
                  </label>
                  <div id={`${id}-hint`} className="govuk-hint govuk-radios__hint">
                    {r.description}
                  </div>
                </div>
                {value.role === r.code && reveal[r.code] && (
                  <div className="govuk-radios__conditional">{reveal[r.code]}</div>
                )}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
