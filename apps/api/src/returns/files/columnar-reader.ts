import { readParquetRows } from '@waymark/analytics';
import { tableFromIPC } from 'apache-arrow';
import type { RawTable } from '@waymark/domain';
import { UnreadableUpload } from '../../common/unreadable-upload.js';

/** Arrow and Parquet values as plain JavaScript: lists become arrays, 64-bit integers numbers. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toArray' in value && typeof value.toArray === 'function') return Array.from(value.toArray() as ArrayLike<unknown>, plain);
  return value;
}

function toTable(columns: string[], records: Record<string, unknown>[]): RawTable {
  return {
    headerRow: null,
    columns,
    rows: records.map((record, i) => ({ rowNumber: i + 1, cells: Object.fromEntries(columns.map((c) => [c, plain(record[c])])) })),
  };
}

/** An Arrow IPC file or stream (for example written by pyarrow or apache-arrow). */
export function readArrow(bytes: Buffer, maxRows: number): RawTable {
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch {
    throw new UnreadableUpload('unreadable_arrow', 'The file is not a readable Arrow IPC file or stream');
  }
  if (table.numRows > maxRows) throw new UnreadableUpload('row_count', `The file has ${table.numRows.toLocaleString('en-GB')} rows; at most ${maxRows.toLocaleString('en-GB')} are accepted`);
  const columns = table.schema.fields.map((f) => f.name);
  return toTable(columns, table.toArray().map((row) => row.toJSON() as Record<string, unknown>));
}

export async function readParquet(bytes: Buffer, maxRows: number): Promise<RawTable> {
  const read = await readParquetRows(bytes, maxRows).catch(() => {
    throw new UnreadableUpload('unreadable_parquet', 'The file is not a readable Parquet file');
  });
  if (read.totalRows > maxRows) throw new UnreadableUpload('row_count', `The file has ${read.totalRows.toLocaleString('en-GB')} rows; at most ${maxRows.toLocaleString('en-GB')} are accepted`);
  return toTable(read.columns, read.rows);
}
