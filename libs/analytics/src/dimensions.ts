import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { parseQuarter, quarterIndex } from '@waymark/domain';
import { PATH_COLUMNS } from './exported-rows.js';
import { areaKey, DIM_AGENCY_COLUMNS, DIM_AREA_COLUMNS, DIM_MARAC_COLUMNS, DIM_SCHEDULE_COLUMNS } from './schema.js';
import type { AgencyRow, AreaRow, MaracRow, ScheduleRow, WarehouseSource } from './source.js';

/** Where an owner (or area) sits in the area tree: its district, partnership and force area, by code and key. */
export interface Path {
  lad_code: string | null;
  csp_code: string | null;
  pfa_code: string | null;
  lad_key: number | null;
  csp_key: number | null;
  pfa_key: number | null;
}

export const NOWHERE: Path = {
  lad_code: null,
  csp_code: null,
  pfa_code: null,
  lad_key: null,
  csp_key: null,
  pfa_key: null,
};

type DimensionSource = Pick<WarehouseSource, 'areas' | 'agencies' | 'maracs' | 'schedules'>;
export interface Dimensions {
  areas: AreaRow[];
  agencies: AgencyRow[];
  maracs: MaracRow[];
  schedules: ScheduleRow[];
}

export async function readDimensions(source: DimensionSource): Promise<Dimensions> {
  const [areas, agencies, maracs, schedules] = await Promise.all([
    source.areas(),
    source.agencies(),
    source.maracs(),
    source.schedules(),
  ]);
  return { areas, agencies, maracs, schedules };
}

/** A predicate (and its parameter) keeping a scan to the row groups of one owner's area. */
export function inOwnArea(path: Path, alias = ''): { sql: string; params: Record<string, number> } {
  const level = (['lad', 'csp', 'pfa'] as const).find((l) => path[`${l}_key`] !== null);
  return level
    ? { sql: ` AND ${alias}${level}_key = $area_key`, params: { area_key: path[`${level}_key`]! } }
    : { sql: '', params: {} };
}

/** BIGINT columns come back as bigint; area keys fit a double exactly. */
const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Inserts rows handed over as one JSON parameter and typed by DuckDB's json_transform, so nothing
 * touches the disk and no value is ever spliced into the SQL text.
 */
export async function load(
  db: DuckDBConnection,
  table: string,
  columns: { name: string; sqlType: string }[],
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const structure = Object.fromEntries(
    columns.map((c) => [c.name, c.sqlType.endsWith('[]') ? [c.sqlType.slice(0, -2)] : c.sqlType]),
  );
  await db.run(
    `INSERT INTO ${table} BY NAME SELECT r.* FROM (SELECT unnest(json_transform($rows::JSON, '${JSON.stringify([structure])}')) AS r)`,
    { rows: JSON.stringify(rows) },
  );
}

/** Replaces areas, agencies, Maracs and schedules, each placed in the area tree. */
export async function replaceDimensions(
  db: DuckDBConnection,
  { areas, agencies, maracs, schedules }: Dimensions,
): Promise<void> {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const pathOf = (code: string): Path => {
    const path: Path = { ...NOWHERE };
    for (let area = byCode.get(code); area; area = area.parentCode ? byCode.get(area.parentCode) : undefined) {
      path[`${area.type}_code`] = area.code;
      path[`${area.type}_key`] = areaKey(area.code);
    }
    return path;
  };
  await db.run('DELETE FROM dim_area; DELETE FROM dim_agency; DELETE FROM dim_marac; DELETE FROM dim_schedule');
  await load(
    db,
    'dim_area',
    DIM_AREA_COLUMNS,
    areas.map((a) => ({
      code: a.code,
      name: a.name,
      type: a.type,
      parent_code: a.parentCode,
      females_16plus: a.females16plus,
      ...pathOf(a.code),
    })),
  );
  await load(
    db,
    'dim_agency',
    DIM_AGENCY_COLUMNS,
    agencies.map((a) => ({
      id: a.id,
      name: a.name,
      sector: a.sector,
      area_code: a.areaCode,
      active: a.active,
      ...pathOf(a.areaCode),
    })),
  );
  await load(
    db,
    'dim_marac',
    DIM_MARAC_COLUMNS,
    maracs.map((m) => ({ id: m.id, name: m.name, area_code: m.areaCode, active: m.active, ...pathOf(m.areaCode) })),
  );
  const quarterNumber = (label: string | null) => (label === null ? null : quarterIndex(parseQuarter(label)!));
  await load(
    db,
    'dim_schedule',
    DIM_SCHEDULE_COLUMNS,
    schedules.map((s) => ({
      id: s.id,
      agency_id: s.agencyId,
      marac_id: s.maracId,
      return_type: s.returnType,
      from_index: quarterNumber(s.from),
      until_index: quarterNumber(s.until),
    })),
  );
}

/** Where each owner sits in the area tree (and its sector), for a batch of returns at once. */
export async function ownerPaths(
  db: DuckDBConnection,
  ids: string[],
): Promise<Map<string, Path & { sector: string | null }>> {
  const rows = (
    await db.runAndReadAll(
      `SELECT id, ${PATH_COLUMNS}, sector FROM dim_agency WHERE list_contains($ids, id)
       UNION ALL SELECT id, ${PATH_COLUMNS}, NULL FROM dim_marac WHERE list_contains($ids, id)`,
      { ids: listValue(ids) },
      { ids: LIST(VARCHAR) },
    )
  ).getRowObjectsJS() as unknown as (Path & { id: string; sector: string | null })[];
  return new Map(
    rows.map(({ id, ...path }) => [
      id,
      { ...path, lad_key: toNumber(path.lad_key), csp_key: toNumber(path.csp_key), pfa_key: toNumber(path.pfa_key) },
    ]),
  );
}

/**
 * Facts carry their owner's place in the area tree (and an agency's sector) so that filters need no
 * join. When an owner moves, its rows follow it, so that later replacements and repeat marking,
 * which look for an owner's rows in its own area, find them all.
 */
export async function followMovedOwners(db: DuckDBConnection): Promise<void> {
  const path = PATH_COLUMNS.split(', ');
  const moves: [string, 'agency_id' | 'marac_id', string, boolean][] = [
    ['fact_agency_quarter', 'agency_id', 'dim_agency', true],
    ['fact_case_episode', 'agency_id', 'dim_agency', true],
    ['fact_marac_quarter', 'marac_id', 'dim_marac', false],
    ['fact_audit_rating', 'agency_id', 'dim_agency', true],
    ['fact_audit_rating', 'marac_id', 'dim_marac', false],
  ];
  for (const [table, owner, dim, withSector] of moves) {
    const columns = withSector ? [...path, 'sector'] : path;
    await db.run(
      `UPDATE ${table} f SET ${columns.map((c) => `${c} = d.${c}`).join(', ')} FROM ${dim} d
         WHERE f.${owner} = d.id AND (${columns.map((c) => `f.${c} IS DISTINCT FROM d.${c}`).join(' OR ')})`,
    );
  }
}
