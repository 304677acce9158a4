import { describe, expect, it } from 'vitest';
import { hiddenLabel, isSmall, suppressGroup, suppressMatrix, withheld } from './disclosure.js';

describe('primary suppression', () => {
  it('hides counts from 1 to 4, never 0 or 5 and over, and can use another threshold', () => {
    expect([0, 1, 4, 5, 12].map((n) => isSmall(n))).toEqual([false, true, true, false, false]);
    expect(isSmall(9, 10)).toBe(true);
    expect(hiddenLabel()).toBe('<5');
  });
});

describe('secondary suppression in a group with a total', () => {
  it('hides the next smallest part when only one part is small', () => {
    const { hidden, hideTotal } = suppressGroup([40, 3, 12, 9]);
    expect([...hidden].sort()).toEqual([1, 3]);
    expect(hideTotal).toBe(false);
  });

  it('leaves a group alone when two or more parts are already hidden, or none is', () => {
    expect([...suppressGroup([40, 3, 2, 9]).hidden].sort()).toEqual([1, 2]);
    expect(suppressGroup([40, 30, 12]).hidden.size).toBe(0);
  });

  it('hides the total when no other part can be hidden, and everything when the total is small', () => {
    expect(suppressGroup([0, 3, 0])).toEqual({ hidden: new Set([1]), hideTotal: true });
    expect(suppressGroup([2, 1, 0])).toEqual({ hidden: new Set([0, 1]), hideTotal: true });
  });

  it('means no hidden cell of a table can be recovered from any row or column total that is shown', () => {
    const cells = [
      [20, 3, 15, 7],
      [11, 9, 1, 30],
      [8, 12, 10, 6],
      [0, 2, 40, 0],
    ];
    const { hidden, hiddenRowTotals, hiddenColumnTotals } = suppressMatrix(cells);
    // Every small count is hidden.
    cells.forEach((row, r) => row.forEach((v, c) => isSmall(v) && expect(hidden[r][c], `cell ${r},${c}`).toBe(true)));
    // Wherever a total is shown, its row or column has no hidden cell, or at least two.
    cells.forEach((_, r) => {
      const n = hidden[r].filter(Boolean).length;
      if (!hiddenRowTotals[r]) expect(n === 0 || n >= 2, `row ${r}`).toBe(true);
    });
    cells[0].forEach((_, c) => {
      const n = hidden.filter((row) => row[c]).length;
      if (!hiddenColumnTotals[c]) expect(n === 0 || n >= 2, `column ${c}`).toBe(true);
    });
  });

  it('withholds a rate made from a hidden count', () => {
    expect(withheld(0.31, false, false)).toBe(0.31);
    expect(withheld(0.31, true, false)).toBeNull();
  });
});
