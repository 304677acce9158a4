import { indicatorById, wilsonInterval } from '@waymark/domain';
import { expect } from 'vitest';
import type { Expected, View } from './oracle.js';

/** The parts of an indicator in an answer that the oracle predicts. */
export interface Answered {
  id: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  status?: string;
  returns?: { received: number; due: number } | null;
  suppressed?: boolean;
}

/** The value an indicator's unit gives its numerator and denominator (null when either is missing or the denominator is 0). */
export function valueOf(id: string, numerator: number | null, denominator: number | null): number | null {
  const unit = indicatorById(id)!.unit;
  if (numerator === null) return null;
  if (unit === 'count') return numerator;
  if (denominator === null || denominator === 0) return null;
  return unit === 'per_10000_per_year' ? (numerator / denominator) * 10_000 : numerator / denominator;
}

/**
 * An indicator as answered against the oracle's numerator, denominator, returns status and counts;
 * its value from them by its unit, a share's 95% Wilson interval, and for published views whether it
 * was withheld (a count it needs was hidden).
 */
export function expectIndicator(
  got: Answered,
  want: Expected,
  view: View,
  where: string,
  parts: { status?: boolean } = { status: true },
): void {
  const at = `${where}: ${got.id}`;
  expect(
    parts.status
      ? { numerator: got.numerator, denominator: got.denominator, status: got.status, returns: got.returns }
      : { numerator: got.numerator, denominator: got.denominator },
    at,
  ).toEqual(
    parts.status
      ? { numerator: want.numerator, denominator: want.denominator, status: want.status, returns: want.returns }
      : { numerator: want.numerator, denominator: want.denominator },
  );
  const value = valueOf(got.id, want.numerator, want.denominator);
  if (value === null) expect(got.value, at).toBeNull();
  else expect(got.value, at).toBeCloseTo(value, 9);
  if (indicatorById(got.id)!.unit === 'percent' && value !== null && want.numerator! <= want.denominator!) {
    const interval = wilsonInterval(want.numerator!, want.denominator!)!;
    expect(got.lower, at).toBeCloseTo(interval.lower, 9);
    expect(got.upper, at).toBeCloseTo(interval.upper, 9);
  }
  if (got.suppressed !== undefined) {
    const withheld =
      view.published &&
      want.status !== 'no_returns' &&
      value === null &&
      (want.numerator === null || want.denominator === null);
    expect(got.suppressed, `${at} withheld`).toBe(withheld);
  }
}
