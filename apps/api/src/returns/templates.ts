import ExcelJS from 'exceljs';
import { formatHint, MAX_COUNT, type FieldDef, type ReturnType } from '@waymark/domain';
import { codeLists, RETURN_SHEET, templateSheets } from './files/template-sheets.js';

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The CSV template: the header row only. Fill in rows under it and upload the file as it is.
 * Guidance lives in the XLSX template and the data dictionary: a CSV upload may not carry
 * comment lines, since nothing unread is accepted.
 */
export function csvTemplate(type: ReturnType): string {
  return type.fields.map((f) => csvCell(f.key)).join(',') + '\r\n';
}

/** A spreadsheet column's letters: 1 is A, 27 is AA. */
function columnLetter(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

function validationFor(f: FieldDef, listRange: string | null): ExcelJS.DataValidation | null {
  switch (f.kind) {
    case 'count':
      return { type: 'whole', operator: 'between', allowBlank: !f.required, formulae: [0, MAX_COUNT], showErrorMessage: true, errorTitle: f.label, error: `${f.label}: a whole number from 0 to ${MAX_COUNT}` };
    case 'share':
      return { type: 'decimal', operator: 'between', allowBlank: !f.required, formulae: [0, MAX_COUNT], showErrorMessage: true, errorTitle: f.label, error: `${f.label}: a number, 0 or more` };
    case 'code':
    case 'yes_no':
      return { type: 'list', allowBlank: !f.required, formulae: [listRange!], showErrorMessage: true, errorTitle: f.label, error: `Choose ${f.label.toLowerCase()} from the list` };
    case 'month':
      return { type: 'textLength', operator: 'equal', allowBlank: false, formulae: [7], showErrorMessage: true, errorTitle: f.label, error: 'Year and month, like 2025-04' };
    case 'person_key':
      return { type: 'textLength', operator: 'equal', allowBlank: false, formulae: [64], showErrorMessage: true, errorTitle: f.label, error: 'A 64-character keyed hash' };
    case 'codes':
      return null; // several codes in one cell cannot be a list validation; the Guide sheet lists them
  }
}

/** The XLSX template: a "Return" sheet with headers, notes and validation lists, a Guide, the Checks and the code Lists. */
export async function xlsxTemplate(type: ReturnType): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Waymark';
  book.created = new Date(Date.UTC(2026, 0, 1)); // fixed, so the same template downloads byte-stable
  const sheet = book.addWorksheet(RETURN_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  // The other sheets are written from the same rows an upload is compared with (template-sheets.ts).
  for (const other of templateSheets(type)) {
    const ws = book.addWorksheet(other.name);
    other.rows.forEach((cells, r) => cells.forEach((value, c) => value !== '' && (ws.getCell(r + 1, c + 1).value = value)));
    other.widths.forEach((width, c) => (ws.getColumn(c + 1).width = width));
    if (other.name !== 'Lists') ws.getRow(1).font = { bold: true };
    if (other.hidden) ws.state = 'hidden';
  }
  const lists = codeLists(type);

  const dataRows = type.shape === 'single' ? 1 : 1000; // validation lists on the first thousand rows; more rows may follow;
  type.fields.forEach((f, i) => {
    const column = i + 1;
    const cell = sheet.getRow(1).getCell(column);
    cell.value = f.key;
    cell.font = { bold: true };
    cell.note = `${f.label}${f.required ? '' : ' (optional)'}\n${f.help}\n${formatHint(f)}`;
    sheet.getColumn(column).width = Math.max(12, Math.min(30, f.key.length + 2));
    if (f.kind === 'code' || f.kind === 'codes') sheet.getColumn(column).numFmt = '@';
    if (f.kind === 'month' || f.kind === 'person_key') sheet.getColumn(column).numFmt = '@'; // keep 2025-04 as text, not a date

    const list = lists.findIndex((l) => l.key === f.key);
    const listLetter = list >= 0 ? columnLetter(list + 1) : null;
    const listRange = listLetter ? `Lists!$${listLetter}$2:$${listLetter}$${lists[list].options.length + 1}` : null;
    const validation = validationFor(f, listRange);
    if (validation) {
      const letter = sheet.getColumn(column).letter;
      for (let row = 2; row <= dataRows + 1; row++) sheet.getCell(`${letter}${row}`).dataValidation = validation;
    }
  });

  return Buffer.from(await book.xlsx.writeBuffer());
}
