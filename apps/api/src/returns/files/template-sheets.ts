import type ExcelJS from 'exceljs';
import { describeRule, formatHint, labelFor, RETURN_TYPES, type ReturnType } from '@waymark/domain';
import { isOneOf, type TemplateSheet } from '../../common/template-workbook.js';

/** The sheet of an XLSX return that is read. */
export const RETURN_SHEET = 'Return';

/** A code field's allowed values, one column each on the template's hidden Lists sheet. */
export const codeLists = (type: ReturnType) =>
  type.fields
    .filter((f) => f.kind === 'yes_no' || (f.kind === 'code' && f.codes))
    .map((f) => ({ key: f.key, options: f.kind === 'yes_no' ? ['yes', 'no'] : f.codes!.map((c) => c.code) }));

/**
 * The XLSX template's sheets besides "Return": the guide, the checks and the code lists. The
 * template is written from these rows, and an upload may carry them back only exactly as written.
 */
export function templateSheets(type: ReturnType): TemplateSheet[] {
  const labelOf = labelFor(type);
  const lists = codeLists(type);
  const longest = Math.max(0, ...lists.map((l) => l.options.length));
  return [
    {
      name: 'Guide',
      hidden: false,
      widths: [34, 40, 10, 28, 80, 60],
      rows: [
        ['Column', 'What it is', 'Required', 'Section', 'How to fill it in', 'Format'],
        ...type.fields.map((f) => [f.key, f.label, f.required ? 'yes' : 'no', f.group ?? '', f.help, formatHint(f)]),
        [],
        [
          'Choose the quarter when you upload. Never include names, dates of birth, NHS or National Insurance numbers, phone numbers, email addresses or postcodes.',
        ],
      ],
    },
    {
      name: 'Checks',
      hidden: false,
      widths: [36, 120],
      rows: [['Check', 'What must hold'], ...type.rules.map((r) => [r.id, describeRule(r, labelOf)])],
    },
    {
      name: 'Lists',
      hidden: true,
      widths: [],
      rows: [
        lists.map((l) => l.key),
        ...Array.from({ length: longest }, (_, i) => lists.map((l) => l.options[i] ?? '')),
      ],
    },
  ];
}

let ownSheets: TemplateSheet[] | null = null;

/** Whether a sheet is one of the templates' own, unchanged (for any return type). */
export function isTemplateSheet(sheet: ExcelJS.Worksheet): boolean {
  ownSheets ??= RETURN_TYPES.flatMap((t) => templateSheets(t));
  return isOneOf(sheet, ownSheets);
}
