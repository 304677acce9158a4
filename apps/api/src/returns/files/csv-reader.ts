import { CsvError, parse } from 'csv-parse/sync';
import type { RawTable } from '@waymark/domain';
import { UnreadableUpload } from '../../common/unreadable-upload.js';

/** Text of a CSV: UTF-8 (with or without BOM) or UTF-16 with BOM, as Excel saves "Unicode text". */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableUpload('encoding', 'The file is not UTF-8 text. In Excel choose "CSV UTF-8 (Comma delimited)" when saving.');
  }
}

/** Reads a CSV: the first row is the header; lines starting with # (the template's guidance) are skipped. */
export function readCsv(bytes: Buffer): RawTable {
  const text = decode(bytes);
  if (text.includes('\u0000')) throw new UnreadableUpload('encoding', 'The file contains binary data, not CSV text');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = (parse as (input: string, options: object) => typeof records)(text, { bom: true, comment: '#', comment_no_infix: true, info: true, skip_empty_lines: true, relax_quotes: false, trim: false });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw new UnreadableUpload('csv_format', `The CSV is malformed${line ? ` near line ${line}` : ''}: ${error.message.replace(/^Invalid [^:]*: /, '').slice(0, 160)}`, line);
    }
    throw error;
  }
  if (records.length === 0) throw new UnreadableUpload('empty_file', 'The file has no header row');
  const [header, ...body] = records;
  const columns = header.record.map((c) => c.trim());
  const headerLine = header.info.lines;
  // Rows are numbered as a spreadsheet shows them: a quoted cell with line breaks is still one row.
  return {
    headerRow: headerLine,
    columns,
    rows: body
      .map(({ record }, index) => ({ record, rowNumber: headerLine + index + 1 }))
      .filter(({ record }) => record.some((cell) => cell.trim() !== ''))
      .map(({ record, rowNumber }) => {
        if (record.length !== columns.length) {
          throw new UnreadableUpload('column_count', `Row ${rowNumber} has ${record.length} cells but the header has ${columns.length}`, rowNumber);
        }
        return { rowNumber, cells: Object.fromEntries(columns.map((c, i) => [c, record[i]])) };
      }),
  };
}
