import { describe, expect, it } from 'vitest';
import { areaKey } from './schema.js';

describe('area keys', () => {
  it('tell apart districts whose codes share their first eight characters, in code order', () => {
    const london = ['E09000001', 'E09000006', 'E09000033'].map(areaKey);
    expect(new Set(london).size).toBe(3);
    expect(london).toEqual([...london].sort((a, b) => a! - b!));
    expect(areaKey('W06000015')).toBeGreaterThan(areaKey('E23000001')!);
    expect(areaKey('E09000006')).toBe(69 * 100_000_000 + 9_000_006);
    expect(areaKey(null)).toBeNull();
  });

  it('fit exactly in a double, so they bind as BIGINT without rounding', () => {
    expect(Number.isSafeInteger(areaKey('Z99999999'))).toBe(true);
  });
});
