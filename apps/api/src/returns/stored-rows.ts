import { returnTypeById, type FieldDef, type ReturnType, type ReturnTypeId } from '@waymark/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { timeSlices } from '../common/event-loop.js';

/** The PostgreSQL type that holds each kind of dictionary field. */
export const POSTGRES_TYPES: Record<FieldDef['kind'], string> = {
  count: 'integer',
  share: 'numeric',
  code: 'text',
  codes: 'text[]',
  yes_no: 'boolean',
  month: 'text',
  person_key: 'text',
};

/**
 * Case-level episodes, by far the most numerous rows, live in a typed table with one column per
 * dictionary field; the quarterly returns (one row each) keep their row as JSON in submission_row.
 */
const TYPED_TABLES: Partial<Record<ReturnTypeId, string>> = { 'case-level': 'case_episode' };

const columnsOf = (type: ReturnType) => type.fields.map((f) => f.key);
/** The column definition list that turns one JSON row into typed columns. */
const recordOf = (type: ReturnType) => type.fields.map((f) => `${f.key} ${POSTGRES_TYPES[f.kind]}`).join(', ');

const JSON_ROWS_PER_STEP = 1_000;

/**
 * The rows as one JSON array, written a thousand rows at a time with pauses between, so that the
 * 30 MB of JSON a full case-level return makes never holds up other requests in one go.
 */
async function rowsJson(rows: Record<string, unknown>[]): Promise<string> {
  if (rows.length <= JSON_ROWS_PER_STEP) return JSON.stringify(rows);
  const pause = timeSlices();
  const parts: string[] = [];
  for (let at = 0; at < rows.length; at += JSON_ROWS_PER_STEP) {
    parts.push(JSON.stringify(rows.slice(at, at + JSON_ROWS_PER_STEP)).slice(1, -1));
    await pause();
  }
  return `[${parts.join(',')}]`;
}

/** Stores a validated return's rows, numbered from 1, inside the caller's transaction. */
export async function insertRows(
  tx: EntityManager,
  submissionId: string,
  type: ReturnType,
  rows: Record<string, unknown>[],
): Promise<void> {
  const table = TYPED_TABLES[type.id];
  if (!table) {
    await tx.query(
      `INSERT INTO submission_row (submission_id, row_number, data) SELECT $1, ordinality, value FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY`,
      [submissionId, JSON.stringify(rows)],
    );
    return;
  }
  const columns = columnsOf(type).join(', ');
  await tx.query(
    `INSERT INTO ${table} (submission_id, row_number, ${columns})
     SELECT $1, e.ordinality, r.* FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e
     CROSS JOIN LATERAL jsonb_to_record(e.value) AS r(${recordOf(type)})`,
    [submissionId, await rowsJson(rows)],
  );
}

/** One submission's rows as stored, in order, each as an object keyed by the dictionary. */
export async function readRows(
  db: DataSource | EntityManager,
  submissionId: string,
  returnTypeId: ReturnTypeId,
): Promise<Record<string, unknown>[]> {
  const type = returnTypeById(returnTypeId)!;
  const table = TYPED_TABLES[type.id];
  const sql = table
    ? `SELECT jsonb_build_object(${columnsOf(type)
        .map((c) => `'${c}', ${c}`)
        .join(', ')}) AS data FROM ${table} WHERE submission_id = $1 ORDER BY row_number`
    : 'SELECT data FROM submission_row WHERE submission_id = $1 ORDER BY row_number';
  const rows: { data: Record<string, unknown> }[] = await db.query(sql, [submissionId]);
  return rows.map((r) => r.data);
}

/**
 * A FROM clause giving every stored row of a return type as typed columns named after the
 * dictionary, beside `submission_id` and `row_number`, aliased `r`.
 */
export function typedRows(type: ReturnType): string {
  const table = TYPED_TABLES[type.id];
  if (table) return `${table} r`;
  return `(SELECT j.ctid AS row_place, j.submission_id, j.row_number, x.* FROM submission_row j CROSS JOIN LATERAL jsonb_to_record(j.data) AS x(${recordOf(type)})) r`;
}

/** The table a return type's rows are stored in, and the expression giving a row's place on disk in `typedRows`, for cutting exports by pages. */
export function storedPlace(type: ReturnType): { table: string; place: string } {
  const table = TYPED_TABLES[type.id];
  return table ? { table, place: 'r.ctid' } : { table: 'submission_row', place: 'r.row_place' };
}
