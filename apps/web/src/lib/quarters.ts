import { quarterLabel, quarterOfDate, ukDate, type FinancialQuarter } from '@waymark/domain';

/** The current quarter and the ones before it, newest first, as labels like "2025-26 Q1". */
export function recentQuarters(count = 8): string[] {
  const out: string[] = [];
  let q: FinancialQuarter = quarterOfDate(ukDate());
  for (let i = 0; i < count; i++) {
    out.push(quarterLabel(q));
    q = q.quarter === 1 ? { startYear: q.startYear - 1, quarter: 4 } : { startYear: q.startYear, quarter: (q.quarter - 1) as FinancialQuarter['quarter'] };
  }
  return out;
}

/** The most recent quarter that has ended: the one returns are usually being sent for. */
export function lastCompleteQuarter(): string {
  return recentQuarters(2)[1];
}
