import ExcelJS from 'exceljs';
import { openWorkbook } from '../../common/workbook.js';
import type { RawTable } from '@waymark/domain';
import { UnreadableUpload } from '../../common/unreadable-upload.js';

export const RETURN_SHEET = 'Return';

/**
 * A cell's value as written. Formulas are never evaluated: a formula cell reads as its text
 * ("=SUM(A1:A3)"), which no field accepts.
 */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('formula' in value || 'sharedFormula' in value) return `=${(value as ExcelJS.CellFormulaValue).formula ?? (value as ExcelJS.CellSharedFormulaValue).sharedFormula}`;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return (value as ExcelJS.CellHyperlinkValue).text;
  if ('error' in value) return String(value.error);
  return String(value);
}

/** Reads the "Return" sheet (or the first sheet): row 1 is the header, every non-empty row after it is data. */
export async function readXlsx(bytes: Buffer, maxRows: number): Promise<RawTable> {
  const workbook = await openWorkbook(bytes);
  const sheet = workbook.getWorksheet(RETURN_SHEET) ?? workbook.worksheets[0];
  if (!sheet) throw new UnreadableUpload('empty_file', 'The workbook has no sheets');
  if (sheet.actualRowCount > maxRows + 1) {
    throw new UnreadableUpload('row_count', `The sheet has ${sheet.actualRowCount.toLocaleString('en-GB')} rows; at most ${maxRows.toLocaleString('en-GB')} are accepted`);
  }
  const header = sheet.getRow(1);
  const columns: { index: number; name: string }[] = [];
  header.eachCell({ includeEmpty: false }, (cell, index) => columns.push({ index, name: String(cellValue(cell.value) ?? '').trim() }));
  if (columns.length === 0) throw new UnreadableUpload('empty_file', `Row 1 of sheet "${sheet.name}" should hold the column names`);

  const rows: RawTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Object.fromEntries(columns.map((c) => [c.name, cellValue(row.getCell(c.index).value)]));
    if (Object.values(cells).some((v) => v !== null && String(v).trim() !== '')) rows.push({ rowNumber, cells });
  });
  return { headerRow: 1, columns: columns.map((c) => c.name), rows };
}
