import ExcelJS from 'exceljs';
import { asText, type Problem } from '@waymark/domain';
import { UnreadableUpload, UploadRefused } from './unreadable-upload.js';
import { storedZip, unzipWithin } from './zip-reader.js';

const MAX_PROBLEMS = 100;

/** Parts of a workbook that run code, reach outside the file or embed other files, by name or content type. */
const PACKAGE_RULES: { rule: string; what: string; names: RegExp; types: RegExp }[] = [
  {
    rule: 'macro',
    what: 'macros',
    names: /(^|\/)vbaproject(signature)?\.bin$|^xl\/(macrosheets|dialogsheets)\/|^xl\/vbadata\.xml$/,
    types: /macroenabled|vbaproject|macrosheet|dialogsheet|vbadata/,
  },
  { rule: 'external_link', what: 'links to other workbooks', names: /^xl\/externallinks\//, types: /externallink/ },
  {
    rule: 'external_data',
    what: 'connections to outside data',
    names: /^xl\/connections\.xml$|^xl\/querytables\//,
    types: /connections\+xml|querytable/,
  },
  {
    rule: 'embedded_object',
    what: 'embedded objects or controls',
    names: /^xl\/(embeddings|activex|ctrlprops)\//,
    types: /oleobject|activex|ctrlprops/,
  },
];

const FIX = 'Copy the data into a new workbook, or save it as "Excel Workbook (*.xlsx)", and upload that.';

/** Refusals that come from the parts of the package, before any XML is parsed. */
function packageProblems(parts: Map<string, Buffer>): Problem[] {
  const names = [...parts.keys()].map((n) => n.toLowerCase());
  const types = [
    ...(parts.get('[Content_Types].xml')?.toString('utf8') ?? '').toLowerCase().matchAll(/contenttype="([^"]*)"/g),
  ].map((m) => m[1]);
  const problems: Problem[] = [];
  for (const { rule, what, names: byName, types: byType } of PACKAGE_RULES) {
    const part = names.find((n) => byName.test(n)) ?? types.find((t) => byType.test(t));
    if (part)
      problems.push({
        row: null,
        column: null,
        rule,
        message: `The workbook carries ${what} (${part.slice(0, 80)}), which Waymark does not accept. ${FIX}`,
      });
  }
  // Any other relationship that points outside the file (a linked image, a remote template); cell hyperlinks are plain text to us.
  for (const [name, data] of parts) {
    if (!name.toLowerCase().endsWith('.rels')) continue;
    for (const [relationship] of data.toString('utf8').matchAll(/<Relationship\b[^>]*>/g)) {
      if (/TargetMode\s*=\s*"External"/i.test(relationship) && !/Type\s*=\s*"[^"]*\/hyperlink"/i.test(relationship)) {
        problems.push({
          row: null,
          column: null,
          rule: 'external_link',
          message: `The workbook refers to something outside itself (in ${name.slice(0, 80)}). ${FIX}`,
        });
        return problems;
      }
    }
  }
  return problems;
}

/**
 * Opens an uploaded .xlsx: every part is unpacked under a running byte limit, parts that run code
 * or reach outside the file are refused, and only then does the parser see the workbook (as the
 * parts already checked, stored without compression). Anything unreadable is a 422 naming why.
 */
export async function openWorkbook(bytes: Buffer, maxRows?: number): Promise<ExcelJS.Workbook> {
  const parts = await unzipWithin(bytes);
  const problems = packageProblems(parts);
  if (problems.length) throw new UploadRefused(problems);
  if (maxRows !== undefined) refuseTooManyRows(parts, maxRows);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(storedZip(parts) as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableUpload(
      'unreadable_xlsx',
      'The file is not a readable Excel workbook (.xlsx). Save it again from Excel and upload the .xlsx file.',
    );
  }
  return book;
}

/** Rows a template's own sheets (guide, lists of codes and districts) may hold beside the data. */
const TEMPLATE_ROWS = 2_000;

/**
 * Counts the row elements of every sheet before the workbook is parsed: parsing builds every cell
 * in memory and holds the server for seconds on a few hundred thousand rows, only for the row limit
 * to refuse them afterwards. A byte search over the inflated sheets takes milliseconds.
 */
