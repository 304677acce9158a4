import { describe, expect, it } from 'vitest';
import { inSentence } from './text.js';

describe('labels inside sentences', () => {
  it('lower-cases an ordinary label but keeps acronyms and the names Idva and Marac', () => {
    expect(inSentence('Police')).toBe('police');
    expect(inSentence("Children's social care")).toBe("children's social care");
    expect(inSentence('MASH')).toBe('MASH');
    expect(inSentence('Idva service')).toBe('Idva service');
    expect(inSentence('Marac')).toBe('Marac');
    expect(inSentence('Black, Asian and racially minoritised victims')).toBe(
      'Black, Asian and racially minoritised victims',
    );
    expect(inSentence('Maracs side by side')).toBe('Maracs side by side');
    expect(inSentence('Maracaibo')).toBe('maracaibo'); // the name, not any word it begins
  });
});
