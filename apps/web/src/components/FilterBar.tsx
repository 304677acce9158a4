import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { SECTORS } from '@waymark/domain';
import { api, type Area } from '../api';
import { QUARTER_CHOICES, useFilters, type Filters, type Level } from '../lib/filters';
import { useLoad } from '../lib/useLoad';
import { ErrorSummary } from './ErrorSummary';

const LEVELS: { code: Level; label: string }[] = [
  { code: 'lad', label: 'Districts' },
  { code: 'csp', label: 'Community safety partnerships' },
  { code: 'pfa', label: 'Force areas' },
];
const TYPE_LABEL: Record<Area['type'], string> = { pfa: 'force area', csp: 'partnership', lad: 'district' };

/** Area and quarters (and, where a view compares areas, the level); applied together and kept in the address. */
export function FilterBar({ withLevel = false, withArea = true, withSector = true }: { withLevel?: boolean; withArea?: boolean; withSector?: boolean }) {
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
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const sorted = [...(areas.data ?? [])].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));

  return (
    <form className="waymark-filters" onSubmit={submit} noValidate aria-label="Filters">
      <ErrorSummary problems={problems} idFor={(f) => `filter-${f}`} />
      <div className="waymark-filters__row">
        {withArea && <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="filter-area">Area</label>
          <select className="govuk-select" id="filter-area" value={draft.area} onChange={set('area')}>
            <option value="">All areas you can see</option>
            {sorted.map((a) => <option key={a.code} value={a.code}>{a.name} ({TYPE_LABEL[a.type]})</option>)}
          </select>
        </div>}
        <div className={`govuk-form-group${problem ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="filter-from">From quarter</label>
          {problem && <p className="govuk-error-message" id="filter-from-error"><span className="govuk-visually-hidden">Error:</span> {problem}</p>}
          <select className="govuk-select" id="filter-from" value={draft.from} onChange={set('from')} aria-describedby={problem ? 'filter-from-error' : undefined}>
            {QUARTER_CHOICES.map((q) => <option key={q} value={q}>{q}</option>)}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="filter-to">To quarter</label>
          <select className="govuk-select" id="filter-to" value={draft.to} onChange={set('to')}>
            {QUARTER_CHOICES.map((q) => <option key={q} value={q}>{q}</option>)}
          </select>
        </div>
        {withSector && (
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="filter-sector">Sector</label>
            <select className="govuk-select" id="filter-sector" value={draft.sector} onChange={set('sector')}>
              <option value="">All sectors</option>
              {SECTORS.map((s) => <option key={s.code} value={s.code}>{s.label}</option>)}
            </select>
          </div>
        )}
        {withLevel && (
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="filter-level">Compare</label>
            <select className="govuk-select" id="filter-level" value={draft.level} onChange={set('level')}>
              {LEVELS.map((l) => <option key={l.code} value={l.code}>{l.label}</option>)}
            </select>
          </div>
        )}
        <button type="submit" className="govuk-button waymark-filters__apply">Apply filters</button>
      </div>
    </form>
  );
}
