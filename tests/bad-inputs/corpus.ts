import ExcelJS from 'exceljs';
import { AGENCY_QUARTER, CASE_LEVEL, MARAC_QUARTER } from '@waymark/domain';
import { AGENCY_FIGURES, caseRows, MARAC_FIGURES, toCsv } from '../support/returns-fixtures.js';
import * as hostile from './hostile-files.js';
import { zipOf } from './zip.js';

export type Sender = 'submitter' | 'marac';

/** One hostile or broken upload and the answer it must get. */
export interface BadInput {
  id: string;
  type: 'agency-quarter' | 'marac-quarter' | 'case-level';
  period?: string;
  file: () => Promise<{ name: string; bytes: Buffer }> | { name: string; bytes: Buffer };
  status: 413 | 415 | 422;
  /** The rule the answer must name (the `rule` of a problem, or the field of a form error). */
  rule: string;
  column?: string;
  row?: number;
}

const AGENCY_KEYS = AGENCY_QUARTER.fields.map((f) => f.key);
const MARAC_KEYS = MARAC_QUARTER.fields.map((f) => f.key);
const CASE_KEYS = CASE_LEVEL.fields.map((f) => f.key);
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const agencyCsv = (values: Record<string, unknown> = AGENCY_FIGURES, keys = AGENCY_KEYS) => toCsv(keys, [values]);
const csv = (name: string, text: string | Buffer) => () => ({
  name,
  bytes: typeof text === 'string' ? utf8(text) : text,
});
const json = (value: unknown) => csv('return.json', JSON.stringify(value));
/** The agency CSV with one cell replaced by raw text (written as is, so quotes and newlines stay hostile). */
const withCell = (key: string, raw: string) =>
  agencyCsv().replace(
    `\r\n${AGENCY_KEYS.map((k) => String(AGENCY_FIGURES[k])).join(',')}`,
    `\r\n${AGENCY_KEYS.map((k) => (k === key ? raw : String(AGENCY_FIGURES[k]))).join(',')}`,
  );

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('Return'));
  return Buffer.from(await book.xlsx.writeBuffer());
}
const agencyWorkbook = () =>
  workbook((s) => {
    s.addRow(AGENCY_KEYS);
    s.addRow(AGENCY_KEYS.map((k) => AGENCY_FIGURES[k]));
  });

/** A workbook whose one sheet inflates from about 100 KB to 120 MB. */
function zipBomb(): Buffer {
  const types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
  return zipOf([
    { name: '[Content_Types].xml', data: utf8(types) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(120 * 1024 * 1024, 0x20) },
  ]);
}

