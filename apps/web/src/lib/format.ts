/** How figures read on screen and in downloads: the domain's rules, plus the chart axes' own. */
export {
  SUPPRESSED,
  formatCount,
  plainNumber,
  formatValue,
  formatInterval,
  UNIT_SUFFIX,
  UNIT_HEADER,
  longDate,
  type IndicatorUnit as Unit,
} from '@waymark/domain';

/** Chart axes: shares as whole percentages. */
export const percentTick = (v: number) => `${Math.round(v * 100)}%`;

/** A share axis from 0 to the largest value, or to 100% when there are no values (never 0% to 400%). */
export const SHARE_DOMAIN: [number, (dataMax: number) => number] = [
  0,
  (dataMax) => (Number.isFinite(dataMax) && dataMax > 0 ? dataMax : 1),
];

/** A value as text for a table cell or a CSV field: nothing for null, a list with its items joined, objects as JSON. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(textOf).join(',');
  return JSON.stringify(value);
}
