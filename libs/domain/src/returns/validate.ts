import type { FinancialQuarter } from '../periods.js';
import { quarterEnd, quarterStart } from '../periods.js';
import { identifierColumn, identifierIn, IDENTIFIER_WORDS } from './anonymity.js';
import { cellLength, maxCellLength } from './cell-limits.js';
import { parseCell } from './cells.js';
import { labelFor, type ReturnType } from './return-type.js';
import { checkRule, ruleFields } from './rules.js';
import { runSteps, runStepsWithPauses, type Steps } from './steps.js';

/** A table as read from a file: the header as written, and each row's cells by header. */
export interface RawTable {
  /** The row number people see for the header (1 in a spreadsheet or CSV); null for JSON. */
  headerRow: number | null;
  columns: string[];
  rows: { rowNumber: number; cells: Record<string, unknown> }[];
}

/** One thing wrong with an upload, said so that a data lead can find and fix it. */
export interface Problem {
  row: number | null;
  column: string | null;
  rule: string;
  message: string;
}

export type TypedRow = Record<string, unknown>;

export interface Validation {
  rows: TypedRow[];
  problems: Problem[];
  /** True when the anonymity guard found something: the file must not be kept at all. */
  identifiersFound: boolean;
}

export const MAX_CASE_ROWS = 100_000;
const MAX_PROBLEMS = 500;

const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/** Header problems that still leave every value readable under the columns the file does have. */
const VALUES_STILL_CHECKED = new Set(['unknown_column', 'missing_column']);

/** Rows checked in one step of validateReturnInSteps: a few milliseconds of work for case-level rows. */
const ROWS_PER_STEP = 200;

/** Checks a whole upload against its return type's dictionary: columns, identifiers, cells, then cross-field rules. */
export function validateReturn(type: ReturnType, table: RawTable, period: FinancialQuarter): Validation {
  return runSteps(validating(type, table, period));
}

/**
 * The same checks as validateReturn, awaiting `pause` after every ROWS_PER_STEP rows, so that a
 * server checking a case-level return of 100,000 rows can answer other requests meanwhile
 * (the API passes a pause that yields to its event loop every 5 ms or so).
 */
export function validateReturnInSteps(
  type: ReturnType,
  table: RawTable,
  period: FinancialQuarter,
  pause: () => Promise<void>,
): Promise<Validation> {
  return runStepsWithPauses(validating(type, table, period), pause);
}

