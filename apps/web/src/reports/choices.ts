import {
  financialYearOf,
  lastFinishedQuarter,
  monthsOf,
  parseQuarter,
  quarterIndex,
  quarterLabel,
  ukDate,
  type FinancialQuarter,
  type OfferedReportKind,
} from '@waymark/domain';
import { recentQuarters } from '../lib/quarters';

/** Which figures a report is written with: published (small numbers hidden) or exact; '' where the reader has no choice. */
export type Figures = '' | 'published' | 'exact';

/** What a report is asked for with: the same names in the page's address, the file's and the print view's. */
export interface ReportChoice {
  kind: string;
  area: string;
  marac: string;
  from: string;
  to: string;
  figures: Figures;
}

export const QUARTERS = recentQuarters(12);

/** A quarter with its months, as the quarter list shows it: "2026-27 Q2 (July to September 2026)". */
export function quarterText(label: string): string {
  const q = parseQuarter(label);
  return q ? `${label} (${monthsOf(q, q)})` : label;
}

/** A financial year one can choose: its label ("2025-26"), its words, and the last quarter it covers so far. */
export interface YearOption {
  code: string;
  label: string;
  /** The year's fourth quarter, or for the year under way the last quarter that has ended. */
  to: string;
}

/**
 * Financial years newest first: the year under way (up to its last finished quarter) once a quarter
 * of it has ended, the finished years before it, and any year the API suggests.
 */
export function financialYears(offered: OfferedReportKind[], count = 6): YearOption[] {
  const last = lastFinishedQuarter(ukDate());
  const starts = new Set(Array.from({ length: count }, (_, i) => last.startYear - i));
  for (const k of offered)
    for (const label of [k.from, k.to]) {
      const q = parseQuarter(label);
      if (q && k.period !== 'quarter' && q.startYear <= last.startYear) starts.add(q.startYear);
    }
  return [...starts]
    .sort((a, b) => b - a)
    .map((startYear) => {
      const first: FinancialQuarter = { startYear, quarter: 1 };
      const end: FinancialQuarter = startYear === last.startYear ? last : { startYear, quarter: 4 };
      const code = financialYearOf(first);
      return {
        code,
        to: quarterLabel(end),
        label: end.quarter === 4 ? `${code} (${monthsOf(first, end)})` : `${code} (${monthsOf(first, end)} so far)`,
      };
    });
}

/** The last quarter of a financial year that can be reported on: its Q4, or the last finished quarter of the year under way. */
export function yearEnd(year: string): string {
  const last = lastFinishedQuarter(ukDate());
  const q = parseQuarter(`${year} Q1`);
  return q && q.startYear === last.startYear ? quarterLabel(last) : `${year} Q4`;
}

/** The financial year of a quarter label ("2025-26 Q3" → "2025-26"), or '' when it is not one. */
export const yearOf = (label: string) => {
  const q = parseQuarter(label);
  return q ? financialYearOf(q) : '';
};

/** The query the API takes for a choice; only what was chosen, so addresses stay short. A Marac stands for its own area, so the area chosen to find it is not sent. */
export function reportQuery(choice: ReportChoice): string {
  const q = new URLSearchParams();
  for (const key of ['area', 'marac', 'from', 'to', 'figures'] as const)
    if (choice[key] && !(key === 'area' && choice.marac)) q.set(key, choice[key]);
  return q.toString();
}

/** Problems with a choice, as the error summary lists them (field names are the controls' ids). */
export function problemsWith(
  choice: ReportChoice,
  kind: OfferedReportKind | undefined,
): { field: string; message: string }[] {
  if (!kind) return [{ field: 'kind', message: 'Choose which report you want' }];
  const problems: { field: string; message: string }[] = [];
  if (!choice.area && !choice.marac) problems.push({ field: 'area', message: 'Choose an area' });
  const from = parseQuarter(choice.from);
  const to = parseQuarter(choice.to);
  if (!from || !to)
    problems.push({
      field: 'from',
      message: kind.period === 'quarter' ? 'Choose a quarter' : 'Choose a financial year',
    });
  else if (quarterIndex(to) < quarterIndex(from))
    problems.push({ field: 'to', message: 'The last year must be the same as or later than the first year' });
  return problems;
}
