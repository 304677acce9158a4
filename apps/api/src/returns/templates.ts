import ExcelJS from 'exceljs';
import { describeRule, formatHint, labelFor, MAX_COUNT, type FieldDef, type ReturnType } from '@waymark/domain';
import { RETURN_SHEET } from './files/xlsx-reader.js';

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The CSV template: guidance on lines starting with # (skipped when the file comes back), then
 * the header row. Fill in rows under the header and upload the file as it is.
 */
export function csvTemplate(type: ReturnType): string {
  const labelOf = labelFor(type);
  const lines = [
    `# Waymark ${type.title} template. Lines starting with # are guidance and are ignored on upload.`,
    `# ${type.description}`,
    `# Choose the quarter when you upload. ${type.shape === 'single' ? 'Put your figures in the one row under the header.' : 'Put one episode on each row under the header.'}`,
    '# Never include names, dates of birth, NHS or National Insurance numbers, phone numbers, email addresses or postcodes.',
    '#',
    ...type.fields.map((f) => `# ${f.key}: ${f.label}${f.required ? '' : ' (optional)'}. ${f.help} ${formatHint(f)}.`),
    '#',
    ...type.rules.map((r) => `# Check: ${describeRule(r, labelOf)}`),
    type.fields.map((f) => csvCell(f.key)).join(','),
  ];
  return lines.map((l) => l.replace(/\r?\n/g, ' ')).join('\r\n') + '\r\n';
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
  const guide = book.addWorksheet('Guide');
  const checks = book.addWorksheet('Checks');
  const lists = book.addWorksheet('Lists');

  const dataRows = type.shape === 'single' ? 1 : 1000; // validation lists on the first thousand rows; more rows may follow;
  let listColumn = 0;
  type.fields.forEach((f, i) => {
    const column = i + 1;
    const cell = sheet.getRow(1).getCell(column);
    cell.value = f.key;
    cell.font = { bold: true };
    cell.note = `${f.label}${f.required ? '' : ' (optional)'}\n${f.help}\n${formatHint(f)}`;
    sheet.getColumn(column).width = Math.max(12, Math.min(30, f.key.length + 2));
    if (f.kind === 'code' || f.kind === 'codes') sheet.getColumn(column).numFmt = '@';
    if (f.kind === 'month' || f.kind === 'person_key') sheet.getColumn(column).numFmt = '@'; // keep 2025-04 as text, not a date

    let listRange: string | null = null;
    const options = f.kind === 'yes_no' ? ['yes', 'no'] : f.codes?.map((c) => c.code);
    if (options && (f.kind === 'code' || f.kind === 'yes_no')) {
      listColumn += 1;
      const letter = lists.getColumn(listColumn).letter;
      lists.getCell(1, listColumn).value = f.key;
      options.forEach((o, j) => (lists.getCell(j + 2, listColumn).value = o));
      listRange = `Lists!$${letter}$2:$${letter}$${options.length + 1}`;
    }
    const validation = validationFor(f, listRange);
    if (validation) {
      const letter = sheet.getColumn(column).letter;
      for (let row = 2; row <= dataRows + 1; row++) sheet.getCell(`${letter}${row}`).dataValidation = validation;
    }
  });

  guide.columns = [
    { header: 'Column', key: 'key', width: 34 },
    { header: 'What it is', key: 'label', width: 40 },
    { header: 'Required', key: 'required', width: 10 },
    { header: 'Section', key: 'group', width: 28 },
    { header: 'How to fill it in', key: 'help', width: 80 },
    { header: 'Format', key: 'format', width: 60 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const f of type.fields) guide.addRow({ key: f.key, label: f.label, required: f.required ? 'yes' : 'no', group: f.group, help: f.help, format: formatHint(f) });
  guide.addRow({});
  guide.addRow({ key: 'Choose the quarter when you upload. Never include names, dates of birth, NHS or National Insurance numbers, phone numbers, email addresses or postcodes.' });

  checks.columns = [{ header: 'Check', key: 'id', width: 36 }, { header: 'What must hold', key: 'rule', width: 120 }];
  checks.getRow(1).font = { bold: true };
  const labelOf = labelFor(type);
  for (const r of type.rules) checks.addRow({ id: r.id, rule: describeRule(r, labelOf) });
  lists.state = 'hidden';

  return Buffer.from(await book.xlsx.writeBuffer());
}
