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

/** What an uploaded Parquet file may unpack to: a case-level return is a few tens of megabytes at most. */
export const PARQUET_LIMITS = { maxUncompressedBytes: 100 * 1024 * 1024, maxColumns: 200, memoryLimit: '128MB' };

/** A Parquet file refused for its size rather than its contents (`rule` names which limit). */
export class ParquetRefused extends Error {
  constructor(
    readonly rule: 'decompression_limit' | 'column_count',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads an uploaded Parquet file with an in-memory DuckDB (its reader is built in, so nothing is
 * downloaded). The footer is read first: a file whose column chunks declare more than the limit
 * uncompressed, or too many columns, is refused before any page is decompressed, and one that
 * declares more than `maxRows` rows is not read at all. The footer can lie, and dictionary
 * encoding can repeat one large value on every row, so the real bytes are capped too: the DuckDB
 * that reads the rows has a memory limit (and one thread), and running past it refuses the file.
 */
export async function readParquetRows(
  bytes: Uint8Array,
  maxRows: number,
  limits = PARQUET_LIMITS,
): Promise<ParquetRows> {
  const path = join(tmpdir(), `waymark-upload-${randomBytes(8).toString('hex')}.parquet`);
  await writeFile(path, bytes, { mode: 0o600 });
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: limits.memoryLimit, threads: '1' });
  const connection = await instance.connect();
  const megabytes = (n: number) => Math.ceil(n / 1024 / 1024).toLocaleString('en-GB');
  try {
    // A path we made ourselves: no user text reaches the SQL.
    const footer = await connection.runAndReadAll(`
      SELECT count(DISTINCT column_id)::BIGINT AS columns, coalesce(sum(total_uncompressed_size), 0)::BIGINT AS unpacked,
             (SELECT coalesce(sum(n), 0)::BIGINT FROM (SELECT DISTINCT row_group_id, row_group_num_rows AS n FROM parquet_metadata('${path}'))) AS rows
      FROM parquet_metadata('${path}')`);
    const { columns, unpacked, rows } = footer.getRowObjectsJS()[0] as {
      columns: bigint;
      unpacked: bigint;
      rows: bigint;
    };
    if (Number(columns) > limits.maxColumns)
      throw new ParquetRefused(
        'column_count',
        `The file has ${columns} columns; at most ${limits.maxColumns} are read`,
      );
    if (Number(unpacked) > limits.maxUncompressedBytes) {
      throw new ParquetRefused(
        'decompression_limit',
        `The file would unpack to ${megabytes(Number(unpacked))} MB; at most ${megabytes(limits.maxUncompressedBytes)} MB are accepted`,
      );
    }
    const totalRows = Number(rows);
    if (totalRows > maxRows) return { columns: [], rows: [], totalRows };
    let reader;
    try {
      reader = await connection.runAndReadAll(
        `SELECT * FROM read_parquet('${path}') LIMIT ${Math.max(0, Math.floor(maxRows)) + 1}`,
      ); // one more shows a footer that under-counts
    } catch (error) {
      if (error instanceof Error && /out of memory/i.test(error.message)) {
        throw new ParquetRefused(
          'decompression_limit',
          `The file unpacks to more than the ${limits.memoryLimit} it may use. Send the values themselves, without repeating one very long value`,
        );
      }
      throw error;
    }
    return {
      columns: reader.columnNames(),
      rows: (reader.getRowObjectsJS() as Record<string, unknown>[]).slice(0, maxRows),
      totalRows: Math.max(totalRows, reader.currentRowCount),
    };
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
    await connection.run(
      `COPY (SELECT * FROM read_json_auto('${base}.ndjson', format = 'newline_delimited') ${rows.length ? '' : 'LIMIT 0'}) TO '${base}.parquet' (FORMAT parquet)`,
    );
    return await readFile(`${base}.parquet`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(`${base}.ndjson`, { force: true });
    await rm(`${base}.parquet`, { force: true });
  }
}
