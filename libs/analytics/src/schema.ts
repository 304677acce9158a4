import { AGENCY_QUARTER, CASE_LEVEL, MARAC_QUARTER, warehouseColumns, type ReturnType, type ReturnTypeId } from '@waymark/domain';

export interface FactTable {
  name: string;
  type: ReturnType;
  owner: 'agency_id' | 'marac_id';
  /** Columns before the dictionary's own, with their DuckDB types. */
  keys: { name: string; sqlType: string }[];
}

const COMMON_KEYS = [
  { name: 'submission_id', sqlType: 'VARCHAR' },
  { name: 'lad_code', sqlType: 'VARCHAR' },
  { name: 'csp_code', sqlType: 'VARCHAR' },
  { name: 'pfa_code', sqlType: 'VARCHAR' },
  { name: 'period', sqlType: 'VARCHAR' },
  { name: 'period_index', sqlType: 'INTEGER' },
];

/** One fact table per return type; its columns come from the data dictionary. */
export const FACT_TABLES: Record<ReturnTypeId, FactTable> = {
  'agency-quarter': { name: 'fact_agency_quarter', type: AGENCY_QUARTER, owner: 'agency_id', keys: [...COMMON_KEYS, { name: 'agency_id', sqlType: 'VARCHAR' }, { name: 'sector', sqlType: 'VARCHAR' }] },
  'marac-quarter': { name: 'fact_marac_quarter', type: MARAC_QUARTER, owner: 'marac_id', keys: [...COMMON_KEYS, { name: 'marac_id', sqlType: 'VARCHAR' }] },
  'case-level': { name: 'fact_case_episode', type: CASE_LEVEL, owner: 'agency_id', keys: [...COMMON_KEYS, { name: 'agency_id', sqlType: 'VARCHAR' }, { name: 'sector', sqlType: 'VARCHAR' }, { name: 'row_number', sqlType: 'INTEGER' }] },
};

export function factColumns(table: FactTable): { name: string; sqlType: string }[] {
  return [...table.keys, ...warehouseColumns(table.type)];
}

/** Case-level facts are kept in this order so that queries for one area read only its row groups. */
export const CASE_SORT = 'pfa_code, csp_code, lad_code, period_index';

export const AUDIT_COLUMNS = [
  { name: 'audit_id', sqlType: 'VARCHAR' },
  { name: 'agency_id', sqlType: 'VARCHAR' },
  { name: 'marac_id', sqlType: 'VARCHAR' },
  { name: 'sector', sqlType: 'VARCHAR' },
  { name: 'lad_code', sqlType: 'VARCHAR' },
  { name: 'csp_code', sqlType: 'VARCHAR' },
  { name: 'pfa_code', sqlType: 'VARCHAR' },
  { name: 'period', sqlType: 'VARCHAR' },
  { name: 'code', sqlType: 'VARCHAR' },
  { name: 'theme_id', sqlType: 'VARCHAR' },
  { name: 'theme_title', sqlType: 'VARCHAR' },
  { name: 'statement', sqlType: 'VARCHAR' },
  { name: 'self_rating', sqlType: 'VARCHAR' },
  { name: 'rating', sqlType: 'VARCHAR' },
];

const ddl = (name: string, columns: { name: string; sqlType: string }[]) => `CREATE TABLE ${name} (${columns.map((c) => `"${c.name}" ${c.sqlType}`).join(', ')})`;

/** The whole warehouse layout, created empty. */
export function schemaStatements(): string[] {
  return [
    'CREATE TABLE dim_area (code VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, parent_code VARCHAR, females_16plus INTEGER, lad_code VARCHAR, csp_code VARCHAR, pfa_code VARCHAR)',
    'CREATE TABLE dim_agency (id VARCHAR PRIMARY KEY, name VARCHAR, sector VARCHAR, area_code VARCHAR, active BOOLEAN, lad_code VARCHAR, csp_code VARCHAR, pfa_code VARCHAR)',
    'CREATE TABLE dim_marac (id VARCHAR PRIMARY KEY, name VARCHAR, area_code VARCHAR, active BOOLEAN, lad_code VARCHAR, csp_code VARCHAR, pfa_code VARCHAR)',
    ...Object.values(FACT_TABLES).map((t) => ddl(t.name, factColumns(t))),
    ddl('fact_audit_rating', AUDIT_COLUMNS),
  ];
}

export const WAREHOUSE_TABLES = ['dim_area', 'dim_agency', 'dim_marac', ...Object.values(FACT_TABLES).map((t) => t.name), 'fact_audit_rating'];
