import { MARAC_QUARTER, quarterLabel, quarterOfDate, ukDate } from '@waymark/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';
import { AGENCY_FIGURES, breakRule, MARAC_FIGURES, toCsv } from '../support/returns-fixtures.js';

const t = useApi();
const KEYS = MARAC_QUARTER.fields.map((f) => f.key);

describe('the Marac return', () => {
  let coordinator: Client;
  beforeAll(async () => {
    coordinator = await t.as('marac');
  });

  it('accepts a valid return as JSON, with referral sources shared between agencies', async () => {
    const answer = await coordinator.post('/api/returns/marac-quarter', {
      period: '2025-26 Q1',
      values: MARAC_FIGURES,
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      version: 1,
      agencyId: null,
      summary: { figures: { referrals_childrens_social_care: 3.5, referrals_education: 0.5 } },
    });
    const stored = await queryDatabase<{ data: Record<string, number> }>(
      t.db.url,
      'SELECT data FROM submission_row WHERE submission_id = $1',
      [answer.body.id],
    );
    expect(stored[0].data).toEqual(MARAC_FIGURES);
  });

  it('rejects each broken rule with 422 naming row, column and rule, and stores nothing', async () => {
    const [{ n: before }] = await queryDatabase<{ n: number }>(t.db.url, 'SELECT count(*)::int AS n FROM submission');
    for (const rule of MARAC_QUARTER.rules) {
      const { row, column } = breakRule(MARAC_QUARTER, rule, MARAC_FIGURES);
      const answer = await coordinator.upload(
        '/api/returns/marac-quarter',
        { name: 'm.csv', bytes: toCsv(KEYS, [row]) },
        { period: '2025-26 Q2' },
      );
      expect(answer.status, rule.id).toBe(422);
      expect(answer.body.problems, rule.id).toContainEqual({
        row: 2,
        column,
        rule: rule.id,
        message: expect.any(String),
      });
    }
    const thirds = await coordinator.post('/api/returns/marac-quarter', {
      period: '2025-26 Q2',
      values: { ...MARAC_FIGURES, referrals_police: 35.333 },
    });
    expect(thirds.body.problems).toContainEqual({
      row: 1,
      column: 'referrals_police',
      rule: 'decimal_places',
      message: 'Referred by police can have at most 2 decimal places',
    });
    const [{ n: after }] = await queryDatabase<{ n: number }>(t.db.url, 'SELECT count(*)::int AS n FROM submission');
    expect(after).toBe(before);
  });

  it('is only for Marac coordinators (their own Marac) and administrators', async () => {
    expect(
      (
        await (
          await t.as('submitter')
        ).post('/api/returns/marac-quarter', { period: '2025-26 Q1', values: MARAC_FIGURES })
      ).status,
    ).toBe(403);
    const admin = await t.as('admin');
    const maracs = (await admin.get('/api/maracs')).body;
    const middlesbrough = maracs.find((m: { areaCode: string }) => m.areaCode === 'E06000002');
    expect(
      (
        await coordinator.post('/api/returns/marac-quarter', {
          period: '2025-26 Q1',
          maracId: middlesbrough.id,
          values: MARAC_FIGURES,
        })
      ).status,
    ).toBe(403);
    const missingOwner = await admin.post('/api/returns/marac-quarter', {
      period: '2025-26 Q1',
      values: MARAC_FIGURES,
    });
    expect(missingOwner.body.problems).toEqual([
      { row: null, column: 'maracId', rule: 'required', message: 'Choose the Marac this is for' },
    ]);
  });
});

describe('completeness of returns', () => {
  it('shows per agency and Marac who returned, late or missing, with the due date', async () => {
    const analyst = await t.as('analyst');
    const past = (await analyst.get('/api/returns/completeness?area=E06000001&period=2025-26%20Q1')).body;
    expect(past).toMatchObject({ area: 'E06000001', period: '2025-26 Q1', dueDate: '2025-07-30', dueDays: 30 });
    expect(past.items).toHaveLength(14); // 13 agencies and one Marac in Hartlepool
    const marac = past.items.find((i: { kind: string }) => i.kind === 'marac');
    expect(marac).toMatchObject({ name: 'Hartlepool Marac (demo)', status: 'late', version: 1, dueDate: '2025-07-30' });
    expect(past.items.filter((i: { status: string }) => i.status === 'missing')).toHaveLength(13);
    expect(past.counts).toEqual({ returned: 0, late: 1, missing: 13, not_yet_due: 0 });

    // A return sent during the current quarter is on time; everyone else is not yet due.
    const current = quarterLabel(quarterOfDate(ukDate()));
    const submitter = await t.as('submitter');
    expect(
      (await submitter.post('/api/returns/agency-quarter', { period: current, values: AGENCY_FIGURES })).status,
    ).toBe(201);
    const now = (await analyst.get(`/api/returns/completeness?area=E06000001&period=${encodeURIComponent(current)}`))
      .body;
    expect(now.counts).toEqual({ returned: 1, late: 0, missing: 0, not_yet_due: 13 });

    // The force-area view covers every district inside it.
    const force = (await analyst.get('/api/returns/completeness?area=E23000013&period=2025-26%20Q1')).body;
    expect(force.items).toHaveLength(3 * 14);
  });

  it('stays inside the caller’s scope', async () => {
    const viewer = await t.as('viewer');
    expect((await viewer.get('/api/returns/completeness?area=E06000002&period=2025-26%20Q1')).status).toBe(404);
    const own = (await viewer.get('/api/returns/completeness?period=2025-26%20Q1')).body;
    expect(new Set(own.items.map((i: { areaCode: string }) => i.areaCode))).toEqual(new Set(['E06000001']));
    const submitter = await t.as('submitter');
    const mine = (await submitter.get('/api/returns/completeness?period=2025-26%20Q1')).body;
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ kind: 'agency', sector: 'drug_alcohol_service' });
  });
});
