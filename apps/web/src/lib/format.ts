/** How figures read on screen and in downloads. A null count in a suppressed answer is "<5". */
export const SUPPRESSED = '<5';

export type Unit = 'per_10000_per_year' | 'percent' | 'per_case' | 'count';

export function formatCount(value: number | null | undefined, suppressed: boolean): string {
  if (value === null || value === undefined) return suppressed ? SUPPRESSED : 'No data';
  return Math.round(value).toLocaleString('en-GB');
}

export function formatValue(unit: Unit, value: number | null | undefined): string {
  if (value === null || value === undefined) return 'Not available';
  if (unit === 'percent') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'per_10000_per_year') return value.toFixed(1);
  if (unit === 'per_case') return value.toFixed(2);
  return Math.round(value).toLocaleString('en-GB');
}

export function formatInterval(unit: Unit, lower: number | null | undefined, upper: number | null | undefined): string {
  if (lower === null || lower === undefined || upper === null || upper === undefined) return '—';
  return `${formatValue(unit, lower)} to ${formatValue(unit, upper)}`;
}

export const UNIT_SUFFIX: Record<Unit, string> = { per_10000_per_year: ' per 10,000 a year', percent: '', per_case: ' per case', count: '' };

/** Chart axes: shares as whole percentages. */
export const percentTick = (v: number) => `${Math.round(v * 100)}%`;

/** A count for a table or CSV: the number, "<5" when suppressed, or empty. */
export const countOrHidden = (value: number | null | undefined, suppressed: boolean): number | string | null => value ?? (suppressed ? SUPPRESSED : null);

/** An ISO date as people write it: "30 January 2027". */
export const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
