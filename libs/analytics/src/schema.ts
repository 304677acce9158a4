import {
  AGENCY_QUARTER,
  CASE_LEVEL,
  MARAC_QUARTER,
  warehouseColumns,
  type ReturnType,
  type ReturnTypeId,
} from '@waymark/domain';

export interface FactTable {
  name: string;
  type: ReturnType;
  owner: 'agency_id' | 'marac_id';
  /** Columns before the dictionary's own, with their DuckDB types. */
  keys: { name: string; sqlType: string }[];
}

/**
 * A GSS code as a number: the letter's code point, then its eight digits. Facts are filtered and
 * sorted on these numbers because DuckDB's statistics for text keep only the first eight characters,
 * which neighbouring districts share (E09000001 to E09000033), so row groups could not be skipped.
 */
export function areaKey(code: string | null): number | null {
  return code === null ? null : code.charCodeAt(0) * 100_000_000 + Number(code.slice(1));
}

/** Where a row sits in the area tree, by code and by key. */
const AREA_PATH = ['lad', 'csp', 'pfa'].flatMap((level) => [
  { name: `${level}_code`, sqlType: 'VARCHAR' },
  { name: `${level}_key`, sqlType: 'BIGINT' },
]);

const COMMON_KEYS = [
  { name: 'submission_id', sqlType: 'VARCHAR' },
  ...AREA_PATH,
  { name: 'period', sqlType: 'VARCHAR' },
  { name: 'period_index', sqlType: 'INTEGER' },
];

/**
 * Marks worked out when episodes are written, so that counting repeat people reads no history and
 * groups nothing: whether an episode came within 12 months of the same person's earlier one; and,
 * for each person's episodes with an agency in a quarter, which one carries the person
 * (`first_in_quarter`, exactly one) and whether any of them came within 12 months
 * (`repeat_in_quarter`).
 */
export const REPEAT_MARKS = ['again_within_12_months', 'first_in_quarter', 'repeat_in_quarter'] as const;

/**
 * The marks for rows that already carry `again_within_12_months`: read `SELECT *, ${PERSON_IN_QUARTER} FROM … WINDOW person_quarter AS (…)`.
 * A person's episodes with one agency in one quarter form the window.
 */
export const PERSON_IN_QUARTER =
  'row_number() OVER person_quarter = 1 AS first_in_quarter, bool_or(again_within_12_months) OVER person_quarter AS repeat_in_quarter';
export const PERSON_QUARTER_WINDOW = 'WINDOW person_quarter AS (PARTITION BY agency_id, period_index, person_key)';

/** One fact table per return type; its columns come from the data dictionary. */
export const FACT_TABLES: Record<ReturnTypeId, FactTable> = {
  'agency-quarter': {
    name: 'fact_agency_quarter',
    type: AGENCY_QUARTER,
    owner: 'agency_id',
    keys: [...COMMON_KEYS, { name: 'agency_id', sqlType: 'VARCHAR' }, { name: 'sector', sqlType: 'VARCHAR' }],
  },
  'marac-quarter': {
    name: 'fact_marac_quarter',
    type: MARAC_QUARTER,
    owner: 'marac_id',
    keys: [...COMMON_KEYS, { name: 'marac_id', sqlType: 'VARCHAR' }],
  },
  'case-level': {
    name: 'fact_case_episode',
    type: CASE_LEVEL,
    owner: 'agency_id',
    keys: [
      ...COMMON_KEYS,
      { name: 'agency_id', sqlType: 'VARCHAR' },
      { name: 'sector', sqlType: 'VARCHAR' },
      { name: 'row_number', sqlType: 'INTEGER' },
      ...REPEAT_MARKS.map((name) => ({ name, sqlType: 'BOOLEAN' })),
    ],
  },
};

export function factColumns(table: FactTable): { name: string; sqlType: string }[] {
  return [...table.keys, ...warehouseColumns(table.type)];
}

/**
 * Whether the same person (by the agency's key) had another episode in the 12 months before this
 * one. Worked out when episodes are written rather than at query time: a person's episodes all
 * come from one agency, so no area or sector filter can change the answer, and the dashboard then
 * counts repeat people without scanning a year of history.
 */