function refuseTooManyRows(parts: Map<string, Buffer>, maxRows: number): void {
  let rows = 0;
  for (const [name, xml] of parts) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    for (let at = xml.indexOf('<row'); at >= 0; at = xml.indexOf('<row', at + 4))
      if (xml[at + 4] === 0x20 || xml[at + 4] === 0x3e) rows += 1;
  }
  if (rows > maxRows + 1 + TEMPLATE_ROWS) {
    throw new UnreadableUpload(
      'row_count',
      `The workbook has ${rows.toLocaleString('en-GB')} rows; at most ${maxRows.toLocaleString('en-GB')} are accepted`,
    );
  }
}

/**
 * A cell's value as the person sees it: rich text and a link's text as plain text, an error as its
 * code, numbers, dates and text as they are. Formulas never get here: checkSheets refuses them.
 */
export function shownValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : shownValue(value.text);
  if ('error' in value) return String(value.error);
  return asText(value);
}

/** A cell's value as text for comparisons; formulas and other objects never equal plain text. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  return '\u0000'; // a formula, date, hyperlink or error: not plain text
}

/** Whether any cell of the sheet holds a value. */
export function hasValues(sheet: ExcelJS.Worksheet): boolean {
  let found = false;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (!found)
      row.eachCell(
        { includeEmpty: false },
        (cell) => void (found ||= cell.value !== null && cellText(cell.value).trim() !== ''),
      );
  });
  return found;
}

export interface SheetPolicy {
  /** The sheets read as data: each must be visible, with no merged cells and no formulas. */
  data: ExcelJS.Worksheet[];
  /** Another sheet that may stay even though it holds values (for example a template's own guide). */
  mayKeep?: (sheet: ExcelJS.Worksheet) => boolean;
  /** What to call a column of a data sheet in problems (its header); the letter when absent. */
  columnName?: (sheet: ExcelJS.Worksheet, column: number) => string | null;
}

/**
 * The workbook rules every upload shares: nothing is read from a hidden sheet, no data waits
 * unread on another sheet, merged cells never copy one value into several fields, and a formula
 * is refused (naming its cell) rather than read as text or as a result Waymark did not compute.
 */
export function checkSheets(book: ExcelJS.Workbook, policy: SheetPolicy): void {
  const problems: Problem[] = [];
  const add = (problem: Problem) => void (problems.length < MAX_PROBLEMS && problems.push(problem));
  for (const sheet of book.worksheets) {
    const label = `"${sheet.name.slice(0, 31)}"`;
    if (!policy.data.includes(sheet)) {
      if (policy.mayKeep?.(sheet) || !hasValues(sheet)) continue;
      const hidden = sheet.state !== 'visible';
      add({
        row: null,
        column: null,
        rule: hidden ? 'hidden_sheet' : 'extra_sheet',
        message: `The ${hidden ? 'hidden ' : ''}sheet ${label} holds data that Waymark would not read. Delete that sheet, or move what it holds to the sheet that is read.`,
      });
      continue;
    }
    if (sheet.state !== 'visible')
      add({
        row: null,
        column: null,
        rule: 'hidden_sheet',
        message: `The sheet ${label} is hidden. Show it (right-click a sheet tab, Unhide) and check what it holds before uploading.`,
      });
    const merges = Object.values(
      (sheet as unknown as { _merges: Record<string, { range: string; top: number; left: number }> })._merges ?? {},
    );
    for (const merge of merges) {
      add({
        row: merge.top,
        column: policy.columnName?.(sheet, merge.left) ?? null,
        rule: 'merged_cells',
        message: `Cells ${merge.range} on sheet ${label} are merged. Unmerge them and give each cell its own value.`,
      });
    }
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        add({
          row: rowNumber,
          column: policy.columnName?.(sheet, column) ?? null,
          rule: 'formula',
          message: `Cell ${cell.address} on sheet ${label} holds a formula. Type the value itself (copy the cells, then Paste Special › Values).`,
        });
      });
    });
  }
  if (problems.length) throw new UploadRefused(problems);
}

/**
 * A sheet of our own export that may come back with an upload: named `name`, labels from
 * `labels` down column A and a value beside each, no formulas. What it says is never read.
 */
export function labelledSheet(name: string, labels: readonly string[]): (sheet: ExcelJS.Worksheet) => boolean {
  return (sheet) => {
    if (sheet.name !== name) return false;
    let fits = true;
    sheet.eachRow({ includeEmpty: false }, (row) => {
      fits &&= labels.includes(cellText(row.getCell(1).value)) && row.cellCount <= 2;
      row.eachCell({ includeEmpty: false }, (cell) => void (fits &&= cell.type !== ExcelJS.ValueType.Formula));
    });
    return fits;
  };
}
