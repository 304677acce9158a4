/**
 * UK financial-year quarters. `2025-26 Q1` is April–June 2025; Q4 is January–March of the second year.
 * Dates are ISO calendar dates (YYYY-MM-DD) with no time zone: quarters are civil periods.
 */
export interface FinancialQuarter {
  /** Calendar year in which the financial year starts (2025 for 2025-26). */
  readonly startYear: number;
  readonly quarter: 1 | 2 | 3 | 4;
}

const LABEL = /^(\d{4})-(\d{2}) Q([1-4])$/;

/** Figures start in the financial year 2000-01; an earlier year (0025-26) is a typing mistake. */
export const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** The labels `parseQuarter` accepts, as a POSIX pattern for checking periods already stored in a database. */
export const STORED_QUARTER_PATTERN = '^20[0-9]{2}-[0-9]{2} Q[1-4]$';

/** A financial year's first calendar year, from its two-part label (2025-26), within the years Waymark takes. */
export function yearOfLabel(first: string, second: string): number | null {
  const startYear = Number(first);
  if (startYear < FIRST_YEAR || startYear > LAST_YEAR || (startYear + 1) % 100 !== Number(second)) return null;
  return startYear;
}

/** A quarter label such as `2025-26 Q1`, exactly so: no other spelling, no year before 2000-01. */
export function parseQuarter(label: string): FinancialQuarter | null {
  const match = LABEL.exec(label.trim());
  const startYear = match ? yearOfLabel(match[1], match[2]) : null;
  return startYear === null ? null : { startYear, quarter: Number(match![3]) as FinancialQuarter['quarter'] };
}

export function quarterLabel(q: FinancialQuarter): string {
  return `${String(q.startYear).padStart(4, '0')}-${String((q.startYear + 1) % 100).padStart(2, '0')} Q${q.quarter}`;
}

/**
 * A quarter someone asked about (a query value, a form field), checked: written as `2025-26 Q1`,
 * from 2000-01 Q1 to the quarter after today's. Anything else is a problem to tell them about.
 */
export function checkQuarter(raw: unknown, today: string): { quarter: FinancialQuarter } | { problem: string } {
  const quarter = typeof raw === 'string' ? parseQuarter(raw) : null;
  const last = quarterFromIndex(quarterIndex(quarterOfDate(today)) + 1);
  if (!quarter)
    return {
      problem: `Write the quarter like ${quarterLabel(quarterOfDate(today))}, from ${FIRST_YEAR}-${String((FIRST_YEAR + 1) % 100).padStart(2, '0')} Q1`,
    };
  if (quarterIndex(quarter) > quarterIndex(last))
    return { problem: `${quarterLabel(quarter)} is too far ahead: the latest quarter is ${quarterLabel(last)}` };
  return { quarter };
}

/** First calendar month (1–12) of the quarter and its calendar year. */
function firstMonth(q: FinancialQuarter): { year: number; month: number } {
  const month = 4 + (q.quarter - 1) * 3;
  return month > 12 ? { year: q.startYear + 1, month: month - 12 } : { year: q.startYear, month };
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function quarterStart(q: FinancialQuarter): string {
  const { year, month } = firstMonth(q);
  return isoDate(year, month, 1);
}

export function quarterEnd(q: FinancialQuarter): string {
  const { year, month } = firstMonth(q);
  const lastMonth = month + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return isoDate(year, lastMonth, lastDay);
}

/** The date a return for the quarter falls due: a number of days after the quarter ends. */
export function quarterDueDate(q: FinancialQuarter, daysAfterEnd = 30): string {
  const end = new Date(`${quarterEnd(q)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + daysAfterEnd);
  return end.toISOString().slice(0, 10);
}

/** The quarter that contains a calendar date (YYYY-MM-DD). */
export function quarterOfDate(date: string): FinancialQuarter {
  const [year, month] = date.split('-').map(Number);
  const startYear = month >= 4 ? year : year - 1;
  const quarter = (Math.floor(((month + 8) % 12) / 3) + 1) as FinancialQuarter['quarter'];
  return { startYear, quarter };
}

/**
 * The most recent quarter that has ended on a date: the one returns are being sent for, where a new
 * agency's or Marac's schedule starts, and where dashboard ranges end (a quarter under way is never
 * complete).
 */
export function lastFinishedQuarter(date: string): FinancialQuarter {
  return quarterFromIndex(quarterIndex(quarterOfDate(date)) - 1);
}

/** A whole number that orders quarters (for range filters in the warehouse). */
export function quarterIndex(q: FinancialQuarter): number {
  return q.startYear * 4 + (q.quarter - 1);
}

export function quarterFromIndex(index: number): FinancialQuarter {
  return { startYear: Math.floor(index / 4), quarter: ((index % 4) + 1) as FinancialQuarter['quarter'] };
}

/** The financial year (like 2025-26) a quarter belongs to. */
export function financialYearOf(q: FinancialQuarter): string {
  return `${q.startYear}-${String((q.startYear + 1) % 100).padStart(2, '0')}`;
}

/**
 * A calendar date written as YYYY-MM-DD that exists (no 2024-02-30, which JavaScript's Date would
 * quietly turn into 1 March) in the years Waymark takes; null otherwise.
 */
export function parseIsoDate(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12) return null;
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate() ? text : null;
}
