import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDICATORS } from '@waymark/domain';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** The code that works indicators out and publishes them: it must treat every catalogue entry alike. */
const ANALYTICS_DIRS = ['libs/analytics/src', 'libs/analytics/sql', 'apps/api/src/analytics'];

const sources = () =>
  ANALYTICS_DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|sql)$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(ROOT, dir, f), 'utf8') })),
  );

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Places where code singles out an indicator by id: compared with, switched on, or keyed in a map. */
function branchesById(text: string, ids: readonly string[]): string[] {
  const found: string[] = [];
  for (const id of ids) {
    const literal = `['"\`]${escape(id)}['"\`]`;
    const patterns = [
      new RegExp(`(===|!==|==|!=)\\s*${literal}`),
      new RegExp(`${literal}\\s*(===|!==|==|!=)`),
      new RegExp(`case\\s+${literal}`),
      new RegExp(`^\\s*['"]?${escape(id)}['"]?\\s*:`, 'm'),
      new RegExp(`\\.(includes|has)\\(\\s*${literal}`),
    ];
    for (const p of patterns) if (p.test(text)) found.push(`${id} (${p.source})`);
  }
  return found;
}

describe('the analytics code evaluates every catalogue entry the same way', () => {
  const ids = INDICATORS.map((d) => d.id);

  it('finds a branch by id when one is written', () => {
    expect(branchesById(`if (def.id === 'marac_cases_per_10k') return 1;`, ids)).toHaveLength(1);
    expect(branchesById(`switch (id) {\n  case "disclosure_rate":`, ids)).toHaveLength(1);
    expect(branchesById(`const parts = {\n  marac_repeat_rate: [m.repeat_cases, cases],\n};`, ids)).toHaveLength(1);
    expect(branchesById(`const wanted = query.indicators ?? 'marac_repeat_rate';`, ids)).toEqual([]);
  });

  it('has no branch on an indicator id in libs/analytics or the API analytics module', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(10);
    const branches = files.flatMap(({ file, text }) => branchesById(text, ids).map((b) => `${file}: ${b}`));
    expect(branches).toEqual([]);
  });
});
