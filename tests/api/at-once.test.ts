import { describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';

const t = useApi();
const HARTLEPOOL = 'E06000001';

/** The same thing made by several requests at the same moment: one stands, the others are told why, none is a 500. */
describe('requests that clash', () => {
  it('make one agency, Marac, account or schedule, and answer the rest with 409 or 422', async () => {
    const admin = await t.as('admin');
    const eight = <T>(send: () => Promise<T>) => Promise.all(Array.from({ length: 8 }, send));
    const statuses = (answers: { status: number }[]) => answers.map((a) => a.status).sort();

    const agencies = await eight(() =>
      admin.post('/api/agencies', { name: 'Clash refuge', sector: 'refuge', areaCode: HARTLEPOOL }),
    );
    const maracs = await eight(() => admin.post('/api/maracs', { name: 'Clash Marac', areaCode: HARTLEPOOL }));
    const users = await eight(() =>
      admin.post('/api/users', {
        email: 'clash@demo.waymark.test',
        displayName: 'Clash',
        role: 'viewer',
        areaCodes: [HARTLEPOOL],
      }),
    );
    for (const [what, answers] of [
      ['agency', agencies],
      ['Marac', maracs],
      ['account', users],
    ] as const) {
      expect(
        statuses(answers).filter((s) => s === 201),
        what,
      ).toHaveLength(1);
      expect(
        statuses(answers).every((s) => s === 201 || s === 409 || s === 422),
        `${what}: ${statuses(answers).join(',')}`,
      ).toBe(true);
      for (const refused of answers.filter((a) => a.status === 409))
        expect(refused.body.problems[0].rule).toBe('already_exists');
    }

    const agencyId = agencies.find((a) => a.status === 201)!.body.id;
    const schedules = await eight(() =>
      admin.post('/api/schedules', { agencyId, returnType: 'case-level', from: '2025-26 Q1', until: '2025-26 Q4' }),
    );
    expect(statuses(schedules).filter((s) => s === 201)).toHaveLength(1);
    expect(
      await queryDatabase(
        t.db.url,
        `SELECT count(*)::int AS n FROM return_schedule WHERE agency_id = $1 AND return_type = 'case-level'`,
        [agencyId],
      ),
    ).toEqual([{ n: 1 }]);
    expect(t.api.output()).not.toMatch(/argon2|\b500\b/);
  });
});
