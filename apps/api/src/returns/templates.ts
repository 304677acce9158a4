import type ExcelJS from 'exceljs';
import { formatHint, MAX_COUNT, type FieldDef, type ReturnType } from '@waymark/domain';
import { listRange, templateWorkbook } from '../common/template-workbook.js';
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

/** What Excel itself checks in a cell of the field; `listRange` holds a code field's allowed values. */
export function validationFor(f: FieldDef, listRange: string | null): ExcelJS.DataValidation | null {
  switch (f.kind) {
    case 'count':
      return {
        type: 'whole',
        operator: 'between',
        allowBlank: !f.required,
        formulae: [0, MAX_COUNT],
        showErrorMessage: true,
        errorTitle: f.label,
        error: `${f.label}: a whole number from 0 to ${MAX_COUNT}`,
      };
    case 'share':
      return {
        type: 'decimal',
        operator: 'between',
        allowBlank: !f.required,
        formulae: [0, MAX_COUNT],
        showErrorMessage: true,
        errorTitle: f.label,
        error: `${f.label}: a number, 0 or more`,
      };
    case 'code':
    case 'yes_no':
      return {
        type: 'list',
        allowBlank: !f.required,
        formulae: [listRange!],
        showErrorMessage: true,
        errorTitle: f.label,
        error: `Choose ${f.label.toLowerCase()} from the list`,
      };
    case 'month':
      return {
        type: 'textLength',
        operator: 'equal',
        allowBlank: false,
        formulae: [7],
        showErrorMessage: true,
        errorTitle: f.label,
        error: 'Year and month, like 2025-04',
      };
    case 'person_key':
      return {
        type: 'textLength',
        operator: 'equal',
        allowBlank: false,
        formulae: [64],
        showErrorMessage: true,
        errorTitle: f.label,
        error: 'A 64-character keyed hash',
      };
    case 'codes':
      return null; // several codes in one cell cannot be a list validation; the Guide sheet lists them
  }
}

/** The XLSX template: a "Return" sheet with headers, notes and validation lists, a Guide, the Checks and the code Lists. */
export function xlsxTemplate(type: ReturnType): Promise<Buffer> {
  const lists = codeLists(type);
  const columns = type.fields.map((f) => {
    const list = lists.findIndex((l) => l.key === f.key);
    return {
      key: f.key,
      note: `${f.label}${f.required ? '' : ' (optional)'}\n${f.help}\n${formatHint(f)}`,
      width: Math.max(12, Math.min(30, f.key.length + 2)),
      text: ['code', 'codes', 'month', 'person_key'].includes(f.kind), // keep codes and 2025-04 as text, not numbers or dates
      validation: validationFor(f, list >= 0 ? listRange('Lists', list + 1, lists[list].options.length) : null),
    };
  });
  // Validation lists on the first thousand rows; more rows may follow.
  return templateWorkbook(RETURN_SHEET, columns, type.shape === 'single' ? 1 : 1000, templateSheets(type));
}