/** The checks, as steps: it yields after every ROWS_PER_STEP rows of each pass over the rows. */
function* validating(type: ReturnType, table: RawTable, period: FinancialQuarter): Steps<Validation> {
  const problems: Problem[] = [];
  const keys = new Set(type.fields.map((f) => f.key));
  const knownWords = new Set(type.fields.flatMap((f) => f.codes ?? []).flatMap((c) => [c.label.toLowerCase(), c.code]));

  const seen = new Map<string, string>();
  for (const header of table.columns) {
    const key = normaliseHeader(header);
    const kind = identifierColumn(key);
    if (kind && !keys.has(key))
      problems.push({
        row: table.headerRow,
        column: header,
        rule: 'identifier',
        message: `Column "${header}" asks for ${IDENTIFIER_WORDS[kind]}. Returns must not contain personal identifiers: remove the column.`,
      });
    else if (seen.has(key))
      problems.push({
        row: table.headerRow,
        column: header,
        rule: 'duplicate_column',
        message: `Column "${key}" appears more than once`,
      });
    else if (!keys.has(key))
      problems.push({
        row: table.headerRow,
        column: header,
        rule: 'unknown_column',
        message: `Column ${JSON.stringify(header.slice(0, 60))} is not part of the ${type.title.toLowerCase()}`,
      });
    seen.set(key, header);
  }
  for (const f of type.fields) {
    if (f.required && !seen.has(f.key))
      problems.push({
        row: table.headerRow,
        column: f.key,
        rule: 'missing_column',
        message: `Column "${f.key}" (${f.label}) is missing`,
      });
  }

  let identifiersFound = problems.some((p) => p.rule === 'identifier');
  const fields = new Map(type.fields.map((f) => [f.key, f]));
  const fieldOf = new Map(table.columns.map((h) => [h, fields.get(normaliseHeader(h))]));
  let counted = 0;
  for (const row of table.rows) {
    if (++counted % ROWS_PER_STEP === 0) yield;
    for (const [header, value] of Object.entries(row.cells)) {
      // The guard reads only the first SCAN_LIMIT characters, enough to tell free text from a
      // value; past that, a cell longer than its field could ever hold is refused unread.
      const kind = identifierIn(value, knownWords);
      const f = fieldOf.get(header) ?? fields.get(normaliseHeader(header));
      if (kind) {
        identifiersFound = true;
        problems.push({
          row: row.rowNumber,
          column: header,
          rule: 'identifier',
          message: `This cell looks like ${IDENTIFIER_WORDS[kind]}. Returns must not contain personal identifiers: remove it.`,
        });
      } else if (cellLength(value) > maxCellLength(f)) {
        problems.push({
          row: row.rowNumber,
          column: header,
          rule: 'too_long',
          message: `This cell has ${cellLength(value).toLocaleString('en-GB')} characters; ${f ? f.label.toLowerCase() : 'a cell'} can have at most ${maxCellLength(f)}.`,
        });
      }
    }
  }

  const rowCountProblem =
    type.shape === 'single'
      ? table.rows.length !== 1 && `This return is one row of figures; the file has ${table.rows.length} rows`
      : table.rows.length === 0
        ? 'The file has no rows'
        : table.rows.length > MAX_CASE_ROWS &&
          `A case-level return can have at most ${MAX_CASE_ROWS.toLocaleString('en-GB')} rows; this one has ${table.rows.length.toLocaleString('en-GB')}`;
  if (rowCountProblem)
    problems.push({
      row: null,
      column: null,
      rule: type.shape === 'single' ? 'one_row' : 'row_count',
      message: rowCountProblem,
    });

  // With identifiers, duplicated columns or unreadable cells, cell-by-cell messages would only repeat the problem.
  if (identifiersFound || problems.some((p) => !VALUES_STILL_CHECKED.has(p.rule)) || rowCountProblem) {
    return { rows: [], problems: problems.slice(0, MAX_PROBLEMS), identifiersFound };
  }
  // A missing column is said once at the header: its field, and the rules that need it, are not judged per row.
  const missing = new Set(problems.filter((p) => p.rule === 'missing_column').map((p) => p.column));
  const checkedFields = type.fields.filter((f) => !missing.has(f.key));
  const checkedRules = type.rules.filter((r) => ruleFields(r).every((key) => !missing.has(key)));

  const months = { firstMonth: quarterStart(period).slice(0, 7), lastMonth: quarterEnd(period).slice(0, 7) };
  const labelOf = labelFor(type);
  const rows: TypedRow[] = [];
  for (const row of table.rows) {
    if (++counted % ROWS_PER_STEP === 0) yield;
    const byKey = new Map(Object.entries(row.cells).map(([h, v]) => [normaliseHeader(h), { header: h, value: v }]));
    const typed: TypedRow = {};
    for (const f of checkedFields) {
      const cell = byKey.get(f.key);
      const parsed = parseCell(f, cell?.value, months);
      if (parsed.ok) typed[f.key] = parsed.value;
      else
        problems.push({
          row: row.rowNumber,
          column: cell?.header ?? f.key,
          rule: parsed.rule,
          message: parsed.message,
        });
    }
    for (const rule of checkedRules) {
      for (const breach of checkRule(rule, typed, labelOf)) {
        problems.push({
          row: row.rowNumber,
          column: byKey.get(breach.column)?.header ?? breach.column,
          rule: breach.rule,
          message: breach.message,
        });
      }
    }
    rows.push(typed);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length >= MAX_PROBLEMS) {
    problems.length = MAX_PROBLEMS;
    problems.push({
      row: null,
      column: null,
      rule: 'too_many_problems',
      message: `Stopped after ${MAX_PROBLEMS} problems; fix these and upload again`,
    });
  }
  return { rows: problems.length ? [] : rows, problems, identifiersFound };
}
