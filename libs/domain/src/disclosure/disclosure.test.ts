import { describe, expect, it } from 'vitest';
import { hiddenLabel, isSmall, suppressGroup } from './disclosure.js';

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

  it('leaves no single hidden cell in any column of a table whose column totals can be shown', () => {
    const columns = [[20, 3, 15, 7], [11, 9, 1, 30], [0, 2, 40, 0]];
    for (const column of columns) {
      const { hidden, hideTotal } = suppressGroup(column);
      column.forEach((v, i) => isSmall(v) && expect(hidden.has(i)).toBe(true));
      expect(hideTotal || hidden.size === 0 || hidden.size >= 2).toBe(true);
    }
  });
});
