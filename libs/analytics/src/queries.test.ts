import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCOPED_VIEWS, sqlFile } from './queries.js';

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

  it('keeps every scoped view in its own file, each limited to the caller and the range', () => {
    const files = readdirSync(`${dir}scoped`).filter((f) => f.endsWith('.sql'));
    expect(files.sort()).toEqual(SCOPED_VIEWS.map((v) => `${v}.sql`).sort());
    for (const view of SCOPED_VIEWS) {
      const text = readFileSync(`${dir}scoped/${view}.sql`, 'utf8').replace(/--.*$/gm, '');
      expect(text, view).toMatch(/\{\{(in_scope|area_in_scope)\}\}/);
      if (/\bfact_(agency|marac|case)/.test(text)) expect(text, view).toContain('{{in_range}}');
      expect(text, view).not.toMatch(/\$\{/);
    }
  });
});
