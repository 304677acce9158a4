import ExcelJS from 'exceljs';
import { cellText } from './workbook.js';

/** A sheet of a template besides the one people fill in (a guide, a lookup, the code lists), written from its rows. */
export interface TemplateSheet {
  name: string;
  hidden: boolean;
  widths: number[];
  rows: string[][];
}

/** A column of the sheet people fill in: its header, the note on the header, and what a cell may hold. */
export interface TemplateColumn {
  key: string;
  note: string;
  width: number;
  /** Cells kept as text, so Excel never turns a code or a month into a number or a date. */
  text: boolean;
  validation: ExcelJS.DataValidation | null;
}

/** A spreadsheet column's letters: 1 is A, 27 is AA. */
function columnLetter(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

/** The cells under the header of column `column` (from 1) of `sheet` that hold `length` values: the source of a drop-down. */
export function listRange(sheet: string, column: number, length: number): string {
  const letter = columnLetter(column);
  return `${sheet}!$${letter}$2:$${letter}$${length + 1}`;
}

/**
 * A template workbook: the sheet to fill in (bold headers with notes, frozen header row, validation
 * on the first `validatedRows` rows), then the other sheets as written.
 */
export async function templateWorkbook(
  sheetName: string,
  columns: TemplateColumn[],
  validatedRows: number,
  others: TemplateSheet[],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Waymark';
  book.created = new Date(Date.UTC(2026, 0, 1)); // fixed, so the same template downloads byte-stable
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const other of others) {
    const ws = book.addWorksheet(other.name);
    other.rows.forEach((cells, r) =>
      cells.forEach((value, c) => value !== '' && (ws.getCell(r + 1, c + 1).value = value)),
    );
    other.widths.forEach((width, c) => (ws.getColumn(c + 1).width = width));
    if (other.name !== 'Lists') ws.getRow(1).font = { bold: true };
    if (other.hidden) ws.state = 'hidden';
  }
  columns.forEach((c, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.value = c.key;
    cell.font = { bold: true };
    cell.note = c.note;
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    if (c.text) column.numFmt = '@';
    if (c.validation)
      for (let row = 2; row <= validatedRows + 1; row++)
        sheet.getCell(`${column.letter}${row}`).dataValidation = c.validation;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const trimRow = (row: string[]) => {
  const out = row.map((c) => c.trim());
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
};

/** A sheet's values as rows of text, trailing blanks dropped. */
function rowsOf(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => void (cells[column - 1] = cellText(cell.value)));
    rows[rowNumber - 1] = trimRow(Array.from(cells, (c) => c ?? ''));
  });
  const out = Array.from(rows, (r) => r ?? []);
  while (out.length && out[out.length - 1].length === 0) out.pop();
  return out;
}

/** Whether a sheet is one of these template sheets, unchanged: such a sheet may come back with an upload. */
export function isOneOf(sheet: ExcelJS.Worksheet, candidates: readonly TemplateSheet[]): boolean {
  const named = candidates.filter((c) => c.name === sheet.name);
  if (named.length === 0) return false;
  const actual = JSON.stringify(rowsOf(sheet));
  return named.some((c) => JSON.stringify(c.rows.map(trimRow)) === actual);
}
