import { describe, expect, it } from 'vitest';
import { asText, inSentence } from './text.js';

describe('labels inside sentences', () => {
  it('lower-cases an ordinary label but keeps acronyms and the names Idva, Marac and SafeLives', () => {
    expect(inSentence('Police')).toBe('police');
    expect(inSentence("Children's social care")).toBe("children's social care");
    expect(inSentence('MASH')).toBe('MASH');
    expect(inSentence('Idva service')).toBe('Idva service');
    expect(inSentence('Marac')).toBe('Marac');
    expect(inSentence('Black, Asian and racially minoritised victims')).toBe(
      'Black, Asian and racially minoritised victims',
    );
    expect(inSentence('Maracs side by side')).toBe('Maracs side by side');
    expect(inSentence('SafeLives recommended level')).toBe('SafeLives recommended level');
    expect(inSentence('Maracaibo')).toBe('maracaibo'); // the name, not any word it begins
  });
});

describe('values as text', () => {
  it('writes every kind of value as String() does', () => {
    const date = new Date(Date.UTC(2025, 3, 1));
    const values: unknown[] = [
      'text',
      '',
      12.5,
      -0,
      NaN,
      true,
      10n,
      undefined,
      null,
      Symbol('s'),
      date,
      [1, null, 'a', [2, 3], undefined],
      [],
      { a: 1 },
      JSON.parse('{"rows":[1]}'),
      new URL('https://example.org/a'),
      Buffer.from('bytes'),
    ];
    for (const value of values) expect(asText(value)).toBe(String(value));
  });

  it('reads an object whose toString is not a function as a plain object, where String() would throw', () => {
    const hostile: unknown = JSON.parse('{"toString": 1}');
    expect(() => String(hostile)).toThrow(TypeError);
    expect(asText(hostile)).toBe('[object Object]');
    expect(asText(JSON.parse('[{"toString": 1}, 2]'))).toBe('[object Object],2');
  });
});
