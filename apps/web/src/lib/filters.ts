import { useSearchParams } from 'react-router';
import { lastCompleteQuarter, recentQuarters } from './quarters';

export type Level = 'lad' | 'csp' | 'pfa';

/** The dashboard's filters, kept in the address so every view can be shared by link. */
export interface Filters {
  area: string;
  from: string;
  to: string;
  level: Level;
  /** A sector code, or '' for every sector. */
  sector: string;
}

export const QUARTER_CHOICES = recentQuarters(12);

function defaults(): Filters {
  const to = lastCompleteQuarter();
  const index = QUARTER_CHOICES.indexOf(to);
  return {
    area: '',
    from: QUARTER_CHOICES[Math.min(index + 3, QUARTER_CHOICES.length - 1)],
    to,
    level: 'lad',
    sector: '',
  };
}

/** `bySector` false for views whose figures are not split by sector (Marac, repeat rates, one agency). */
export function useFilters(bySector = true): {
  filters: Filters;
  setFilters: (next: Filters) => void;
  query: (extra?: Record<string, string>) => string;
} {
  const [params, setParams] = useSearchParams();
  const base = defaults();
  const level = params.get('level');
  const filters: Filters = {
    area: params.get('area') ?? base.area,
    from: params.get('from') ?? base.from,
    to: params.get('to') ?? base.to,
    level: level === 'csp' || level === 'pfa' ? level : 'lad',
    sector: params.get('sector') ?? '',
  };
  const setFilters = (next: Filters) => {
    const out = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next) as [keyof Filters, string][]) {
      if (value && value !== base[key]) out.set(key, value);
      else out.delete(key);
    }
    setParams(out);
  };
  const query = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams({ from: filters.from, to: filters.to, ...extra });
    if (filters.area) q.set('area', filters.area);
    if (bySector && filters.sector) q.set('sector', filters.sector);
    return q.toString();
  };
  return { filters, setFilters, query };
}

/** The first of eight quarters ending with `to`: enough to show a trend whatever range is chosen. */
export function eightQuartersTo(to: string, from: string): string {
  const earliest = QUARTER_CHOICES[Math.min(QUARTER_CHOICES.indexOf(to) + 7, QUARTER_CHOICES.length - 1)];
  return QUARTER_CHOICES.indexOf(from) > QUARTER_CHOICES.indexOf(earliest) ? from : earliest;
}
