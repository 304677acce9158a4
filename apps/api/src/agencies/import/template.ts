import type ExcelJS from 'exceljs';
import {
  listRange,
  templateWorkbook,
  type TemplateColumn,
  type TemplateSheet,
} from '../../common/template-workbook.js';
import { validationFor } from '../../returns/templates.js';
import {
  AGENCIES_SHEET,
  DISTRICT_COLUMN,
  IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  NAME_COLUMN,
  NAME_LENGTH,
  type ImportColumn,
} from './columns.js';

export interface District {
  code: string;
  name: string;
}

/** The CSV template: the header row only, as for returns (a CSV upload carries nothing unread). */
export function importCsvTemplate(): string {
  return IMPORT_COLUMNS.map((c) => c.key).join(',') + '\r\n';
}

const CODED = IMPORT_COLUMNS.filter((c) => c.field?.kind === 'code');

/** The template's sheets besides "Agencies"; an upload may carry them back only exactly as written. */
export function importTemplateSheets(districts: readonly District[]): TemplateSheet[] {
  const coded = IMPORT_COLUMNS.filter((c) => c.field);
  const longest = Math.max(...CODED.map((c) => c.field!.codes!.length));
  return [
    {
      name: 'Guide',
      hidden: false,
      widths: [28, 36, 10, 70, 50],
      rows: [
        ['Column', 'What it is', 'Required', 'How to fill it in', 'Format'],
        ...IMPORT_COLUMNS.map((c) => [c.key, c.label, c.required ? 'yes' : 'no', c.help, c.hint]),
        [],
        ['Code', 'Meaning', 'Column'],
        ...coded.flatMap((c) => c.field!.codes!.map((code) => [code.code, code.label, c.key])),
        [],
        [
          'Every row is checked before anything is stored: if any row has a problem, no agency is added and every problem is listed.',
        ],
      ],
    },
    {
      name: 'Districts',
      hidden: false,
      widths: [14, 40],
      rows: [[DISTRICT_COLUMN.key, 'District'], ...districts.map((d) => [d.code, d.name])],
    },
    {
      name: 'Lists',
      hidden: true,
      widths: [],
      rows: [
        CODED.map((c) => c.key),
        ...Array.from({ length: longest }, (_, i) => CODED.map((c) => c.field!.codes![i]?.code ?? '')),
      ],
    },
  ];
}

function validation(column: ImportColumn, districts: number): ExcelJS.DataValidation | null {
  if (column === NAME_COLUMN) {
    return {
      type: 'textLength',
      operator: 'between',
      allowBlank: false,
      formulae: [NAME_LENGTH.min, NAME_LENGTH.max],
      showErrorMessage: true,
      errorTitle: column.label,
      error: column.hint,
    };
  }
  if (column === DISTRICT_COLUMN)
    return {
      type: 'list',
      allowBlank: false,
      formulae: [listRange('Districts', 1, districts)],
      showErrorMessage: true,
      errorTitle: column.label,
      error: 'Choose a district code from the Districts sheet',
    };
  const list = CODED.indexOf(column);
  return validationFor(column.field!, list >= 0 ? listRange('Lists', list + 1, column.field!.codes!.length) : null);
}

/** The XLSX template: an "Agencies" sheet with notes and drop-down lists, a Guide, the Districts and the code Lists. */
export function importXlsxTemplate(districts: readonly District[]): Promise<Buffer> {
  const columns: TemplateColumn[] = IMPORT_COLUMNS.map((c) => ({
    key: c.key,
    note: `${c.label}${c.required ? '' : ' (optional)'}\n${c.help}\n${c.hint}`,
    width: c === NAME_COLUMN ? 40 : 24,
    text: c !== NAME_COLUMN,
    validation: validation(c, districts.length),
  }));
  return templateWorkbook(AGENCIES_SHEET, columns, MAX_IMPORT_ROWS, importTemplateSheets(districts));
}
