import {
  asText,
  cellLength,
  defaultReturnType,
  IDENTIFIER_WORDS,
  identifierIn,
  identifierInText,
  maxCellLength,
  parseCell,
  quoteValue,
  TEXT_IDENTIFIER_WORDS,
  type JointWorkingModel,
  type Problem,
  type RawTable,
  type ReturnTypeId,
  type SectorCode,
} from '@waymark/domain';
import {
  DISTRICT_COLUMN,
  EXPECTED_COLUMN,
  IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  MODEL_COLUMN,
  NAME_COLUMN,
  NAME_LENGTH,
  SECTOR_COLUMN,
  type ImportColumn,
} from './columns.js';

export interface ImportRow {
  row: number;
  name: string;
  sector: SectorCode;
  areaCode: string;
  jointWorkingModel: JointWorkingModel | null;
  expectedReturnTypes: ReturnTypeId[];
}

export interface ImportContext {
  /** District codes and names. */
  districts: ReadonlyMap<string, string>;
  /** Agencies there already are, as agencyKey gives them. */
  existing: ReadonlySet<string>;
  includesArea: (code: string) => boolean;
}

const MAX_PROBLEMS = 500;

/** Two agencies in one district may not share a name, whatever its capitals. */
export const agencyKey = (areaCode: string, name: string) => `${areaCode}|${name.toLowerCase()}`;

const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/** Code labels people may type, so a label is never mistaken for a person's name. */
const KNOWN_WORDS = new Set(
  IMPORT_COLUMNS.flatMap((c) => c.field?.codes ?? []).flatMap((c) => [c.label.toLowerCase(), c.code]),
);

type Read<T> = { ok: true; value: T } | { ok: false; rule: string; message: string };
const refuse = (rule: string, message: string): Read<never> => ({ ok: false, rule, message });

function readName(raw: unknown): Read<string> {
  if (raw instanceof Date)
    return refuse('identifier', `This cell is a date, which could be a date of birth. ${NAME_COLUMN.help}`);
  const text = raw === null || raw === undefined ? '' : asText(raw).trim();
  if (!text) return refuse('required', 'Enter the agency name');
  if (text.length > NAME_LENGTH.max)
    return refuse(
      'too_long',
      `This cell has ${text.length.toLocaleString('en-GB')} characters; an agency name can have at most ${NAME_LENGTH.max}.`,
    );
  if (text.length < NAME_LENGTH.min)
    return refuse('too_short', `An agency name needs at least ${NAME_LENGTH.min} characters`);
  const kind = identifierInText(text);
  return kind
    ? refuse(
        'identifier',
        `This cell looks like it contains ${TEXT_IDENTIFIER_WORDS[kind]}. Write about the service, never anything that could identify a person.`,
      )
    : { ok: true, value: text };
}

/** The checks every return cell gets: identifiers first (so none is ever repeated back), then length. */
function screen(raw: unknown, label: string, max: number): Read<never> | null {
  const kind = identifierIn(raw, KNOWN_WORDS);
  if (kind)
    return refuse(
      'identifier',
      `This cell looks like ${IDENTIFIER_WORDS[kind]}. The file must not contain anything that identifies a person: remove it.`,
    );
  if (cellLength(raw) > max)
    return refuse(
      'too_long',
      `This cell has ${cellLength(raw).toLocaleString('en-GB')} characters; ${label.toLowerCase()} can have at most ${max}.`,
    );
  return null;
}

function readCode(column: ImportColumn, raw: unknown): Read<unknown> {
  const field = column.field!;
  const parsed = screen(raw, column.label, maxCellLength(field)) ?? parseCell(field, raw, null);
  return parsed.ok ? { ok: true, value: parsed.value } : parsed;
}

/** GSS codes are nine characters; a little room for spaces. */
const DISTRICT_MAX = 12;

function readDistrict(raw: unknown, context: ImportContext): Read<string> {
  const screened = screen(raw, DISTRICT_COLUMN.label, DISTRICT_MAX);
  if (screened) return screened;
  const code = raw === null || raw === undefined ? '' : asText(raw).trim().toUpperCase();
  if (!code) return refuse('required', 'Enter the district code');
  const name = context.districts.get(code);
  if (!name)
    return refuse(
      'unknown_district',
      `${quoteValue(raw)} is not the GSS code of a district. The Districts sheet of the Excel template lists them.`,
    );
  if (!context.includesArea(code))
    return refuse(
      'outside_your_areas',
      `${name} (${code}) is not in the areas you are granted, so you cannot add agencies there`,
    );
  return { ok: true, value: code };
}

