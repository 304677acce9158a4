import { hiddenLabel } from '../disclosure/disclosure.js';
import type { IndicatorUnit } from './catalogue.js';

/**
 * How figures read wherever a person reads them: on screen, in downloads and in report packs. One
 * set of rules, so a board paper and the dashboard never disagree by a rounding.
 */

/** A count withheld by disclosure control reads as this. */
export const SUPPRESSED = hiddenLabel();

const DECIMALS: Record<IndicatorUnit, number> = { percent: 1, per_10000_per_year: 1, per_case: 2, count: 0 };
const scaled = (unit: IndicatorUnit, value: number) => (unit === 'percent' ? value * 100 : value);

/** A count; null reads "<5" when it was withheld and "No data" when there was nothing to count. */
export function formatCount(value: number | null | undefined, suppressed: boolean): string {
  if (value === null || value === undefined) return suppressed ? SUPPRESSED : 'No data';
  return Math.round(value).toLocaleString('en-GB');
}

/** A figure as a plain number to the precision shown, shares as percentages (for CSV and workbook cells). */
export function plainNumber(unit: IndicatorUnit, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Number(scaled(unit, value).toFixed(DECIMALS[unit]));
}

export function formatValue(unit: IndicatorUnit, value: number | null | undefined): string {
  if (value === null || value === undefined) return 'Not available';
  if (unit === 'count') return Math.round(value).toLocaleString('en-GB');
  return `${scaled(unit, value).toFixed(DECIMALS[unit])}${unit === 'percent' ? '%' : ''}`;
}

export function formatInterval(
  unit: IndicatorUnit,
  lower: number | null | undefined,
  upper: number | null | undefined,
): string {
  if (lower === null || lower === undefined || upper === null || upper === undefined) return '—';
  return `${formatValue(unit, lower)} to ${formatValue(unit, upper)}`;
}

export const UNIT_SUFFIX: Record<IndicatorUnit, string> = {
  per_10000_per_year: ' per 10,000 a year',
  percent: '',
  per_case: ' per case',
  count: '',
};

/** The unit as a column header names it, as in "Repeat rate (%)". */
export const UNIT_HEADER: Record<IndicatorUnit, string> = {
  per_10000_per_year: 'per 10,000 a year',
  percent: '%',
  per_case: 'per case',
  count: 'count',
};

/** An ISO date, or a moment, as people in the UK write its date: "30 January 2027" (a moment on its UK day). */
export const longDate = (iso: string) =>
  new Date(iso.length > 10 ? iso : `${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
