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

export function parseQuarter(label: string): FinancialQuarter | null {
  const match = LABEL.exec(label.trim());
  if (!match) return null;
  const startYear = Number(match[1]);
  if ((startYear + 1) % 100 !== Number(match[2])) return null;
  return { startYear, quarter: Number(match[3]) as FinancialQuarter['quarter'] };
}

export function quarterLabel(q: FinancialQuarter): string {
  return `${q.startYear}-${String((q.startYear + 1) % 100).padStart(2, '0')} Q${q.quarter}`;
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
