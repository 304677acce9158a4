import { describe, expect, it } from 'vitest';
import {
  describeDisclosure,
  hiddenLabel,
  HIDDEN_CELL_COUNTS_AS,
  isSmall,
  publishCount,
  publishedCellValue,
} from './disclosure.js';

describe('published counts', () => {
  it('keeps 0, hides 1 to 4 (halves too) and rounds the rest to the nearest 5', () => {
    expect([0, 0.5, 1, 4, 4.5, 5, 6, 7, 7.5, 8, 12, 13, 60, 62.5, 1003].map((n) => publishCount(n))).toEqual([
      0,
      null,
      null,
      null,
      null,
      5,
      5,
      5,
      10,
      10,
      10,
      15,
      60,
      65,
      1005,
    ]);
    expect([0, 1, 4, 5, 12].map((n) => isSmall(n))).toEqual([false, true, true, false, false]);
    expect(hiddenLabel()).toBe('<5');
  });

  it('takes another base or threshold, and base 1 only hides', () => {
    expect([7, 14, 15, 26].map((n) => publishCount(n, { threshold: 5, roundingBase: 10 }))).toEqual([10, 10, 20, 30]);
    expect([3, 9, 10, 11].map((n) => publishCount(n, { threshold: 10, roundingBase: 1 }))).toEqual([
      null,
      null,
      10,
      11,
    ]);
  });

  it('adds a hidden cell to totals as 2 whatever its value, so a total made of one or two hidden cells is hidden too', () => {
    expect([1, 2, 3, 4].map((n) => publishedCellValue(n))).toEqual([2, 2, 2, 2].map(() => HIDDEN_CELL_COUNTS_AS));
    expect([0, 7, 12].map((n) => publishedCellValue(n))).toEqual([0, 5, 10]);
    expect(publishCount(publishedCellValue(1) + publishedCellValue(4))).toBeNull();
    expect(publishCount(publishedCellValue(3) + publishedCellValue(7) + publishedCellValue(2))).toBe(10);
  });

  it('is said in words that name the threshold, the base and how totals are made', () => {
    expect(describeDisclosure()).toMatch(/from 1 to 4 are shown as "<5".*nearest 5.*hidden one counts as 2/);
    expect(describeDisclosure({ threshold: 5, roundingBase: 1 })).not.toMatch(/rounded/);
  });
});
