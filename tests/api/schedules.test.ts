import { quarterLabel, quarterOfDate, ukDate } from '@waymark/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource, migrate } from '../../apps/api/dist/apps/api/src/database/data-source.js';
import { MIGRATIONS } from '../../apps/api/dist/migrations/index.js';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/databases.js';
import { analystOf, useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';

const t = useApi();
const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const quarter = (n: 1 | 2 | 3 | 4) => `2025-26 Q${n}`;

interface Schedule {
  id: string;
  agencyId: string | null;
  maracId: string | null;
  returnType: string;
  from: string;
  until: string | null;
}

describe('return schedules', () => {
  let admin: Client;
  let hartlepoolRefuge: string;
  let middlesbroughRefuge: string;

  /** The Hartlepool agencies and Maracs (with the return type) whose returns are due in a quarter. */
  const dueIn = async (period: string) =>
    (
      (await admin.get(`/api/returns/completeness?area=${HARTLEPOOL}&period=${encodeURIComponent(period)}`)).body
        .items as { id: string; returnType: string }[]
    ).map((i) => `${i.id} ${i.returnType}`);
  const agencyDue = async (from: string, to: string) =>
    (
      await admin.get(
        `/api/analytics/indicators?area=${HARTLEPOOL}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      )
    ).body.returns.agency.due as number;

  beforeAll(async () => {
    admin = await t.as('admin');
    const agencies = (await admin.get('/api/agencies?sector=refuge')).body as { id: string; areaCode: string }[];
    hartlepoolRefuge = agencies.find((a) => a.areaCode === HARTLEPOOL)!.id;
    middlesbroughRefuge = agencies.find((a) => a.areaCode === MIDDLESBROUGH)!.id;
  });

  it('give every demo agency and Marac its quarterly return, so completeness counts what it always did', async () => {
    const schedules = (await admin.get(`/api/schedules?area=${HARTLEPOOL}`)).body as Schedule[];
    expect(schedules).toHaveLength(14); // 13 agencies and a Marac
    expect(new Set(schedules.map((s) => `${s.returnType} ${s.from} ${s.until}`))).toEqual(
      new Set(['agency-quarter 2019-20 Q1 null', 'marac-quarter 2019-20 Q1 null']),
    );
    expect(await dueIn(quarter(1))).toHaveLength(14);
    expect(await agencyDue(quarter(1), quarter(2))).toBe(26);
  });

  it('make a new agency due only from the quarter it was scheduled from, in completeness and in the analytics', async () => {
    const made = await admin.post('/api/agencies', {
      name: 'Hartlepool Recovery Hub',
      sector: 'drug_alcohol_service',
      areaCode: HARTLEPOOL,
      scheduleFrom: quarter(3),
    });
    expect(made.status).toBe(201);
    expect(await dueIn(quarter(2))).not.toContain(`${made.body.id} agency-quarter`);
    expect(await dueIn(quarter(3))).toContain(`${made.body.id} agency-quarter`);
    expect(await agencyDue(quarter(1), quarter(2))).toBe(26);
    expect(await agencyDue(quarter(1), quarter(3))).toBe(13 * 3 + 1);

    // Without a word about it, a new agency owes its quarterly return from the quarter it is added in,
    // so it is not late for a quarter that fell due before it existed.
    const plain = await admin.post('/api/agencies', {
      name: 'Hartlepool Harbour Refuge',
      sector: 'refuge',
      areaCode: HARTLEPOOL,
    });
    const [own] = ((await admin.get(`/api/schedules?area=${HARTLEPOOL}`)).body as Schedule[]).filter(
      (s) => s.agencyId === plain.body.id,
    );
    expect(own).toMatchObject({ returnType: 'agency-quarter', until: null });
    expect(own.from).toBe(quarterLabel(quarterOfDate(ukDate())));
    expect(await dueIn(quarter(4))).not.toContain(`${plain.body.id} agency-quarter`);
  });

  it('stop a return being due once ended, and can add another return type', async () => {
    const [refuge] = ((await admin.get(`/api/schedules?area=${HARTLEPOOL}`)).body as Schedule[]).filter(
      (s) => s.agencyId === hartlepoolRefuge,
    );
    const ended = await admin.patch(`/api/schedules/${refuge.id}`, { until: quarter(1) });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: refuge.id, from: '2019-20 Q1', until: quarter(1) });
    expect(await dueIn(quarter(1))).toContain(`${hartlepoolRefuge} agency-quarter`);
    expect(await dueIn(quarter(2))).not.toContain(`${hartlepoolRefuge} agency-quarter`);
    expect(await agencyDue(quarter(1), quarter(2))).toBe(13 + 12);

    const caseLevel = await admin.post('/api/schedules', {
      agencyId: hartlepoolRefuge,
      returnType: 'case-level',
      from: quarter(1),
      until: quarter(1),
    });
    expect(caseLevel.status).toBe(201);
    expect(caseLevel.body).toMatchObject({
      agencyId: hartlepoolRefuge,
      maracId: null,
      returnType: 'case-level',
      from: quarter(1),
      until: quarter(1),
    });
    expect(await dueIn(quarter(1))).toContain(`${hartlepoolRefuge} case-level`);
    expect(await dueIn(quarter(2))).not.toContain(`${hartlepoolRefuge} case-level`);
    const events = await queryDatabase(
      t.db.url,
      `SELECT target_id FROM audit_event WHERE action = 'schedule_changed' ORDER BY id`,
    );
    expect(events).toEqual([{ target_id: refuge.id }, { target_id: caseLevel.body.id }]);
  });

  it('refuse, with every problem named, a return the owner does not send, bad quarters and overlapping schedules', async () => {
    const problems = async (body: unknown, path = '/api/schedules', method = 'POST') => {
      const answer = await admin.request(method, path, body);
      expect(answer.status).toBe(422);
      return answer.body.problems.map((p: { column: string }) => p.column).sort();
    };
    expect(await problems({ agencyId: hartlepoolRefuge, returnType: 'marac-quarter', from: 'April 2025' })).toEqual([
      'from',
      'returnType',
    ]);
    expect(
      await problems({ agencyId: hartlepoolRefuge, returnType: 'case-level', from: quarter(3), until: quarter(2) }),
    ).toEqual(['until']);
    expect(await problems({ returnType: 'agency-quarter', from: quarter(1) })).toEqual(['agencyId']);
    expect(
      await problems({
        agencyId: hartlepoolRefuge,
        maracId: hartlepoolRefuge,
        returnType: 'agency-quarter',
        from: quarter(1),
      }),
    ).toEqual(['agencyId']);
    // The refuge owed its quarterly return until 2025-26 Q1: a schedule from 2024-25 would overlap; one from Q2 does not.
    expect(await problems({ agencyId: hartlepoolRefuge, returnType: 'agency-quarter', from: '2024-25 Q1' })).toEqual([
      'from',
    ]);
    expect(
      (
        await admin.post('/api/schedules', {
          agencyId: hartlepoolRefuge,
          returnType: 'agency-quarter',
          from: quarter(2),
        })
      ).status,
    ).toBe(201);
    const [first] = ((await admin.get(`/api/schedules?area=${HARTLEPOOL}`)).body as Schedule[]).filter(
      (s) => s.agencyId === hartlepoolRefuge && s.from === '2019-20 Q1',
    );
    expect(await problems({ until: null }, `/api/schedules/${first.id}`, 'PATCH')).toEqual(['until']);
    expect(await problems({}, `/api/schedules/${first.id}`, 'PATCH')).toEqual(['until']);
    expect(await problems({ until: '2018-19 Q4' }, `/api/schedules/${first.id}`, 'PATCH')).toEqual(['until']);
  });

  it('are read by everyone signed in for their areas, and changed only by administrators and analysts for theirs', async () => {
    const analyst = await analystOf(t, HARTLEPOOL);
    const theirs = ((await admin.get(`/api/schedules?area=${MIDDLESBROUGH}`)).body as Schedule[]).find(
      (s) => s.agencyId === middlesbroughRefuge,
    )!;
    expect(
      (
        await analyst.post('/api/schedules', {
          agencyId: middlesbroughRefuge,
          returnType: 'case-level',
          from: quarter(1),
        })
      ).status,
    ).toBe(404);
    expect((await analyst.patch(`/api/schedules/${theirs.id}`, { until: quarter(1) })).status).toBe(404);
    expect((await analyst.get(`/api/schedules?area=${MIDDLESBROUGH}`)).status).toBe(404);
    expect(
      ((await analyst.get('/api/schedules')).body as Schedule[]).every((s) => s.agencyId !== middlesbroughRefuge),
    ).toBe(true);
    expect(
      (await analyst.post('/api/schedules', { agencyId: hartlepoolRefuge, returnType: 'case-level', from: quarter(3) }))
        .status,
    ).toBe(201);

    const viewer = await t.as('viewer');
    expect((await viewer.get('/api/schedules')).status).toBe(200);
    expect(
      (await viewer.post('/api/schedules', { agencyId: hartlepoolRefuge, returnType: 'case-level', from: quarter(4) }))
        .status,
    ).toBe(403);
    expect((await t.anonymous().get('/api/schedules')).status).toBe(401);
    const submitter = await t.as('submitter');
    const own = (await submitter.get('/api/schedules')).body as Schedule[];
    expect(new Set(own.map((s) => s.agencyId))).toEqual(new Set([(await submitter.get('/api/auth/me')).body.agencyId]));
  });
});

describe('the return schedules migration', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('schedules what an older database expected: each agency’s and Marac’s quarterly return, from its creation or its first return if earlier', async () => {
    const older = createDataSource(
      db.url,
      MIGRATIONS.slice(
        0,
        MIGRATIONS.findIndex((m) => m.name.startsWith('ReturnSchedules')),
      ),
    );
    await older.initialize();
    await migrate(older);
    await older.query(`INSERT INTO area (code, name, type) VALUES ('E06000001', 'Hartlepool', 'lad')`);
    const [{ id: user }] = await older.query(
      `INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('a@example.test', 'A', 'x', 'admin') RETURNING id`,
    );
    const agency = async (name: string, createdAt: string, active = true) =>
      (
        await older.query(
          `INSERT INTO agency (name, sector, area_code, created_at, active) VALUES ($1, 'refuge', 'E06000001', $2, $3) RETURNING id`,
          [name, createdAt, active],
        )
      )[0].id as string;
    const sent = (column: string, id: string, type: string, period: string) =>
      older.query(
        `INSERT INTO submission (return_type, ${column}, period, version, submitted_by, media_type, byte_size, sha256, row_count) VALUES ($1, $2, $3, 1, $4, 'application/json', 2, sha256('{}'), 1)`,
        [type, id, period, user],
      );
    const returnedEarly = await agency('Loaded from the old system', '2026-06-01T12:00:00Z');
    await sent('agency_id', returnedEarly, 'agency-quarter', '2024-25 Q2');
    await sent('agency_id', returnedEarly, 'case-level', '2023-24 Q4');
    const silent = await agency('Never sent anything', '2025-05-01T12:00:00Z', false);
    const [{ id: marac }] = await older.query(
      `INSERT INTO marac (name, area_code, created_at) VALUES ('Old Marac', 'E06000001', '2023-03-31T23:30:00Z') RETURNING id`,
    ); // 1 April in the UK
    await sent('marac_id', marac, 'marac-quarter', '2025-26 Q1');
    await older.destroy();

    const after = createDataSource(db.url);
    await after.initialize();
    expect((await migrate(after)).applied).toContain('ReturnSchedules1796271000000');
    await after.destroy();
    const schedules = await queryDatabase(
      db.url,
      'SELECT coalesce(agency_id, marac_id) AS owner, return_type, from_period, until_period FROM return_schedule ORDER BY from_period',
    );
    expect(schedules).toEqual([
      { owner: marac, return_type: 'marac-quarter', from_period: '2023-24 Q1', until_period: null },
      { owner: returnedEarly, return_type: 'agency-quarter', from_period: '2023-24 Q4', until_period: null },
      { owner: silent, return_type: 'agency-quarter', from_period: '2025-26 Q1', until_period: null },
    ]);
  });
});
