import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appliesTo, readFramework, type Framework } from './framework.js';
import { compliance, parseFinancialYear } from './ratings.js';

const frameworkProblems = (raw: unknown) => readFramework(raw).problems;

const dir = fileURLToPath(new URL('../../../../seeds/standards/', import.meta.url));
const seeded: Framework[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(dir + f, 'utf8')));
const agency = seeded.find((f) => f.kind === 'agency')!;
const marac = seeded.find((f) => f.kind === 'marac')!;

describe('the seeded standards frameworks', () => {
  it('are valid documents', () => {
    for (const f of seeded) expect(frameworkProblems(f), f.key).toEqual([]);
  });

  it('give agencies at least 30 standards across at least 8 themes, each with id, theme, statement, evidence and sectors', () => {
    expect(agency.standards.length).toBeGreaterThanOrEqual(30);
    expect(new Set(agency.standards.map((s) => s.theme)).size).toBeGreaterThanOrEqual(8);
    for (const s of agency.standards) {
      expect(s.id).toMatch(/^[A-Z]+-\d{2}$/);
      expect(agency.themes.map((t) => t.id)).toContain(s.theme);
      expect(s.statement.length).toBeGreaterThan(30);
      expect(s.evidence.length).toBeGreaterThan(10);
      expect(s.sectors.length).toBeGreaterThan(0);
    }
    expect(agency.standards.some((s) => s.quickWin)).toBe(true);
    expect(agency.standards.some((s) => !s.quickWin)).toBe(true);
  });

  it('give Marac self-assessment the ten principles of an effective Marac', () => {
    expect(marac.themes.map((t) => t.title)).toEqual([
      'Identification',
      'Referral',
      'Multi-agency engagement',
      'Independent representation',
      'Research and information sharing',
      'Action planning',
      'Volume of cases',
      'Equality',
      'Operational support',
      'Governance',
    ]);
    for (const theme of marac.themes)
      expect(
        marac.standards.some((s) => s.theme === theme.id),
        theme.id,
      ).toBe(true);
  });
});

describe('framework checks', () => {
  it('name every problem in a broken document', () => {
    const problems = frameworkProblems({
      key: 'Bad Key',
      version: '1',
      kind: 'other',
      title: 'x',
      themes: [{ id: 't', title: 'T' }],
      standards: [{ id: 'a-1', theme: 'nope', statement: '', evidence: 'e', sectors: ['bakery'], quickWin: 'yes' }],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'key',
      'kind',
      'standards[0].id',
      'standards[0].theme',
      'standards[0].statement',
      'standards[0].sectors',
      'standards[0].quickWin',
    ]);
  });

  it('refuse properties that are not part of a framework, naming where they are and never a key that could identify someone', () => {
    const doc = {
      ...agency,
      notes: 'Jane Smith 17/03/1984',
      themes: [{ ...agency.themes[0], colour: 'red' }, ...agency.themes.slice(1)],
      standards: [{ ...agency.standards[0], note: 'seen' }, ...agency.standards.slice(1)],
    };
    expect(frameworkProblems(doc).map((p) => p.path)).toEqual(['notes', 'themes[0].colour', 'standards[0].note']);
    const hostileKey = frameworkProblems({ ...agency, 'Jane Smith 17/03/1984': 1 });
    expect(hostileKey).toEqual([
      { path: 'framework', message: expect.stringMatching(/^a property is not part of a framework/) },
    ]);
    expect(JSON.stringify(hostileKey)).not.toContain('Smith');
  });

  it('hold codes and versions to strict formats, and read every text, codes included, for identifiers', () => {
    const problems = (change: Record<string, unknown>) =>
      frameworkProblems({ ...agency, ...change }).map((p) => p.path);
    for (const version of ['943 476 5919', '943.476.5919'])
      expect(problems({ version }), version).toEqual(['version', 'version']); // the wrong format, and an NHS number
    for (const version of ['1', '1.0', '2.1.3']) expect(problems({ version }), version).toEqual([]);
    expect(
      problems({ themes: [{ ...agency.themes[0], id: 'Jane Smith 17/03/1984' }, ...agency.themes.slice(1)] }),
    ).toContain('themes[0].id');
    expect(problems({ key: 'jane-smith-17031984' })).toEqual(['key']);
    expect(problems({ standards: [{ ...agency.standards[0], id: 'TS24-8AB' }, ...agency.standards.slice(1)] })).toEqual(
      ['standards[0].id'],
    );
    expect(problems({ title: 'Standards\u0000' })).toEqual(['title']);
  });

  it('build the framework from the checked values alone', () => {
    const { framework } = readFramework({
      ...agency,
      title: `  ${agency.title} `,
      standards: agency.standards.map((s, i) => (i === 0 ? { ...s, sectors: ['all', 'all'] } : s)),
    });
    expect(framework).not.toBeNull();
    expect(framework!.title).toBe(agency.title);
    expect(framework!.standards[0].sectors).toEqual(['all']);
    expect(Object.keys(framework!)).toEqual([
      'key',
      'version',
      'kind',
      'title',
      'description',
      'sources',
      'themes',
      'standards',
    ]);
    expect(readFramework([agency]).problems).toEqual([{ path: 'framework', message: expect.any(String) }]);
  });

  it('apply standards by sector', () => {
    expect(appliesTo({ sectors: ['all'] }, 'police')).toBe(true);
    expect(appliesTo({ sectors: ['refuge', 'housing'] }, 'housing')).toBe(true);
    expect(appliesTo({ sectors: ['refuge'] }, 'police')).toBe(false);
  });
});

describe('compliance', () => {
  it('leaves not-applicable standards out of the denominator', () => {
    expect(compliance(['met', 'met', 'partly_met', 'not_met', 'not_applicable', 'not_applicable'])).toEqual({
      met: 2,
      partlyMet: 1,
      notMet: 1,
      notApplicable: 2,
      applicable: 4,
      metShare: 0.5,
    });
    expect(compliance(['not_applicable']).metShare).toBeNull();
  });

  it('reads financial years', () => {
    expect(parseFinancialYear('2025-26')).toEqual({ startYear: 2025 });
    expect(parseFinancialYear('2025-27')).toBeNull();
  });
});
