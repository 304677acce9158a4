import { warehouseType } from '@waymark/domain';
import type { FactTable } from './schema.js';

/** Where each fact row sits in the area tree, copied from its owner. */
export const PATH_COLUMNS = 'lad_code, csp_code, pfa_code, lad_key, csp_key, pfa_key';

/** A DuckDB struct literal of column names and types, all of them trusted identifiers from the dictionary. */
const sqlStruct = (columns: Record<string, string>) =>
  `{${Object.entries(columns)
    .map(([k, v]) => `'${k}': '${v}'`)
    .join(', ')}}`;

/**
 * A SELECT over exported CSV parts (`$files`) of one return type, typed from the data dictionary and
 * joined to the owner's place in the area tree (and sector), with the quarter as a number: the rows
 * of a fact table, ready to insert BY NAME. Case-level rows keep their row number; their repeat mark
 * is worked out afterwards.
 */
export function exportedRowsSql(table: FactTable): string {
  const columns = {
    submission_id: 'VARCHAR',
    agency_id: 'VARCHAR',
    marac_id: 'VARCHAR',
    period: 'VARCHAR',
    row_number: 'INTEGER',
    ...Object.fromEntries(table.type.fields.map((f) => [f.key, warehouseType(f.kind)])),
  };
  const caseLevel = table.type.id === 'case-level';
  const owner = table.owner === 'agency_id' ? 'dim_agency' : 'dim_marac';
  return `SELECT ${table.type.fields.map((f) => `c."${f.key}"`).join(', ')}, c.submission_id, c.period${caseLevel ? ', c.row_number' : ''}, c.${table.owner},
         ${PATH_COLUMNS.split(', ')
           .map((c) => `d.${c}`)
           .join(', ')}${table.owner === 'agency_id' ? ', d.sector' : ''},
         CAST(substr(c.period, 1, 4) AS INTEGER) * 4 + CAST(substr(c.period, 10, 1) AS INTEGER) - 1 AS period_index
  FROM read_csv($files, header = true, delim = ',', quote = '"', escape = '"', columns = ${sqlStruct(columns)}) c
  JOIN ${owner} d ON d.id = c.${table.owner}`;
}
