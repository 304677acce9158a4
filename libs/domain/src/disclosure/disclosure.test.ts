import { describe, expect, it } from 'vitest';
import { parseQuarter } from '../periods.js';
import { describeDisclosure, hiddenLabel, isPublishedRange, publishCount } from './disclosure.js';

describe('published counts', () => {
  it('hides everything below 5, zero and halves included, and rounds the rest to the nearest 5', () => {
    expect([0, 0.5, 1, 4, 4.5, 5, 6, 7, 7.5, 8, 12, 13, 60, 62.5, 1003].map((n) => publishCount(n))).toEqual([null, null, null, null, null, 5, 5, 5, 10, 10, 10, 15, 60, 65, 1005]);
    expect(hiddenLabel()).toBe('<5');
  });

  it('takes another base or threshold, and base 1 only hides', () => {
    expect([7, 14, 15, 26].map((n) => publishCount(n, { threshold: 5, roundingBase: 10 }))).toEqual([10, 10, 20, 30]);
    expect([3, 9, 10, 11].map((n) => publishCount(n, { threshold: 10, roundingBase: 1 }))).toEqual([null, null, 10, 11]);
  });

  it('totals one quarter or one financial year, no other range', () => {
    const allowed = (from: string, to: string) => isPublishedRange(parseQuarter(from)!, parseQuarter(to)!);
    expect(allowed('2025-26 Q2', '2025-26 Q2')).toBe(true);
    expect(allowed('2025-26 Q1', '2025-26 Q4')).toBe(true);
    expect(allowed('2025-26 Q2', '2026-27 Q1')).toBe(false); // four quarters, but overlapping two years
    expect(allowed('2025-26 Q1', '2025-26 Q3')).toBe(false);
    expect(allowed('2024-25 Q1', '2025-26 Q4')).toBe(false);
  });

  it('is said in words that name the threshold, the base and the spans', () => {
    expect(describeDisclosure()).toMatch(/below 5, zero included, are shown as "<5".*nearest 5.*one quarter or one financial year/);
    expect(describeDisclosure({ threshold: 5, roundingBase: 1 })).not.toMatch(/rounded/);
  });
});