export const BAD_INPUTS: BadInput[] = [
  // Files that cannot be read at all
  { id: 'empty file', type: 'agency-quarter', file: csv('return.csv', ''), status: 422, rule: 'empty_file' },
  {
    id: 'only a byte-order mark',
    type: 'agency-quarter',
    file: csv('return.csv', '\uFEFF'),
    status: 422,
    rule: 'empty_file',
  },
  {
    id: 'header row only',
    type: 'agency-quarter',
    file: csv('return.csv', `${AGENCY_KEYS.join(',')}\r\n`),
    status: 422,
    rule: 'one_row',
  },
  {
    id: 'Windows-1252 text that is not UTF-8',
    type: 'agency-quarter',
    file: csv(
      'return.csv',
      Buffer.concat([utf8(agencyCsv().trimEnd()), Buffer.from([0x2c, 0x63, 0x61, 0x66, 0xe9, 0x0d, 0x0a])]),
    ),
    status: 422,
    rule: 'encoding',
  },
  {
    id: 'binary bytes named .csv',
    type: 'agency-quarter',
    file: csv('return.csv', Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x13, 0x37, 0x00, 0x00, 0xc3, 0x28])),
    status: 422,
    rule: 'encoding',
  },
  {
    id: 'unclosed quote',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('caseload', '"120')),
    status: 422,
    rule: 'csv_format',
  },
  {
    id: 'semicolon-separated file',
    type: 'agency-quarter',
    file: csv('return.csv', agencyCsv().replace(/,/g, ';')),
    status: 422,
    rule: 'missing_column',
    column: 'caseload',
  },
  {
    id: 'old Excel .xls',
    type: 'agency-quarter',
    file: csv('return.xls', Buffer.from('d0cf11e0a1b11ae1', 'hex')),
    status: 415,
    rule: 'file_format',
  },
  {
    id: 'Word document',
    type: 'agency-quarter',
    file: csv('return.docx', 'not a return'),
    status: 415,
    rule: 'file_format',
  },
  {
    id: 'CSV text named .xlsx',
    type: 'agency-quarter',
    file: csv('return.xlsx', agencyCsv()),
    status: 422,
    rule: 'file_format',
  },
  {
    id: 'truncated XLSX',
    type: 'agency-quarter',
    file: async () => {
      const b = await agencyWorkbook();
      return { name: 'return.xlsx', bytes: b.subarray(0, Math.floor(b.length / 2)) };
    },
    status: 422,
    rule: 'unreadable_xlsx',
  },
  {
    id: 'zip-bomb XLSX',
    type: 'agency-quarter',
    file: () => ({ name: 'return.xlsx', bytes: zipBomb() }),
    status: 413,
    rule: 'zip_bomb',
  },
  {
    id: 'XLSX without the expected content',
    type: 'agency-quarter',
    file: () => ({ name: 'return.xlsx', bytes: zipOf([{ name: 'hello.txt', data: utf8('hello') }]) }),
    status: 422,
    rule: 'empty_file',
  },
  {
    id: 'truncated Parquet',
    type: 'case-level',
    file: csv('episodes.parquet', Buffer.concat([utf8('PAR1'), Buffer.alloc(64, 7)])),
    status: 422,
    rule: 'unreadable_parquet',
  },
  {
    id: 'corrupt Arrow IPC',
    type: 'case-level',
    file: csv('episodes.arrow', Buffer.concat([utf8('ARROW1\0\0'), Buffer.alloc(64, 9)])),
    status: 422,
    rule: 'unreadable_arrow',
  },
  {
    id: 'file over the size limit',
    type: 'case-level',
    file: () => ({ name: 'episodes.csv', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 0x41) }),
    status: 413,
    rule: 'too_large',
  },
  {
    id: 'JSON syntax error',
    type: 'agency-quarter',
    file: csv('return.json', '{"values": {"caseload": 120,'),
    status: 422,
    rule: 'json_syntax',
  },
  {
    id: 'JSON list instead of a return',
    type: 'agency-quarter',
    file: json([AGENCY_FIGURES]),
    status: 422,
    rule: 'json_shape',
  },

  // Columns
  {
    id: 'missing column',
    type: 'agency-quarter',
    file: csv(
      'return.csv',
      agencyCsv(
        AGENCY_FIGURES,
        AGENCY_KEYS.filter((k) => k !== 'asked'),
      ),
    ),
    status: 422,
    rule: 'missing_column',
    column: 'asked',
  },
  {
    id: 'duplicate header',
    type: 'agency-quarter',
    file: csv('return.csv', agencyCsv().replace('new_presentations', 'caseload')),
    status: 422,
    rule: 'duplicate_column',
    column: 'caseload',
  },
  {
    id: 'unexpected extra column',
    type: 'agency-quarter',
    file: csv(
      'return.csv',
      agencyCsv({ ...AGENCY_FIGURES, favourite_colour: 3 }, [...AGENCY_KEYS, 'favourite_colour']),
    ),
    status: 422,
    rule: 'unknown_column',
    column: 'favourite_colour',
  },
  {
    id: 'identifier column (NHS number)',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        [...CASE_KEYS, 'nhs_number'],
        caseRows(2).map((r) => ({ ...r, nhs_number: '' })),
      ),
    ),
    status: 422,
    rule: 'identifier',
    column: 'nhs_number',
  },
  {
    id: 'identifier column (date of birth)',
    type: 'case-level',
    file: csv('episodes.csv', toCsv([...CASE_KEYS, 'dob'], caseRows(2))),
    status: 422,
    rule: 'identifier',
    column: 'dob',
  },
  {
    id: 'free-text notes column',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        [...CASE_KEYS, 'notes'],
        caseRows(2).map((r) => ({ ...r, notes: 'seen at home' })),
      ),
    ),
    status: 422,
    rule: 'unknown_column',
    column: 'notes',
  },

  // Cells
  {
    id: 'negative count',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('caseload', '-5')),
    status: 422,
    rule: 'not_negative',
    column: 'caseload',
    row: 2,
  },
  {
    id: 'huge number',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', '99999999999999999999999')),
    status: 422,
    rule: 'too_large',
    column: 'staff',
    row: 2,
  },
  {
    id: 'number beyond floating point',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', '1e309')),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
    row: 2,
  },
  {
    id: 'fraction in a count',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', '3.5')),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
    row: 2,
  },
  {
    id: 'words in a count',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', 'ten')),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
    row: 2,
  },
  {
    id: 'formula injection (=)',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', '=1+9')),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
    row: 2,
  },
  {
    id: 'formula injection (DDE)',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', `"+cmd|' /C calc'!A0"`)),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
    row: 2,
  },
  {
    id: 'formula injection (@)',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', '@SUM(A1:A9)')),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
    row: 2,
  },
  {
    id: 'formula cell in XLSX',
    type: 'agency-quarter',
    file: async () => ({
      name: 'return.xlsx',
      bytes: await workbook((s) => {
        s.addRow(AGENCY_KEYS);
        s.addRow(AGENCY_KEYS.map((k) => (k === 'staff' ? { formula: '5+5', result: 10 } : AGENCY_FIGURES[k])));
      }),
    }),
    status: 422,
    rule: 'formula',
    column: 'staff',
    row: 2,
  },
  {
    id: 'embedded newline in a quoted cell',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', '"1\r\n0"')),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
    row: 2,
  },
  {
    id: 'email address in a count',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', 'someone@example.org')),
    status: 422,
    rule: 'identifier',
    column: 'staff',
    row: 2,
  },
  {
    id: 'phone number in a count',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', '07700 900123')),
    status: 422,
    rule: 'identifier',
    column: 'staff',
    row: 2,
  },
  // Identifiers however they are written, and cells longer than their field allows (issue 12)
  ...(
    [
      ['NHS number written 3-4-3', '943 4765 919'],
      ['dotted NHS number', '943.476.5919'],
      ['NHS number in full-width digits', '９４３４７６５９１９'],
      ['postcode without a space', 'TS247AB'],
      ['NI number with dashes', 'QQ-12-34-56-C'],
      ['phone number in brackets', '(01632) 960 123'],
      ['phone number as +44 (0)', '+44 (0)7700 900123'],
      ['date of birth written out', '17th March 1984'],
      ['name with a date of birth', 'Jane Smith 17/03/1984'],
      ['email address with a full-width at sign', 'someone＠example.org'],
    ] as const
  ).map(([what, cell]): BadInput => ({
    id: `${what} in a count`,
    type: 'agency-quarter',
    file: csv('return.csv', withCell('staff', cell)),
    status: 422,
    rule: 'identifier',
    column: 'staff',
    row: 2,
  })),
  {
    id: 'dotted NHS number as a person key',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        CASE_KEYS,
        caseRows(2).map((r, i) => (i === 1 ? { ...r, person_key: '943.476.5919' } : r)),
      ),
    ),
    status: 422,
    rule: 'identifier',
    column: 'person_key',
    row: 3,
  },
  {
    id: 'name inside a JSON list of codes',
    type: 'case-level',
    file: json({ rows: caseRows(2).map((r, i) => (i === 0 ? { ...r, abuse_types: ['physical', 'Jane Smith'] } : r)) }),
    status: 422,
    rule: 'identifier',
    column: 'abuse_types',
    row: 1,
  },
  {
    id: 'a mebibyte of 9s in a count (CSV)',
    type: 'agency-quarter',
    file: csv('return.csv', withCell('caseload', '9'.repeat(1 << 20))),
    status: 422,
    rule: 'too_long',
    column: 'caseload',
    row: 2,
  },
  {
    id: 'a mebibyte of "a@" in a count (JSON)',
    type: 'agency-quarter',
    file: json({ values: { ...AGENCY_FIGURES, staff: 'a@'.repeat(1 << 19) } }),
    status: 422,
    rule: 'too_long',
    column: 'staff',
  },
  {
    id: 'code cell longer than any code',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        CASE_KEYS,
        caseRows(2).map((r, i) => (i === 0 ? { ...r, gender: 'female'.repeat(10) } : r)),
      ),
    ),
    status: 422,
    rule: 'too_long',
    column: 'gender',
    row: 2,
  },
  {
    id: 'month cell longer than 7 characters',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        CASE_KEYS,
        caseRows(2).map((r, i) => (i === 1 ? { ...r, referral_month: '2025-004' } : r)),
      ),
    ),
    status: 422,
    rule: 'too_long',
    column: 'referral_month',
    row: 3,
  },
  {
    id: 'person key longer than 64 characters',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        CASE_KEYS,
        caseRows(2).map((r, i) => (i === 0 ? { ...r, person_key: 'a'.repeat(65) } : r)),
      ),
    ),
    status: 422,
    rule: 'too_long',
    column: 'person_key',
    row: 2,
  },
  {
    id: 'code list longer than all its codes',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        CASE_KEYS,
        caseRows(2).map((r, i) => (i === 0 ? { ...r, abuse_types: 'physical;'.repeat(100) } : r)),
      ),
    ),
    status: 422,
    rule: 'too_long',
    column: 'abuse_types',
    row: 2,
  },
  {
    id: 'second data row in a one-row return',
    type: 'agency-quarter',
    file: csv('return.csv', toCsv(AGENCY_KEYS, [AGENCY_FIGURES, AGENCY_FIGURES])),
    status: 422,
    rule: 'one_row',
  },
  {
    id: 'disclosures exceed people asked',
    type: 'agency-quarter',
    file: csv(
      'return.csv',
      agencyCsv({ ...AGENCY_FIGURES, disclosed: 101, disclosed_at_assessment: 89, disclosed_current: 91 }),
    ),
    status: 422,
    rule: 'disclosed_within_asked',
    column: 'disclosed',
  },
  {
    id: 'parts do not add up',
    type: 'agency-quarter',
    file: csv('return.csv', agencyCsv({ ...AGENCY_FIGURES, disclosed_later: 13 })),
    status: 422,
    rule: 'timing_adds_up',
  },

  // Periods
  {
    id: 'period in the wrong format',
    type: 'agency-quarter',
    period: '2025 Q1',
    file: csv('return.csv', agencyCsv()),
    status: 422,
    rule: 'period_format',
  },
  {
    id: 'quarter 5',
    type: 'agency-quarter',
    period: '2025-26 Q5',
    file: csv('return.csv', agencyCsv()),
    status: 422,
    rule: 'period_format',
  },
  {
    id: 'period in the future',
    type: 'agency-quarter',
    period: '2035-36 Q1',
    file: csv('return.csv', agencyCsv()),
    status: 422,
    rule: 'period_in_future',
  },
  {
    id: 'period in year 0000',
    type: 'agency-quarter',
    period: '0000-01 Q1',
    file: csv('return.csv', agencyCsv()),
    status: 422,
    rule: 'period_format',
    column: 'period',
  },
  {
    id: 'period in year 0999',
    type: 'marac-quarter',
    period: '0999-00 Q4',
    file: csv('marac.csv', toCsv(MARAC_KEYS, [MARAC_FIGURES])),
    status: 422,
    rule: 'period_format',
    column: 'period',
  },
  {
    id: 'period before 2000',
    type: 'case-level',
    period: '1999-00 Q4',
    file: csv('episodes.csv', toCsv(CASE_KEYS, caseRows(2))),
    status: 422,
    rule: 'period_format',
    column: 'period',
  },
  {
    id: 'period in full-width digits',
    type: 'agency-quarter',
    period: '２０２５-26 Q1',
    file: csv('return.csv', agencyCsv()),
    status: 422,
    rule: 'period_format',
    column: 'period',
  },
  {
    id: 'episode month outside the quarter',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        CASE_KEYS,
        caseRows(3).map((r, i) => (i === 1 ? { ...r, referral_month: '2024-01' } : r)),
      ),
    ),
    status: 422,
    rule: 'month_in_period',
    column: 'referral_month',
    row: 3,
  },
  {
    id: 'full date instead of a month',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        CASE_KEYS,
        caseRows(3).map((r, i) => (i === 2 ? { ...r, referral_month: '2025-05-14' } : r)),
      ),
    ),
    status: 422,
    rule: 'identifier',
    column: 'referral_month',
    row: 4,
  },
  {
    id: 'person key that is an NI number',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        CASE_KEYS,
        caseRows(2).map((r, i) => (i === 0 ? { ...r, person_key: 'QQ123456C' } : r)),
      ),
    ),
    status: 422,
    rule: 'identifier',
    column: 'person_key',
    row: 2,
  },
  {
    id: 'person key that is not a keyed hash',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        CASE_KEYS,
        caseRows(2).map((r, i) => (i === 1 ? { ...r, person_key: 'client-0042' } : r)),
      ),
    ),
    status: 422,
    rule: 'keyed_hash',
    column: 'person_key',
    row: 3,
  },
  {
    id: 'code not in the list',
    type: 'case-level',
    file: csv(
      'episodes.csv',
      toCsv(
        CASE_KEYS,
        caseRows(2).map((r, i) => (i === 0 ? { ...r, gender: 'unknown-ish' } : r)),
      ),
    ),
    status: 422,
    rule: 'allowed_values',
    column: 'gender',
    row: 2,
  },

  // JSON
  {
    id: 'JSON with an extra field',
    type: 'agency-quarter',
    file: json({ values: { ...AGENCY_FIGURES, favourite_colour: 3 } }),
    status: 422,
    rule: 'unknown_column',
    column: 'favourite_colour',
  },
  {
    id: 'JSON with text for a count',
    type: 'agency-quarter',
    file: json({ values: { ...AGENCY_FIGURES, staff: 'lots' } }),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
  },
  {
    id: 'JSON with true for a count',
    type: 'agency-quarter',
    file: json({ values: { ...AGENCY_FIGURES, staff: true } }),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
  },
  {
    id: 'JSON with an object for a count',
    type: 'agency-quarter',
    file: json({ values: { ...AGENCY_FIGURES, staff: { $gt: 0 } } }),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
  },
  {
    // String() throws on such an object: the cell must be refused by its rule, never answered with a 500.
    id: 'JSON object whose toString is not a function',
    type: 'agency-quarter',
    file: json({ values: { ...AGENCY_FIGURES, staff: { toString: 1 } } }),
    status: 422,
    rule: 'whole_number',
    column: 'staff',
  },
  {
    id: 'JSON with a prototype-pollution key',
    type: 'agency-quarter',
    file: csv(
      'return.json',
      `{"values": ${JSON.stringify(AGENCY_FIGURES).replace('{', '{"__proto__": {"admin": true},')}}`,
    ),
    status: 422,
    rule: 'unknown_column',
    column: '__proto__',
  },

  // Marac returns
  {
    id: 'Marac repeats exceed cases',
    type: 'marac-quarter',
    file: csv('marac.csv', toCsv(MARAC_KEYS, [{ ...MARAC_FIGURES, repeat_cases: 61 }])),
    status: 422,
    rule: 'repeats_within_cases',
    column: 'repeat_cases',
  },
  {
    id: 'Marac referral share with three decimals',
    type: 'marac-quarter',
    file: csv(
      'marac.csv',
      toCsv(MARAC_KEYS, [{ ...MARAC_FIGURES, referrals_education: 0.125, referrals_other: 0.375 }]),
    ),
    status: 422,
    rule: 'decimal_places',
    column: 'referrals_education',
  },
  {
    id: 'Marac return in UTF-16 with a postcode',
    type: 'marac-quarter',
    file: csv(
      'marac.csv',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(toCsv([...MARAC_KEYS], [{ ...MARAC_FIGURES, referrals_other: 'TS24 8AA' }]), 'utf16le'),
      ]),
    ),
    status: 422,
    rule: 'identifier',
    column: 'referrals_other',
  },

  // Nothing unread is kept, and nothing inflates past its limit (issue 12)
  {
    id: 'macro-enabled workbook named .xlsx',
    type: 'agency-quarter',
    file: async () => ({ name: 'return.xlsx', bytes: await hostile.macroWorkbook() }),
    status: 422,
    rule: 'macro',
  },
  {
    id: 'workbook with an external link',
    type: 'agency-quarter',
    file: async () => ({ name: 'return.xlsx', bytes: await hostile.externalLinkWorkbook() }),
    status: 422,
    rule: 'external_link',
  },
  {
    id: 'hidden sheet named Return holding the data',
    type: 'agency-quarter',
    file: async () => ({ name: 'return.xlsx', bytes: await hostile.hiddenSheetWorkbook() }),
    status: 422,
    rule: 'hidden_sheet',
  },
  {
    id: 'extra sheet with data',
    type: 'agency-quarter',
    file: async () => ({ name: 'return.xlsx', bytes: await hostile.extraSheetWorkbook() }),
    status: 422,
    rule: 'extra_sheet',
  },
  {
    id: 'value in a column with no header',
    type: 'agency-quarter',
    file: async () => ({ name: 'return.xlsx', bytes: await hostile.unnamedColumnWorkbook() }),
    status: 422,
    rule: 'cell_without_header',
    row: 2,
  },
  {
    id: 'merged cells in the data',
    type: 'agency-quarter',
    file: async () => ({ name: 'return.xlsx', bytes: await hostile.mergedCellsWorkbook() }),
    status: 422,
    rule: 'merged_cells',
    column: AGENCY_KEYS[12],
    row: 2,
  },
  {
    id: 'formula with a plausible cached result',
    type: 'case-level',
    file: async () => ({ name: 'episodes.xlsx', bytes: await hostile.formulaCaseWorkbook() }),
    status: 422,
    rule: 'formula',
    column: 'referral_month',
    row: 3,
  },
  {
    id: 'CSV comment line above the header',
    type: 'agency-quarter',
    file: csv('return.csv', `# prepared by the data lead\r\n${agencyCsv()}`),
    status: 422,
    rule: 'comment_line',
    row: 1,
  },
  {
    id: 'CSV comment line under the data',
    type: 'agency-quarter',
    file: csv('return.csv', `${agencyCsv()}# call back Tuesday\r\n`),
    status: 422,
    rule: 'comment_line',
    row: 3,
  },
  {
    id: 'JSON duplicate key',
    type: 'agency-quarter',
    file: csv('return.json', hostile.duplicateKeyJson()),
    status: 422,
    rule: 'duplicate_key',
    column: 'values.staff',
  },
  {
    id: 'JSON nested 10,000 deep',
    type: 'agency-quarter',
    file: csv('return.json', hostile.deepJson()),
    status: 422,
    rule: 'json_depth',
  },
  {
    id: 'zip whose directory under-states its sizes',
    type: 'agency-quarter',
    file: () => ({ name: 'return.xlsx', bytes: hostile.lyingZip() }),
    status: 413,
    rule: 'zip_bomb',
  },
  {
    id: 'Parquet bomb (footer sizes)',
    type: 'case-level',
    file: async () => ({ name: 'episodes.parquet', bytes: await hostile.parquetBomb() }),
    status: 413,
    rule: 'decompression_limit',
  },
  {
    id: 'Parquet bomb (one value repeated by its dictionary)',
    type: 'case-level',
    file: async () => ({ name: 'episodes.parquet', bytes: await hostile.parquetDictionaryBomb() }),
    status: 413,
    rule: 'decompression_limit',
  },
  {
    id: 'compressed Arrow bomb',
    type: 'case-level',
    file: () => ({ name: 'episodes.arrows', bytes: hostile.compressedArrow() }),
    status: 413,
    rule: 'decompression_limit',
  },
  {
    id: 'Arrow bomb (one value repeated by its dictionary)',
    type: 'case-level',
    file: () => ({ name: 'episodes.arrows', bytes: hostile.arrowDictionaryBomb() }),
    status: 413,
    rule: 'decompression_limit',
  },
  {
    id: 'compressed Arrow stream',
    type: 'case-level',
    file: () => ({ name: 'episodes.arrows', bytes: hostile.compressedArrow(null) }),
    status: 422,
    rule: 'arrow_compressed',
  },

  // File names are shown to analysts beside the return: they are held to the free-text rule (issue 12, outside tester)
  {
    id: 'file name with a name, date of birth, NHS number and postcode',
    type: 'agency-quarter',
    file: csv('John Smith DOB 12-03-1985 NHS 9434765919 TS24 8AB.csv', agencyCsv()),
    status: 422,
    rule: 'identifier',
    column: 'file',
  },
  {
    id: 'file name with a date of birth written ddmmyyyy',
    type: 'marac-quarter',
    file: csv('jane_smith_17031984.csv', toCsv(MARAC_KEYS, [MARAC_FIGURES])),
    status: 422,
    rule: 'identifier',
    column: 'file',
  },
  {
    id: 'file name with a phone number glued to its label',
    type: 'case-level',
    file: csv('episodes Tel01429266522.csv', toCsv(CASE_KEYS, caseRows(2))),
    status: 422,
    rule: 'identifier',
    column: 'file',
  },
  // A NUL in a JSON return answered 500 once it reached PostgreSQL (issue 12, outside tester)
  {
    id: 'NUL in a JSON return',
    type: 'agency-quarter',
    file: csv('return.json', JSON.stringify({ values: { ...AGENCY_FIGURES, staff: '1\u0000' } })),
    status: 422,
    rule: 'control_character',
    column: 'values.staff',
  },
];
