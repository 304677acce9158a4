import {
  EVERYONE,
  factSums,
  scopedQuery,
  sqlFile,
  sumsOf,
  Warehouse,
  AGENCY_FIELDS_USED,
  type QueryFilter,
} from '@waymark/analytics';
import { MARAC_REFERRAL_SOURCES } from '@waymark/domain';
import type { Views } from './scopes.js';

/**
 * Every district's repeat rate: the warehouse's repeat query grouped by district (the dashboard has no
 * such league yet; national users would want one, so its cost is known).
 */
const REPEAT_LEAGUE = `SELECT lad_code, count(*) FILTER (WHERE first_in_quarter) AS people, count(*) FILTER (WHERE first_in_quarter AND repeat_in_quarter) AS repeat_people
FROM scoped_case GROUP BY ALL`;

/** The warehouse's own queries, as the API runs them for a reader who sees exact figures everywhere. */
export function duckViews(warehouse: Warehouse): Views {
  const f = (area: string | null, from: number, to: number): QueryFilter => ({ area, from, to });
  const sourceSums = MARAC_REFERRAL_SOURCES.map(
    (s) => `coalesce(sum(referrals_${s.code}), 0)::DOUBLE AS "${s.code}"`,
  ).join(', ');
  const repeat = sqlFile('case_repeat');
  const pathways = sqlFile('pathways', { source_sums: sourceSums });
  const explorer = sqlFile('fact_sums', {
    fact: 'scoped_agency',
    group: 'sector',
    sums: sumsOf([...AGENCY_FIELDS_USED]),
  });
  return {
    indicators: (area, from, to) =>
      Promise.all([
        factSums(warehouse, EVERYONE, f(area, from, to), 'all'),
        scopedQuery(warehouse, repeat, EVERYONE, f(area, from, to)),
      ]),
    trends: (area, from, to) => factSums(warehouse, EVERYONE, f(area, from, to), 'period'),
    comparison: (area, from, to) => factSums(warehouse, EVERYONE, f(area, from, to), 'lad'),
    pathways: (area, from, to) => scopedQuery(warehouse, pathways, EVERYONE, f(area, from, to)),
    explorer: (area, from, to) => scopedQuery(warehouse, explorer, EVERYONE, f(area, from, to)),
    repeats: (area, from, to) => scopedQuery(warehouse, repeat, EVERYONE, f(area, from, to)),
    repeatLeague: (area, from, to) => scopedQuery(warehouse, REPEAT_LEAGUE, EVERYONE, f(area, from, to)),
  };
}
