import ExcelJS from 'exceljs';
import { asText } from '@waymark/domain';
import { Bool, Float64, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';

export type Row = Record<string, unknown>;

/** Rows as an Arrow IPC stream: numbers become Float64, booleans Bool, everything else text; null stays null. */
export function rowsToArrow(rows: Row[], columns: string[] = Object.keys(rows[0] ?? {})): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const column of columns) {
    const values = rows.map((r) => r[column] ?? null);
    const present = values.filter((v) => v !== null);
    if (present.every((v) => typeof v === 'number'))
      vectors[column] = vectorFromArray(values as (number | null)[], new Float64());
    else if (present.every((v) => typeof v === 'boolean'))
      vectors[column] = vectorFromArray(values as (boolean | null)[], new Bool());
    else
      vectors[column] = vectorFromArray(
        values.map((v) => (v === null ? null : typeof v === 'object' ? JSON.stringify(v) : asText(v))),
        new Utf8(),
      );
  }
  return tableToIPC(new Table(vectors), 'stream');
}

/**
 * A CSV cell that a spreadsheet will show as text: any text that could start a formula gets a
 * leading apostrophe. Numbers are written as numbers (a negative number is not a formula).
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : asText(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, ending in CRLF: for files written a batch at a time. */
export function csvRow(values: unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

export function rowsToCsv(rows: Row[], columns: { key: string; label: string }[]): string {
  return csvRow(columns.map((c) => c.label)) + rows.map((r) => csvRow(columns.map((c) => r[c.key]))).join('');
}

export async function rowsToXlsx(
  rows: Row[],
  columns: { key: string; label: string }[],
  sheetName: string,
  note: string,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({
    header: c.label,
    key: c.key,
    width: Math.max(10, Math.min(40, c.label.length + 2)),
  }));
  sheet.getRow(1).font = { bold: true };
  // Values are written as plain values: text starting with "=" stays text because ExcelJS writes strings as strings.
  for (const r of rows)
    sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, r[c.key] ?? '<suppressed or none>'])));
  book.addWorksheet('About').addRow([note]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
