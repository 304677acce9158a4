/** How figures read on screen and in downloads. A null count in a suppressed answer is "<5". */
export const SUPPRESSED = '<5';

export type Unit = 'per_10000_per_year' | 'percent' | 'per_case' | 'count';

export function formatCount(value: number | null | undefined, suppressed: boolean): string {
  if (value === null || value === undefined) return suppressed ? SUPPRESSED : 'No data';
  return Math.round(value).toLocaleString('en-GB');
}

const DECIMALS: Record<Unit, number> = { percent: 1, per_10000_per_year: 1, per_case: 2, count: 0 };
const scaled = (unit: Unit, value: number) => (unit === 'percent' ? value * 100 : value);

/** A figure as a plain number to the precision shown on screen, shares as percentages (for CSV cells). */
export function plainNumber(unit: Unit, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Number(scaled(unit, value).toFixed(DECIMALS[unit]));
}

export function formatValue(unit: Unit, value: number | null | undefined): string {
  if (value === null || value === undefined) return 'Not available';
  if (unit === 'count') return Math.round(value).toLocaleString('en-GB');
  return `${scaled(unit, value).toFixed(DECIMALS[unit])}${unit === 'percent' ? '%' : ''}`;
}

export function formatInterval(unit: Unit, lower: number | null | undefined, upper: number | null | undefined): string {
  if (lower === null || lower === undefined || upper === null || upper === undefined) return '—';
  return `${formatValue(unit, lower)} to ${formatValue(unit, upper)}`;
}

export const UNIT_SUFFIX: Record<Unit, string> = { per_10000_per_year: ' per 10,000 a year', percent: '', per_case: ' per case', count: '' };

/** The unit as a CSV header names it, as in "Repeat rate (%)". */
export const UNIT_HEADER: Record<Unit, string> = { per_10000_per_year: 'per 10,000 a year', percent: '%', per_case: 'per case', count: 'count' };

/** Chart axes: shares as whole percentages. */
export const percentTick = (v: number) => `${Math.round(v * 100)}%`;

/** A share axis from 0 to the largest value, or to 100% when there are no values (never 0% to 400%). */
export const SHARE_DOMAIN: [number, (dataMax: number) => number] = [0, (dataMax) => (Number.isFinite(dataMax) && dataMax > 0 ? dataMax : 1)];


/** An ISO date as people write it: "30 January 2027". */
export const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
