import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sqlFile } from './queries.js';

const dir = fileURLToPath(new URL('../sql/', import.meta.url));

describe('analytics SQL files', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.sql')))(
    '%s reads facts only through the scoped views',
    (file) => {
      const text = readFileSync(dir + file, 'utf8').replace(/--.*$/gm, '');
      expect(text).not.toMatch(/\bfact_\w+/);
      expect(text).not.toMatch(/\$\{/); // no string interpolation: values arrive as named parameters
    },
  );

  it('fills placeholders only with what it is given, and refuses missing ones', () => {
    expect(sqlFile('fact_sums', { fact: 'scoped_marac', group: "'all'", sums: 'sum(x) AS x' })).toContain(
      'FROM scoped_marac',
    );
    expect(() => sqlFile('fact_sums', { fact: 'scoped_marac' })).toThrow(/needs \{\{group\}\}/);
  });
});
