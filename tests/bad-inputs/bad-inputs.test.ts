import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';
import { BAD_INPUTS, type BadInput } from './corpus.js';

const t = useApi();
const PERIOD = '2025-26 Q1';

interface Answer {
  problems?: { row: number | null; column: string | null; rule: string; message: string }[];
  errors?: { field: string; message: string }[];
}

/** Problems from either answer shape: file problems, or form-field errors (field as the rule). */
const problemsIn = (body: Answer) =>
  body.problems ?? (body.errors ?? []).map((e) => ({ row: null, column: null, rule: e.field, message: e.message }));

describe('the bad-input corpus', () => {
  let senders: Record<'submitter' | 'marac', Client>;
  const stored = async () => Number((await queryDatabase(t.db.url, 'SELECT count(*) AS n FROM submission'))[0].n);

  beforeAll(async () => {
    senders = { submitter: await t.as('submitter'), marac: await t.as('marac') };
  });

  it('holds at least 40 hostile or broken uploads across all three return types', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD_INPUTS.map((b) => b.type))).toEqual(new Set(['agency-quarter', 'marac-quarter', 'case-level']));
    expect(new Set(BAD_INPUTS.map((b) => b.id)).size).toBe(BAD_INPUTS.length);
  });

  it.each(BAD_INPUTS.map((b) => [b.id, b] as [string, BadInput]))(
    'refuses %s with a precise 4xx and stores nothing',
    async (_id, bad) => {
      const before = await stored();
      const sender = senders[bad.type === 'marac-quarter' ? 'marac' : 'submitter'];
      const answer = await sender.upload<Answer>(`/api/returns/${bad.type}`, await bad.file(), {
        period: bad.period ?? PERIOD,
      });
      expect(answer.status, JSON.stringify(answer.body).slice(0, 400)).toBe(bad.status);
      const problems = problemsIn(answer.body);
      const match = problems.find(
        (p) =>
          p.rule === bad.rule &&
          (bad.column === undefined || p.column === bad.column) &&
          (bad.row === undefined || p.row === bad.row),
      );
      expect(
        match,
        `expected ${bad.rule} ${bad.column ?? ''} ${bad.row ?? ''} in ${JSON.stringify(problems).slice(0, 600)}`,
      ).toBeDefined();
      expect(match!.message.length).toBeGreaterThan(10);
      expect(await stored()).toBe(before);
    },
    60_000,
  );

  it('is still healthy after the whole corpus, with no return stored', async () => {
    expect((await t.anonymous().get('/api/health')).status).toBe(200);
    expect(await stored()).toBe(0);
    expect(t.api.output()).not.toMatch(/\b500\b|Internal server error/i);
  });
});
