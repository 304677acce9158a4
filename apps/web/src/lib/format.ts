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
