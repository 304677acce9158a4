import type ExcelJS from 'exceljs';
import { asText, type RawTable } from '@waymark/domain';
import { checkSheets, hasValues, openWorkbook, shownValue as cellValue } from '../../common/workbook.js';
import { UnreadableUpload, UploadRefused } from '../../common/unreadable-upload.js';
import { isTemplateSheet, RETURN_SHEET } from './template-sheets.js';

export { RETURN_SHEET } from './template-sheets.js';

/** Which sheet of a workbook holds the rows, and which of a template's own sheets may come back beside it. */
export interface WorkbookLayout {
  sheet: string;
  isTemplateSheet: (sheet: ExcelJS.Worksheet) => boolean;
}

const RETURN_LAYOUT: WorkbookLayout = { sheet: RETURN_SHEET, isTemplateSheet };

/**
 * The sheet holding the rows: the one named as the layout says ("Return" for returns), or else the only sheet with anything in
 * it. Which sheet is read never depends on the order of the tabs, and checkSheets refuses it if
 * it is hidden.
 */
function dataSheet(book: ExcelJS.Workbook, layout: WorkbookLayout): ExcelJS.Worksheet {
  const named = book.worksheets.find((s) => s.name.trim().toLowerCase() === layout.sheet.toLowerCase());
  if (named) return named;
  const filled = book.worksheets.filter((s) => hasValues(s) && !layout.isTemplateSheet(s));
  if (filled.length > 1) {
    throw new UnreadableUpload(
      'extra_sheet',
      `The workbook has data on ${filled.length} sheets (${filled
        .slice(0, 5)
        .map((s) => `"${s.name.slice(0, 31)}"`)
        .join(', ')}). Put the rows on one sheet named "${layout.sheet}" and delete the others.`,
    );
  }
  const sheet = filled[0] ?? book.worksheets[0];
  if (!sheet) throw new UnreadableUpload('empty_file', 'The workbook has no sheets');
  return sheet;
}

/** Reads the sheet the layout names: row 1 is the header, every non-empty row after it is data. */
export async function readXlsx(bytes: Buffer, maxRows: number, layout = RETURN_LAYOUT): Promise<RawTable> {
  const book = await openWorkbook(bytes, maxRows);
  const sheet = dataSheet(book, layout);
  const header = new Map<number, string>();
  sheet
    .getRow(1)
    .eachCell(
      { includeEmpty: false },
      (cell, index) => void header.set(index, asText(cellValue(cell.value) ?? '').trim()),
    );
  if (sheet.actualRowCount > maxRows + 1) {
    throw new UnreadableUpload(
      'row_count',
      `The sheet has ${sheet.actualRowCount.toLocaleString('en-GB')} rows; at most ${maxRows.toLocaleString('en-GB')} are accepted`,
    );
  }
  checkSheets(book, {
    data: [sheet],
    mayKeep: layout.isTemplateSheet,
    columnName: (_s, column) => header.get(column) || null,
  });
  const columns = [...header].filter(([, name]) => name !== '').map(([index, name]) => ({ index, name }));
  if (columns.length === 0)
    throw new UnreadableUpload('empty_file', `Row 1 of sheet "${sheet.name}" should hold the column names`);

  const rows: RawTable['rows'] = [];
  const unread: { row: number; address: string }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    // A value in a column with no name would be kept without ever being checked: refuse it.
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (!header.get(column) && cellValue(cell.value) !== null && String(cellValue(cell.value)).trim() !== '')
        unread.push({ row: rowNumber, address: cell.address });
    });
    const cells = Object.fromEntries(columns.map((c) => [c.name, cellValue(row.getCell(c.index).value)]));
    if (Object.values(cells).some((v) => v !== null && asText(v).trim() !== '')) rows.push({ rowNumber, cells });
  });
  if (unread.length) {
    throw new UploadRefused(
      unread.slice(0, 100).map(({ row, address }) => ({
        row,
        column: null,
        rule: 'cell_without_header',
        message: `Cell ${address} on sheet "${sheet.name.slice(0, 31)}" has a value but its column has no name in row 1. Name the column or clear the cell.`,
      })),
    );
  }
  return { headerRow: 1, columns: columns.map((c) => c.name), rows };
}
