import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  areaTypeOfGss,
  financialYearOf,
  HIDDEN_CELL_COUNTS_AS,
  quarterFromIndex,
  type DisclosureRule,
} from '@waymark/domain';
import { areaKey } from './schema.js';
import type { Warehouse } from './warehouse.js';

/** Who is asking: every area (analyst of everything), a set of area codes, and perhaps one agency only. */
export interface QueryScope {
  everything: boolean;
  areaCodes: string[];
  agencyId: string | null;
}

/** The scope of a reader who may see everything: for comparators over every area (peers, all-areas shares). */
export const EVERYONE: QueryScope = { everything: true, areaCodes: [], agencyId: null };

/** What is asked about: an area (or all in scope) and a range of quarters, by their index. */
export interface QueryFilter {
  area: string | null;
  from: number;
  to: number;
  /** Narrows agency figures (and case-level episodes and audits) to one sector; Marac figures stay whole. */
  sector?: string | null;
}

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));
const cache = new Map<string, string>();

/**
 * One cell (one return's figure, or one agency's count for a quarter) as it goes into a total:
 * exact for readers who see exact figures; otherwise published on its own first (`publishCount`,
 * a hidden cell counting as HIDDEN_CELL_COUNTS_AS), so a total never holds more than its cells show.
 */
export function publishedCell(column: string, rule: DisclosureRule | null): string {
  const c = `"${column}"`;
  if (!rule) return c;
  const base = Math.max(1, rule.roundingBase);
  return `(CASE WHEN ${c} IS NULL OR ${c} <= 0 THEN 0 WHEN ${c} < ${Number(rule.threshold)} THEN ${HIDDEN_CELL_COUNTS_AS} ELSE round(${c} / ${base}) * ${base} END)`;
}

/**
 * The keys that make a row of case-level counts one cell (one agency, one quarter), put before a
 * grouped count that will be summed through `publishedCell`; exact readers need no cells.
 */
const cellKeys = (rule: DisclosureRule | null): string => (rule ? 'agency_id, period_index, ' : '');

/** `coalesce(sum("x"), 0)::DOUBLE AS "x"` for each column (of published cells when a rule is given): the {{sums}} of fact_sums.sql. */
export function sumsOf(columns: readonly string[], rule: DisclosureRule | null = null): string {
  return columns.map((c) => `coalesce(sum(${publishedCell(c, rule)}), 0)::DOUBLE AS "${c}"`).join(',\n       ');
}

/**
 * A named SQL file from libs/analytics/sql, with its {{placeholders}} filled from trusted identifiers,
 * each {{cell:column}} written as `publishedCell(column, rule)` and {{cell_keys}} as `cellKeys(rule)`.
 */
export function sqlFile(name: string, fill: Record<string, string> = {}, rule: DisclosureRule | null = null): string {
  if (!cache.has(name)) cache.set(name, readFileSync(`${SQL_DIR}${name}.sql`, 'utf8'));
  return cache.get(name)!.replace(/\{\{(cell:)?(\w+)\}\}/g, (_, cell: string | undefined, key: string) => {
    if (cell) return publishedCell(key, rule);
    if (key === 'cell_keys') return cellKeys(rule);
    if (!(key in fill)) throw new Error(`${name}.sql needs {{${key}}}`);
    return fill[key];
  });
}

const AGENCY_ONLY = `($scope_agency::VARCHAR IS NULL OR agency_id = $scope_agency::VARCHAR)`;
const IN_RANGE = 'period_index BETWEEN $from AND $to';

/**
 * Predicates are written for the case at hand rather than as catch-all ORs, so DuckDB can push them
 * into the scan and skip row groups by their min/max (case-level facts are sorted by the keys of force
 * area, partnership and district, then quarter): one column for the chosen area's level, and no scope test at all for callers
 * who may see everything.
 */
function predicates(
  scope: QueryScope,
  filter: QueryFilter,
): { inScope: string; inArea: string; areaInScope: string; areaIsChosen: string; inSector: string } {
  const level = filter.area ? areaTypeOfGss(filter.area) : null;
  return {
    inSector: filter.sector ? 'sector = $only_sector' : 'true',
    inScope: scope.everything
      ? 'true'
      : '(list_contains($scope_areas, lad_code) OR list_contains($scope_areas, csp_code) OR list_contains($scope_areas, pfa_code))',
    inArea: level ? `${level}_key = $area_key` : filter.area ? 'false' : 'true',
    areaInScope: scope.everything ? 'true' : 'list_contains($scope_areas, code)',
    areaIsChosen: level ? `(code = $area OR ${level}_code = $area)` : filter.area ? 'false' : 'true',
  };
}

/** The scoped views, one file each in sql/scoped: the only SQL that reads the fact and dimension tables. */
export const SCOPED_VIEWS = [
  'scoped_agency',
  'scoped_marac',
  'scoped_case',
  'scoped_audit',
  'scoped_agency_dim',
  'scoped_marac_dim',
  'scoped_area',
] as const;

const LEADING_COMMENTS = /^(\s*--.*\n)*\s*/;

/** The scoped views a query names, as a WITH clause (only those, so nothing else is planned or filled). */
function scopedViewsFor(sql: string, scope: QueryScope, filter: QueryFilter): string {
  const used = SCOPED_VIEWS.filter((name) => new RegExp(`\\b${name}\\b`).test(sql));
  if (!used.length) return '';
  const p = predicates(scope, filter);
  const fill = {
    in_area: p.inArea,
    in_range: IN_RANGE,
    in_scope: p.inScope,
    agency_only: AGENCY_ONLY,
    in_sector: p.inSector,
    area_in_scope: p.areaInScope,
    area_is_chosen: p.areaIsChosen,
  };
  const body = (name: string) => sqlFile(`scoped/${name}`, fill).replace(LEADING_COMMENTS, '').trim();
  return `WITH ${used.map((name) => `${name} AS (${body(name)})`).join(',\n  ')}\n`;
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
  extra: Record<string, string | number | boolean | null | string[]> = {},
): Promise<Record<string, unknown>[]> {
  const views = scopedViewsFor(sql, scope, filter);
  const body = sql.replace(LEADING_COMMENTS, '');
  const text = body.startsWith(',') ? (views ? `${views}${body}` : `WITH ${body.slice(1)}`) : `${views}${body}`;
  return warehouse.read(
    text,
    {
      scope_all: scope.everything,
      scope_areas: scope.areaCodes,
      scope_agency: scope.agencyId,
      area: filter.area,
      area_key: areaKey(filter.area),
      from: filter.from,
      to: filter.to,
      only_sector: filter.sector ?? null,
      audit_year: financialYearOf(quarterFromIndex(filter.to)),
      ...extra,
    },
    ['scope_areas', ...Object.keys(extra).filter((k) => Array.isArray(extra[k]))],
  );
}
