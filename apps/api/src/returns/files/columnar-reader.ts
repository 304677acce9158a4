import { ParquetRefused, readParquetRows } from '@waymark/analytics';
import { MessageReader, tableFromIPC, type Message, type Table } from 'apache-arrow';
import type { RawTable } from '@waymark/domain';
import { UnreadableUpload } from '../../common/unreadable-upload.js';

/** What a columnar upload may unpack to once its values are JavaScript: far more than any return. */
export const COLUMNAR_LIMITS = { maxValueBytes: 100 * 1024 * 1024 };

const tooBig = (detail: string) =>
  new UnreadableUpload('decompression_limit', `The file is not accepted: ${detail}.`, null, 413);
const unreadableArrow = (detail = '') =>
  new UnreadableUpload(
    'unreadable_arrow',
    `The file is not a readable Arrow IPC file or stream${detail ? `: ${detail}` : ''}`,
  );

/** An Arrow or Parquet list (a vector), which gives its items with toArray(). */
const isList = (value: object): value is { toArray(): ArrayLike<unknown> } =>
  'toArray' in value && typeof value.toArray === 'function';

/** Arrow and Parquet values as plain JavaScript: lists become arrays, 64-bit integers numbers. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && isList(value)) return Array.from(value.toArray(), plain);
  return value;
}

/** Roughly what a value costs in memory, to keep a running total while rows are made. */
const weight = (value: unknown): number =>
  typeof value === 'string'
    ? value.length * 2
    : Array.isArray(value)
      ? value.reduce((s: number, v) => s + weight(v), 8)
      : 8;

function toTable(columns: string[], records: Record<string, unknown>[]): RawTable {
  return {
    headerRow: null,
    columns,
    rows: records.map((record, i) => ({
      rowNumber: i + 1,
      cells: Object.fromEntries(columns.map((c) => [c, plain(record[c])])),
    })),
  };
}

/**
 * Walks the IPC messages before anything is decoded: every body must fit in the file, every
 * buffer in its body, and compressed record batches are refused (Waymark registers no codec, so
 * nothing is ever inflated; their declared sizes decide only which refusal is given).
 */
function checkArrowMessages(bytes: Buffer): void {
  const isFile = bytes.subarray(0, 6).toString('latin1') === 'ARROW1';
  const reader = new MessageReader(isFile ? bytes.subarray(8) : bytes);
  for (let seen = 0; ; seen++) {
    let message: Message;
    try {
      const next = reader.next();
      if (next.done) return;
      message = next.value;
    } catch {
      if (isFile && seen > 0) return; // past the stream section of a file: the footer, which tableFromIPC checks
      throw unreadableArrow();
    }
    const bodyLength = Number(message.bodyLength);
    if (!Number.isSafeInteger(bodyLength) || bodyLength < 0 || bodyLength > bytes.length)
      throw unreadableArrow('a message says its body is longer than the file');
    const batch = message.isRecordBatch()
      ? message.header()
      : message.isDictionaryBatch()
        ? message.header().data
        : null;
    if (batch) {
      for (const region of batch.buffers)
        if (region.offset + region.length > bodyLength) throw unreadableArrow('a buffer lies outside its message');
      if (batch.compression) {
        let body: Buffer;
        try {
          body = Buffer.from(reader.readMessageBody(bodyLength));
        } catch {
          throw unreadableArrow('it is cut short');
        }
        const declared = batch.buffers.reduce(
          (sum, r) => sum + (r.length >= 8 ? Math.max(r.length, Number(body.readBigInt64LE(r.offset))) : r.length),
          0,
        );
        if (declared > COLUMNAR_LIMITS.maxValueBytes)
          throw tooBig(`its compressed buffers say they unpack to ${Math.ceil(declared / 1024 / 1024)} MB`);
        throw new UnreadableUpload(
          'arrow_compressed',
          'The Arrow file is compressed (LZ4 or ZSTD), which Waymark does not read. Write it uncompressed: in pyarrow, compression=None, or feather.write_feather(..., compression="uncompressed").',
        );
      }
    }
    try {
      reader.readMessageBody(bodyLength);
    } catch {
      throw unreadableArrow('it is cut short');
    }
  }
}

/**
 * Rows made from the Arrow table with a running count of what they cost: dictionary encoding
 * can repeat one long value on every row, so the count is of the values made, not of the file.
 */
function arrowRows(table: Table): RawTable {
  const fields = table.schema.fields;
  let budget = COLUMNAR_LIMITS.maxValueBytes;
  const rows: RawTable['rows'] = [];
  for (let i = 0; i < table.numRows; i++) {
    const cells: Record<string, unknown> = {};
    fields.forEach((field, f) => {
      const value = plain(table.getChildAt(f)?.get(i) ?? null);
      budget -= weight(value);
      cells[field.name] = value;
    });
    if (budget < 0) throw tooBig(`its values unpack to more than ${COLUMNAR_LIMITS.maxValueBytes / 1024 / 1024} MB`);
    rows.push({ rowNumber: i + 1, cells });
  }
  return { headerRow: null, columns: fields.map((f) => f.name), rows };
}

/** An Arrow IPC file or stream (for example written by pyarrow or apache-arrow). */
export function readArrow(bytes: Buffer, maxRows: number): RawTable {
  try {
    checkArrowMessages(bytes);
    const table = tableFromIPC(bytes);
    if (table.numRows > maxRows)
      throw new UnreadableUpload(
        'row_count',
        `The file has ${table.numRows.toLocaleString('en-GB')} rows; at most ${maxRows.toLocaleString('en-GB')} are accepted`,
      );
    return arrowRows(table);
  } catch (error) {
    throw error instanceof UnreadableUpload ? error : unreadableArrow(); // a damaged file can fail anywhere in the decoder
  }
}

export async function readParquet(bytes: Buffer, maxRows: number): Promise<RawTable> {
  const read = await readParquetRows(bytes, maxRows).catch((error: unknown) => {
    if (error instanceof ParquetRefused)
      throw error.rule === 'decompression_limit'
        ? tooBig(error.message.replace(/^The file /, 'it '))
        : new UnreadableUpload(error.rule, error.message);
    throw new UnreadableUpload('unreadable_parquet', 'The file is not a readable Parquet file');
  });
  if (read.totalRows > maxRows)
    throw new UnreadableUpload(
      'row_count',
      `The file has ${read.totalRows.toLocaleString('en-GB')} rows; at most ${maxRows.toLocaleString('en-GB')} are accepted`,
    );
  return toTable(read.columns, read.rows);
}
