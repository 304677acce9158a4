import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface ParquetRows {
  columns: string[];
  rows: Record<string, unknown>[];
  /** Rows in the file, which may be more than were read. */
  totalRows: number;
}

/**
 * Reads an uploaded Parquet file with an in-memory DuckDB (its reader is built in, so nothing is
 * downloaded). At most `maxRows` rows are read.
 */
export async function readParquetRows(bytes: Uint8Array, maxRows: number): Promise<ParquetRows> {
  const path = join(tmpdir(), `waymark-upload-${randomBytes(8).toString('hex')}.parquet`);
  await writeFile(path, bytes, { mode: 0o600 });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const source = `read_parquet('${path}')`; // a path we made ourselves: no user text reaches the SQL
    const total = await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${source}`);
    const reader = await connection.runAndReadAll(`SELECT * FROM ${source} LIMIT ${Math.max(0, Math.floor(maxRows))}`);
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJS() as Record<string, unknown>[], totalRows: Number(total.getRowObjectsJS()[0].n) };
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(path, { force: true });
  }
}

/** Rows written as a Parquet file (through an in-memory DuckDB), for downloads. */
export async function rowsToParquet(rows: Record<string, unknown>[]): Promise<Uint8Array> {
  const base = join(tmpdir(), `waymark-export-${randomBytes(8).toString('hex')}`);
  await writeFile(`${base}.ndjson`, rows.map((r) => JSON.stringify(r)).join('\n') || '{}');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (SELECT * FROM read_json_auto('${base}.ndjson', format = 'newline_delimited') ${rows.length ? '' : 'LIMIT 0'}) TO '${base}.parquet' (FORMAT parquet)`);
    return await readFile(`${base}.parquet`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(`${base}.ndjson`, { force: true });
    await rm(`${base}.parquet`, { force: true });
  }
}
