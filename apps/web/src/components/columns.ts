import { formatCount, formatInterval, formatValue, plainNumber, UNIT_HEADER, type Unit } from '../lib/format';
import type { DataColumn } from './ChartPanel';

type Get<T> = (row: T) => number | null | undefined;
type UnitOf<T> = Unit | ((row: T) => Unit);

/** Each row's unit, and what a CSV header adds for it: the unit when every row shares one, nothing when a "Unit" column says it. */
const units = <T>(unit: UnitOf<T>) =>
  typeof unit === 'function'
    ? { unitOf: unit, inHeader: '' }
    : { unitOf: () => unit, inHeader: ` (${UNIT_HEADER[unit]})` };

/**
 * The unit of rows that each carry the unit the answer gave them: the one they all share (named once in
 * a CSV header), or each row's own (in a "Unit" column) when they differ.
 */
export function unitOfRows<T extends { unit: Unit }>(rows: T[]): UnitOf<T> {
  const shared = new Set(rows.map((r) => r.unit));
  return shared.size === 1 ? [...shared][0] : (r: T) => r.unit;
}

/** A count: "<5" on screen where it is withheld; in the CSV the number, or an empty cell. */
export function countColumn<T>(header: string, count: Get<T>, withheld: (row: T) => boolean): DataColumn<T> {
  return { header, numeric: true, value: (r) => count(r) ?? null, display: (r) => formatCount(count(r), withheld(r)) };
}

/**
 * A figure: formatted on screen, or the words `instead` gives for it ("Withheld", "No returns"). In the CSV a
 * number, with its unit in the header, or in a "Unit" column when each row has its own.
 */
export function figureColumn<T>(
  header: string,
  unit: UnitOf<T>,
  figure: Get<T>,
  instead: (row: NoInfer<T>) => string | null = () => null,
): DataColumn<T> {
  const { unitOf, inHeader } = units(unit);
  const value = (r: T) => plainNumber(unitOf(r), figure(r));
  return {
    header,
    numeric: true,
    value,
    display: (r) => instead(r) ?? formatValue(unitOf(r), figure(r)),
    csv: inHeader
      ? [{ header: header + inHeader, value }]
      : [
          { header, value },
          { header: 'Unit', value: (r) => UNIT_HEADER[unitOf(r)] },
        ],
  };
}

/** A 95% interval: "25.0% to 31.2%" on screen, its two ends as numbers in the CSV. */
export function intervalColumn<T>(unit: UnitOf<T>, lower: Get<T>, upper: Get<T>): DataColumn<T> {
  const { unitOf, inHeader } = units(unit);
  return {
    header: '95% interval',
    value: (r) => formatInterval(unitOf(r), lower(r), upper(r)),
    csv: [
      { header: `Lower 95%${inHeader}`, value: (r) => plainNumber(unitOf(r), lower(r)) },
      { header: `Upper 95%${inHeader}`, value: (r) => plainNumber(unitOf(r), upper(r)) },
    ],
  };
}
