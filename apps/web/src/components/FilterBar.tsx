import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { SECTORS, type Area } from '@waymark/domain';
import { api } from '../api';
import { QUARTER_CHOICES, useFilters, type Filters, type Level } from '../lib/filters';
import { useLoad } from '../lib/useLoad';
import { ErrorSummary } from './ErrorSummary';

const LEVELS: { code: Level; label: string }[] = [
  { code: 'lad', label: 'Districts' },
  { code: 'csp', label: 'Community safety partnerships' },
  { code: 'pfa', label: 'Force areas' },
];
const TYPE_LABEL: Record<Area['type'], string> = { pfa: 'force area', csp: 'partnership', lad: 'district' };
const QUARTERS = QUARTER_CHOICES.map((q) => ({ code: q, label: q }));

/** One labelled GOV.UK select of the filter bar, with its error message when it has one. */
function Choice({
  field,
  label,
  value,
  onChange,
  options,
  error = null,
}: {
  field: string;
  label: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  options: readonly { code: string; label: string }[];
  error?: string | null;
}) {
  const id = `filter-${field}`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {error && (
        <p className="govuk-error-message" id={`${id}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <select
        className="govuk-select"
        id={id}
        value={value}
        onChange={onChange}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Area and quarters (and, where a view compares areas, the level); applied together and kept in the address. */
export function FilterBar({
  withLevel = false,
  withArea = true,
  withSector = true,
}: {
  withLevel?: boolean;
  withArea?: boolean;
  withSector?: boolean;
}) {
  const { filters, setFilters } = useFilters();
  const [draft, setDraft] = useState<Filters>(filters);
  const [problem, setProblem] = useState<string | null>(null);
  const problems = useMemo(() => (problem ? [{ field: 'from', message: problem }] : []), [problem]);
  const areas = useLoad(() => (withArea ? api<Area[]>('/areas') : Promise.resolve([])), [withArea]);
  useEffect(() => setDraft(filters), [filters.area, filters.from, filters.to, filters.level, filters.sector]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Choices are newest first, so a later quarter has a smaller index.
    if (QUARTER_CHOICES.indexOf(draft.from) < QUARTER_CHOICES.indexOf(draft.to)) {
      setProblem('The first quarter must be the same as or earlier than the last quarter');
      return;
    }
    setProblem(null);
    setFilters(draft);
  };
  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  const sorted = [...(areas.data ?? [])].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));

  return (
    <form className="waymark-filters" onSubmit={submit} noValidate aria-label="Filters">
      <ErrorSummary problems={problems} idFor={(f) => `filter-${f}`} />
      <div className="waymark-filters__row">
        {withArea && (
          <Choice
            field="area"
            label="Area"
            value={draft.area}
            onChange={set('area')}
            options={[
              { code: '', label: 'All areas you can see' },
              ...sorted.map((a) => ({ code: a.code, label: `${a.name} (${TYPE_LABEL[a.type]})` })),
            ]}
          />
        )}
        <Choice
          field="from"
          label="From quarter"
          value={draft.from}
          onChange={set('from')}
          options={QUARTERS}
          error={problem}
        />
        <Choice field="to" label="To quarter" value={draft.to} onChange={set('to')} options={QUARTERS} />
        {withSector && (
          <Choice
            field="sector"
            label="Sector"
            value={draft.sector}
            onChange={set('sector')}
            options={[{ code: '', label: 'All sectors' }, ...SECTORS]}
          />
        )}
        {withLevel && (
          <Choice field="level" label="Compare" value={draft.level} onChange={set('level')} options={LEVELS} />
        )}
        <button type="submit" className="govuk-button waymark-filters__apply">
          Apply filters
        </button>
      </div>
    </form>
  );
}
