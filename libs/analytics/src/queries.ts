import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { financialYearOf, quarterFromIndex } from '@waymark/domain';
import type { Warehouse } from './warehouse.js';

/** Who is asking: every area (analyst of everything), a set of area codes, and perhaps one agency only. */
export interface QueryScope {
  everything: boolean;
  areaCodes: string[];
  agencyId: string | null;
}

/** What is asked about: an area (or all in scope) and a range of quarters, by their index. */
export interface QueryFilter {
  area: string | null;
  from: number;
  to: number;
}

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));
const cache = new Map<string, string>();

/** A named SQL file from libs/analytics/sql, with its {{placeholders}} filled from trusted identifiers. */
export function sqlFile(name: string, fill: Record<string, string> = {}): string {
  if (!cache.has(name)) cache.set(name, readFileSync(`${SQL_DIR}${name}.sql`, 'utf8'));
  return cache.get(name)!.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in fill)) throw new Error(`${name}.sql needs {{${key}}}`);
    return fill[key];
  });
}

const IN_SCOPE = `($scope_all OR list_contains($scope_areas, lad_code) OR list_contains($scope_areas, csp_code) OR list_contains($scope_areas, pfa_code))`;
const IN_AREA = `($area::VARCHAR IS NULL OR $area::VARCHAR IN (lad_code, csp_code, pfa_code))`;
const AGENCY_ONLY = `($scope_agency::VARCHAR IS NULL OR agency_id = $scope_agency::VARCHAR)`;
const IN_RANGE = 'period_index BETWEEN $from AND $to';

const SCOPED_VIEWS: Record<string, string> = {
  scoped_agency: `SELECT * FROM fact_agency_quarter WHERE ${IN_SCOPE} AND ${IN_AREA} AND ${AGENCY_ONLY} AND ${IN_RANGE}`,
  scoped_marac: `SELECT * FROM fact_marac_quarter WHERE ${IN_SCOPE} AND ${IN_AREA} AND $scope_agency::VARCHAR IS NULL AND ${IN_RANGE}`,
  scoped_case: `SELECT * FROM fact_case_episode WHERE ${IN_SCOPE} AND ${IN_AREA} AND ${AGENCY_ONLY} AND ${IN_RANGE}`,
  scoped_case_history: `SELECT * FROM fact_case_episode WHERE ${IN_SCOPE} AND ${IN_AREA} AND ${AGENCY_ONLY} AND period_index BETWEEN $from - 4 AND $to`,
  scoped_audit: `SELECT * FROM fact_audit_rating WHERE ${IN_SCOPE} AND ${IN_AREA} AND ${AGENCY_ONLY} AND period = $audit_year AND agency_id IS NOT NULL`,
  scoped_agency_dim: `SELECT id AS agency_id, * FROM dim_agency WHERE ${IN_SCOPE} AND ${IN_AREA} AND ${AGENCY_ONLY}`,
  scoped_marac_dim: `SELECT * FROM dim_marac WHERE ${IN_SCOPE} AND ${IN_AREA} AND $scope_agency::VARCHAR IS NULL`,
  scoped_area: `SELECT * FROM dim_area WHERE ($scope_all OR list_contains($scope_areas, code)) AND ${IN_AREA.replace(/lad_code, csp_code, pfa_code/, 'code, lad_code, csp_code, pfa_code')}`,
};

/** The scoped views a query names, as a WITH clause (only those, so nothing else is planned). */
function scopedViewsFor(sql: string): string {
  const used = Object.entries(SCOPED_VIEWS).filter(([name]) => new RegExp(`\\b${name}\\b`).test(sql));
  return used.length ? `WITH ${used.map(([name, body]) => `${name} AS (${body})`).join(',\n  ')}\n` : '';
}

/**
 * The one door every analytics query goes through. Queries read only the scoped views above, each
 * already limited to the caller's areas (and agency), the chosen area and the range of quarters;
 * nothing reads a fact table directly.
 */
export async function scopedQuery(
  warehouse: Warehouse,
  sql: string,
  scope: QueryScope,
  filter: QueryFilter,
  extra: Record<string, string | number | boolean | null> = {},
): Promise<Record<string, unknown>[]> {
  const views = scopedViewsFor(sql);
  const body = sql.replace(/^(\s*--.*\n)*\s*/, '');
  const text = body.startsWith(',') ? (views ? `${views}${body}` : `WITH ${body.slice(1)}`) : `${views}${body}`;
  return warehouse.read(
    text,
    {
      scope_all: scope.everything,
      scope_areas: scope.areaCodes,
      scope_agency: scope.agencyId,
      area: filter.area,
      from: filter.from,
      to: filter.to,
      audit_year: financialYearOf(quarterFromIndex(filter.to)),
      ...extra,
    },
    ['scope_areas'],
  );
}
