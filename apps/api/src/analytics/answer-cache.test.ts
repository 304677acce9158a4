import { describe, expect, it } from 'vitest';
import { AnswerCache } from './answer-cache.js';

describe('AnswerCache', () => {
  it('computes once per key until the warehouse changes, shares answers in flight, and forgets failures and the least used', async () => {
    const warehouse = { generation: 0 };
    const cache = new AnswerCache(warehouse, 2);
    let computed = 0;
    const compute = (value: string) => () => {
      computed += 1;
      return Promise.resolve(value);
    };
    const [a, b] = await Promise.all([cache.get('a', compute('A')), cache.get('a', compute('A'))]);
    expect([a, b, computed]).toEqual(['A', 'A', 1]);
    warehouse.generation = 1;
    expect(await cache.get('a', compute('A2'))).toBe('A2');
    expect(computed).toBe(2);
    await expect(cache.get('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.get('bad', compute('recovered'))).toBe('recovered');
    await cache.get('c', compute('C')); // capacity 2: "a" is now the least recently used and goes
    const before = computed;
    await cache.get('a', compute('A3'));
    expect(computed).toBe(before + 1);
  });
});