/**
 * Checks a whole agency import: the header, then every cell of every row, then names repeated in
 * the file or already used in the district. Every problem is listed; rows come back only when
 * there are none.
 */
export function checkImport(table: RawTable, context: ImportContext): { rows: ImportRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const headers = new Map<string, string>();
  for (const header of table.columns) {
    const key = normaliseHeader(header);
    if (headers.has(key))
      problems.push({
        row: table.headerRow,
        column: header,
        rule: 'duplicate_column',
        message: `Column "${key}" appears more than once`,
      });
    else if (!IMPORT_COLUMNS.some((c) => c.key === key)) {
      problems.push({
        row: table.headerRow,
        column: header,
        rule: 'unknown_column',
        message: `Column ${JSON.stringify(header.slice(0, 60))} is not one of ${IMPORT_COLUMNS.map((c) => c.key).join(', ')}`,
      });
    } else headers.set(key, header);
  }
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !headers.has(c.key));
  for (const c of missing)
    problems.push({
      row: table.headerRow,
      column: c.key,
      rule: 'missing_column',
      message: `Column "${c.key}" (${c.label}) is missing`,
    });
  if (table.rows.length === 0)
    problems.push({
      row: null,
      column: null,
      rule: 'no_rows',
      message: 'The file has no agencies: add a row under the header for each one',
    });
  if (table.rows.length > MAX_IMPORT_ROWS) {
    problems.push({
      row: null,
      column: null,
      rule: 'row_count',
      message: `A file can add at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} agencies; this one has ${table.rows.length.toLocaleString('en-GB')} rows`,
    });
    return { rows: [], problems };
  }

  const rows: ImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { rowNumber, cells } of table.rows) {
    if (problems.length >= MAX_PROBLEMS) {
      problems.push({
        row: null,
        column: null,
        rule: 'too_many_problems',
        message: `Stopped after ${MAX_PROBLEMS} problems; fix these and upload again`,
      });
      break;
    }
    const before = problems.length;
    /** A cell's value, or the problem with it; a missing column was said once at the header. */
    const take = <T>(column: ImportColumn, read: (raw: unknown) => Read<T>): T | undefined => {
      const header = headers.get(column.key);
      if (header === undefined && missing.includes(column)) return undefined;
      const result = read(header === undefined ? null : cells[header]);
      if (result.ok) return result.value;
      problems.push({ row: rowNumber, column: header ?? column.key, rule: result.rule, message: result.message });
      return undefined;
    };
    const name = take(NAME_COLUMN, readName);
    const sector = take(SECTOR_COLUMN, (raw) => readCode(SECTOR_COLUMN, raw)) as SectorCode | undefined;
    const areaCode = take(DISTRICT_COLUMN, (raw) => readDistrict(raw, context));
    const jointWorkingModel = take(MODEL_COLUMN, (raw) => readCode(MODEL_COLUMN, raw)) as
      JointWorkingModel | null | undefined;
    const expected = take(EXPECTED_COLUMN, (raw) => readCode(EXPECTED_COLUMN, raw)) as ReturnTypeId[] | undefined;

    if (name !== undefined && areaCode !== undefined) {
      const key = agencyKey(areaCode, name);
      const first = firstRowOf.get(key);
      const column = headers.get(NAME_COLUMN.key)!;
      if (first !== undefined)
        problems.push({
          row: rowNumber,
          column,
          rule: 'duplicate_in_file',
          message: `Row ${first} already adds an agency with this name in this district`,
        });
      else if (context.existing.has(key))
        problems.push({
          row: rowNumber,
          column,
          rule: 'already_exists',
          message: `An agency with this name already exists in ${context.districts.get(areaCode)}`,
        });
      firstRowOf.set(key, first ?? rowNumber);
    }
    if (problems.length === before) {
      rows.push({
        row: rowNumber,
        name: name!,
        sector: sector!,
        areaCode: areaCode!,
        jointWorkingModel: jointWorkingModel ?? null,
        expectedReturnTypes: expected?.length ? expected : [defaultReturnType('agency').id],
      });
    }
  }
  return { rows: problems.length ? [] : rows, problems };
}
