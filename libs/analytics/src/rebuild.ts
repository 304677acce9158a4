import type { DuckDBConnection } from '@duckdb/node-api';
import { readDimensions, replaceDimensions } from './dimensions.js';
import { insertParts, replaceAuditFacts, withExportFiles, type Progress } from './fact-writes.js';
import {
  AGAIN_WITHIN_12_MONTHS,
  CASE_SORT,
  FACT_TABLES,
  PERSON_IN_QUARTER,
  PERSON_QUARTER_WINDOW,
  REPEAT_MARKS,
  schemaStatements,
  WAREHOUSE_TABLES,
} from './schema.js';
import type { WarehouseSource } from './source.js';

/**
 * Drops and recreates every table and fills it from the source, with case-level facts marked for
 * repeats and sorted by area and quarter; runs inside the caller's transaction. Returns the rows loaded.
 */
export async function rebuildTables(
  db: DuckDBConnection,
  warehousePath: string,
  source: WarehouseSource,
  progress: Progress,
): Promise<number> {
  let rows = 0;
  for (const table of WAREHOUSE_TABLES) await db.run(`DROP TABLE IF EXISTS ${table}`);
  for (const statement of schemaStatements()) await db.run(statement);
  progress('reading areas, agencies and Maracs, with their return schedules');
  await replaceDimensions(db, await readDimensions(source));
  for (const table of Object.values(FACT_TABLES)) {
    progress(`exporting ${table.type.title.toLowerCase()} rows from PostgreSQL, loading each part as it is written`);
    // Case-level rows gather in a staging table, then are marked and written once, in area order.
    const caseLevel = table === FACT_TABLES['case-level'];
    if (caseLevel)
      await db.run(
        `CREATE TEMP TABLE case_staging AS SELECT * EXCLUDE (${REPEAT_MARKS.join(', ')}) FROM fact_case_episode LIMIT 0`,
      );
    rows += await withExportFiles(warehousePath, (fileOf) =>
      insertParts(
        db,
        table,
        source.exportRows(table.type.id, fileOf),
        caseLevel ? 'case_staging' : table.name,
        progress,
      ),
    );
    if (!caseLevel) continue;
    progress('marking repeat episodes and sorting case-level facts by area and quarter');
    await db.run(
      `INSERT INTO fact_case_episode BY NAME
       SELECT *, ${PERSON_IN_QUARTER} FROM (SELECT *, ${AGAIN_WITHIN_12_MONTHS} AS again_within_12_months FROM case_staging)
       ${PERSON_QUARTER_WINDOW} ORDER BY ${CASE_SORT}`,
    );
    await db.run('DROP TABLE case_staging');
  }
  progress('loading audits');
  for await (const a of source.audits()) await replaceAuditFacts(db, a);
  return rows;
}
