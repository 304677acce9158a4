import { parse as parseInSteps } from 'csv-parse';
import { CsvError, parse } from 'csv-parse/sync';
import type { RawTable } from '@waymark/domain';
import { timeSlices } from '../../common/event-loop.js';
import { UnreadableUpload } from '../../common/unreadable-upload.js';

/** Text of a CSV: UTF-8 (with or without BOM) or UTF-16 with BOM, as Excel saves "Unicode text". */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableUpload(
      'encoding',
      'The file is not UTF-8 text. In Excel choose "CSV UTF-8 (Comma delimited)" when saving.',
    );
  }
}

/**
 * The first line that starts with # outside a quoted cell, if any. Such lines were once guidance
 * skipped on upload; now nothing unread is accepted, so they are refused instead of kept unread.
 * One pass, tracking quotes ("" inside quotes toggles twice, so it needs no special case).
 */
function firstCommentLine(text: string): number | null {
  let quoted = false;
  let line = 1;
  let lineStart = true;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (lineStart && !quoted && c === 35) return line;
    lineStart = false;
    if (c === 34) quoted = !quoted;
    else if (c === 10) {
      line++;
      lineStart = !quoted;
    } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
      line++;
      lineStart = !quoted;
    }
  }
  return null;
}

/**
 * No row of any return comes near this many characters (a full agency row is about 2,000), so the
 * parser stops here rather than spend a quarter of a second on a megabyte-long cell while every
 * other request waits. The cell is refused as too long, as the validator refuses shorter ones.
 */
const MAX_RECORD = 64 * 1024;

function tooLongRecord(text: string, error: CsvError): UnreadableUpload {
  const { lines, column } = error as CsvError & { lines?: number; column?: number };
  let header: string[] = [];
  try {
    header =
      (parse as (input: string, options: object) => string[][])(text.slice(0, MAX_RECORD + 2), {
        bom: true,
        to_line: 1,
        max_record_size: MAX_RECORD,
      })[0] ?? [];
  } catch {
    /* the header itself is the long record: no column name to give */
  }
  const name = typeof column === 'number' && lines !== 1 ? (header[column]?.trim() ?? null) : null;
  return new UnreadableUpload(
    'too_long',
    `This row has a cell far longer than any value a return holds (the row passes ${MAX_RECORD.toLocaleString('en-GB')} characters)`,
    lines ?? null,
    422,
    name,
  );
}

type CsvRecord = { record: string[]; info: { lines: number } };

/**
 * Bytes the parser reads in one step (a few milliseconds of work). A 10 MB case-level return once
 * held the event loop for over a second here, parsed in one go; now other requests are answered
 * whenever about 5 ms of steps have run.
 */
const PARSE_STEP = 32 * 1024;
/** Rows made into cells in one step. */
const ROWS_PER_STEP = 500;

/** Parses the whole text, a step at a time, yielding to the event loop between steps; rejects with the parser's CsvError. */
async function parseRecords(text: string, options: object, pause: () => Promise<void>): Promise<CsvRecord[]> {
  const bytes = Buffer.from(text, 'utf8'); // the parser keeps a character split between steps whole
  const parser = parseInSteps(options);
  const records: CsvRecord[] = [];
  parser.on('data', (record: CsvRecord) => records.push(record));
  const finished = new Promise<void>((resolve, reject) => {
    parser.once('end', resolve);
    parser.once('error', reject);
  });
  finished.catch(() => undefined); // awaited below; until then a refusal must not count as unhandled
  for (let at = 0; at < bytes.length && !parser.destroyed; at += PARSE_STEP) {
    parser.write(bytes.subarray(at, at + PARSE_STEP));
    await pause();
  }
  if (!parser.destroyed) parser.end();
  await finished;
  return records;
}

/** Reads a CSV: the first row is the header, every non-empty row after it is data. Other requests are answered between steps. */
export async function readCsv(bytes: Buffer): Promise<RawTable> {
  const pause = timeSlices();
  const text = decode(bytes);
  if (text.includes('\u0000')) throw new UnreadableUpload('encoding', 'The file contains binary data, not CSV text');
  const comment = firstCommentLine(text);
  if (comment !== null) {
    throw new UnreadableUpload(
      'comment_line',
      `Line ${comment} starts with #. Comment lines are not accepted: delete every line that starts with # and upload the header row and data only.`,
      comment,
    );
  }
  let records: CsvRecord[];
  try {
    records = await parseRecords(
      text,
      { bom: true, info: true, skip_empty_lines: true, relax_quotes: false, trim: false, max_record_size: MAX_RECORD },
      pause,
    );
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') throw tooLongRecord(text, error);
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw new UnreadableUpload(
        'csv_format',
        `The CSV is malformed${line ? ` near line ${line}` : ''}: ${error.message.replace(/^Invalid [^:]*: /, '').slice(0, 160)}`,
        line,
      );
    }
    throw error;
  }
  if (records.length === 0) throw new UnreadableUpload('empty_file', 'The file has no header row');
  const [header, ...body] = records;
  const columns = header.record.map((c) => c.trim());
  const headerLine = header.info.lines;
  // Rows are numbered as a spreadsheet shows them: a quoted cell with line breaks is still one row.
  const rows: RawTable['rows'] = [];
  for (let index = 0; index < body.length; index++) {
    if (index % ROWS_PER_STEP === ROWS_PER_STEP - 1) await pause();
    const { record } = body[index];
    const rowNumber = headerLine + index + 1;
    if (!record.some((cell) => cell.trim() !== '')) continue;
    if (record.length !== columns.length) {
      throw new UnreadableUpload(
        'column_count',
        `Row ${rowNumber} has ${record.length} cells but the header has ${columns.length}`,
        rowNumber,
      );
    }
    rows.push({ rowNumber, cells: Object.fromEntries(columns.map((c, i) => [c, record[i]])) });
  }
  return { headerRow: headerLine, columns, rows };
}
