import {
  financialYearOf,
  FIRST_YEAR,
  lastFinishedQuarter,
  quarterEnd,
  quarterFromIndex,
  quarterIndex,
  quarterLabel,
  quarterStart,
  type FinancialQuarter,
} from '../periods.js';
import type { ReportKind } from './kinds.js';

/** Years a data pack covers at most: a needs assessment looks back a few years, not decades. */
export const MAX_PACK_YEARS = 10;

/**
 * The quarters a report covers when the reader names only its end (or nothing): the last finished
 * quarter for a quarterly paper, the last finished financial year for a yearly one, and the three
 * years up to it for a data pack.
 */
export function reportPeriod(
  kind: ReportKind,
  today: string,
  to?: FinancialQuarter,
): { from: FinancialQuarter; to: FinancialQuarter } {
  const last = lastFinishedQuarter(today);
  const end =
    to ??
    (kind.period === 'quarter'
      ? last
      : { startYear: last.quarter === 4 ? last.startYear : last.startYear - 1, quarter: 4 as const });
  if (kind.period === 'quarter') return { from: end, to: end };
  // Never before the first year Waymark takes returns for.
  return {
    from: { startYear: Math.max(FIRST_YEAR, end.startYear - (kind.period === 'years' ? 2 : 0)), quarter: 1 },
    to: end,
  };
}

/** The financial years a range of quarters touches, each clipped to the range. */
export function yearsOf(from: FinancialQuarter, to: FinancialQuarter): { label: string; from: string; to: string }[] {
  const years: { label: string; from: string; to: string }[] = [];
  for (let year = from.startYear; year <= to.startYear; year++) {
    const first = Math.max(quarterIndex(from), quarterIndex({ startYear: year, quarter: 1 }));
    const last = Math.min(quarterIndex(to), quarterIndex({ startYear: year, quarter: 4 }));
    years.push({
      label: financialYearOf(quarterFromIndex(first)),
      from: quarterLabel(quarterFromIndex(first)),
      to: quarterLabel(quarterFromIndex(last)),
    });
  }
  return years;
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });
const monthOf = (iso: string) => MONTH.format(new Date(`${iso}T12:00:00Z`));

/** The months a run of quarters spans: "July to September 2026", "April 2025 to March 2026". */
export function monthsOf(from: FinancialQuarter, to: FinancialQuarter): string {
  const [start, end] = [quarterStart(from), quarterEnd(to)];
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  return `${monthOf(start)}${sameYear ? '' : ` ${start.slice(0, 4)}`} to ${monthOf(end)} ${end.slice(0, 4)}`;
}

/** A period in words, as a report's cover gives it: the months, then the quarters or years. */
export function periodInWords(from: FinancialQuarter, to: FinancialQuarter): string {
  const [a, b] = [quarterLabel(from), quarterLabel(to)];
  const months = monthsOf(from, to);
  if (a === b) return `${months} (${a})`;
  if (from.startYear === to.startYear && from.quarter === 1)
    return `${months} (financial year ${financialYearOf(from)}${to.quarter === 4 ? '' : ', so far'})`;
  if (from.quarter === 1 && to.quarter === 4)
    return `${months} (financial years ${financialYearOf(from)} to ${financialYearOf(to)})`;
  return `${months} (${a} to ${b})`;
}