export const AGAIN_WITHIN_12_MONTHS = `count(*) OVER (PARTITION BY agency_id, person_key
  ORDER BY CAST(substr(referral_month, 1, 4) AS INTEGER) * 12 + CAST(substr(referral_month, 6, 2) AS INTEGER)
  RANGE BETWEEN 12 PRECEDING AND 1 PRECEDING) > 0`;

/** Case-level facts are kept in this order so that queries for one area read only its row groups. */
export const CASE_SORT = 'pfa_key, csp_key, lad_key, period_index';

export const AUDIT_COLUMNS = [
  { name: 'audit_id', sqlType: 'VARCHAR' },
  { name: 'agency_id', sqlType: 'VARCHAR' },
  { name: 'marac_id', sqlType: 'VARCHAR' },
  { name: 'sector', sqlType: 'VARCHAR' },
  ...AREA_PATH,
  { name: 'period', sqlType: 'VARCHAR' },
  { name: 'code', sqlType: 'VARCHAR' },
  { name: 'theme_id', sqlType: 'VARCHAR' },
  { name: 'theme_title', sqlType: 'VARCHAR' },
  { name: 'statement', sqlType: 'VARCHAR' },
  { name: 'self_rating', sqlType: 'VARCHAR' },
  { name: 'rating', sqlType: 'VARCHAR' },
];

const OWNER_COLUMNS = [
  { name: 'id', sqlType: 'VARCHAR' },
  { name: 'name', sqlType: 'VARCHAR' },
  { name: 'area_code', sqlType: 'VARCHAR' },
  { name: 'active', sqlType: 'BOOLEAN' },
  ...AREA_PATH,
];
export const DIM_AREA_COLUMNS = [
  { name: 'code', sqlType: 'VARCHAR' },
  { name: 'name', sqlType: 'VARCHAR' },
  { name: 'type', sqlType: 'VARCHAR' },
  { name: 'parent_code', sqlType: 'VARCHAR' },
  { name: 'females_16plus', sqlType: 'INTEGER' },
  ...AREA_PATH,
];
export const DIM_AGENCY_COLUMNS = [...OWNER_COLUMNS, { name: 'sector', sqlType: 'VARCHAR' }];
export const DIM_MARAC_COLUMNS = OWNER_COLUMNS;
/** Return schedules with their quarters as indexes, so a range of quarters joins them directly. */
export const DIM_SCHEDULE_COLUMNS = [
  { name: 'id', sqlType: 'VARCHAR' },
  { name: 'agency_id', sqlType: 'VARCHAR' },
  { name: 'marac_id', sqlType: 'VARCHAR' },
  { name: 'return_type', sqlType: 'VARCHAR' },
  { name: 'from_index', sqlType: 'INTEGER' },
  { name: 'until_index', sqlType: 'INTEGER' },
];

const ddl = (name: string, columns: { name: string; sqlType: string }[], primaryKey?: string) =>
  `CREATE TABLE ${name} (${columns.map((c) => `"${c.name}" ${c.sqlType}${c.name === primaryKey ? ' PRIMARY KEY' : ''}`).join(', ')})`;

/** The whole warehouse layout, created empty. */
export function schemaStatements(): string[] {
  return [
    ddl('dim_area', DIM_AREA_COLUMNS, 'code'),
    ddl('dim_agency', DIM_AGENCY_COLUMNS, 'id'),
    ddl('dim_marac', DIM_MARAC_COLUMNS, 'id'),
    ddl('dim_schedule', DIM_SCHEDULE_COLUMNS, 'id'),
    ...Object.values(FACT_TABLES).map((t) => ddl(t.name, factColumns(t))),
    ddl('fact_audit_rating', AUDIT_COLUMNS),
  ];
}

export const WAREHOUSE_TABLES = [
  'dim_area',
  'dim_agency',
  'dim_marac',
  'dim_schedule',
  ...Object.values(FACT_TABLES).map((t) => t.name),
  'fact_audit_rating',
];
