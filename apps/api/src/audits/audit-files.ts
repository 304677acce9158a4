import ExcelJS from 'exceljs';
import { checkSheets, labelledSheet, openWorkbook, shownValue } from '../common/workbook.js';
import { asText, labelOf, STANDARD_RATINGS } from '@waymark/domain';
import { UnreadableUpload } from '../common/unreadable-upload.js';
import type { AuditItem, AuditView } from './audits.repository.js';

const COLUMNS = [
  'code',
  'theme',
  'statement',
  'evidence_needed',
  'rating',
  'evidence_ref',
  'action',
  'target_date',
  'moderated_rating',
  'moderation_reason',
];

/** An audit and its action plan as a workbook; the "Audit" sheet can be filled in and uploaded back. */
export async function auditToXlsx(audit: AuditView, items: AuditItem[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Audit', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((key) => ({
    header: key,
    key,
    width: key === 'statement' ? 80 : key === 'action' ? 50 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const item of items) {
    sheet.addRow({
      code: item.code,
      theme: item.themeTitle,
      statement: item.statement,
      evidence_needed: item.evidence,
      rating: item.selfRating ? labelOf(STANDARD_RATINGS, item.selfRating) : '',
      evidence_ref: item.evidenceRef ?? '',
      action: item.action ?? '',
      target_date: item.targetDate ?? '',
      moderated_rating: item.moderatedRating ? labelOf(STANDARD_RATINGS, item.moderatedRating) : '',
      moderation_reason: item.moderationReason ?? '',
    });
  }
  const list = `"${STANDARD_RATINGS.map((r) => r.label).join(',')}"`;
  for (let row = 2; row <= items.length + 1; row++) {
    sheet.getCell(`E${row}`).dataValidation = { type: 'list', allowBlank: true, formulae: [list] };
    sheet.getCell(`H${row}`).numFmt = '@';
  }
  const about = book.addWorksheet('About');
  about.addRows([
    ['Owner', audit.ownerName],
    ['Period', audit.period],
    ['Status', audit.status],
    ['Version', audit.version ?? 'draft'],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The ratings in an "Audit" sheet, with their spreadsheet rows, ready for readRatings. */
export async function ratingsFromXlsx(bytes: Buffer): Promise<Record<string, unknown>[]> {
  const book = await openWorkbook(bytes);
  const sheet = book.getWorksheet('Audit');
  if (!sheet)
    throw new UnreadableUpload('missing_sheet', 'The workbook needs the "Audit" sheet from the exported audit');
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => asText(v ?? '').trim());
  // The same rules as return workbooks: no hidden or extra data, no merged cells, no formulas; the export's About sheet may stay.
  checkSheets(book, {
    data: [sheet],
    mayKeep: labelledSheet('About', ['Owner', 'Period', 'Status', 'Version']),
    columnName: (_s, column) => header[column - 1] || null,
  });
  const out: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    const record: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const v = values[i];
      // Rich text and links as the text they show, so the identifier checks read what the person wrote.
      record[h] = v instanceof Date ? v.toISOString().slice(0, 10) : shownValue(v);
    });
    out.push(record);
  });
  return out;
}
