import { AGENCY_QUARTER } from '@waymark/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import { Client, DEMO } from '../support/http.js';
import { AGENCY_FIGURES, caseRows, toCsv } from '../support/returns-fixtures.js';

const t = useApi();
const ROWS = caseRows(12);
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$|^::1$/;

interface AuditEvent {
  id: string;
  at: string;
  actor: { id: string | null; email: string | null; role: string | null } | null;
  action: string;
  target: { type: string; id: string | null } | null;
  areaCode: string | null;
  summary: string;
  details: Record<string, unknown>;
  address: string | null;
}

/** A CSV file's rows as arrays of cells (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += text[++i];
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      rows.push([...row, cell.replace(/\r$/, '')]);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

describe('the audit trail', () => {
  let admin: Client;
  let submitter: Client;
  let analyst: Client;

  const lastEventId = async () =>
    Number(
      (await queryDatabase<{ last: string }>(t.db.url, 'SELECT coalesce(max(id), 0) AS last FROM audit_event'))[0].last,
    );

  /** The events recorded while `act` ran, as an administrator reads them. */
  async function recordedDuring(act: () => Promise<unknown>): Promise<AuditEvent[]> {
    const before = await lastEventId();
    await act();
    const { events } = (await admin.get('/api/audit-events')).body as { events: AuditEvent[] };
    return events.filter((e) => Number(e.id) > before);
  }

  /** Exactly one event, of this action, by this account, from this machine, with a summary. */
  async function onlyEvent(action: string, email: string, act: () => Promise<unknown>): Promise<AuditEvent> {
    const events = await recordedDuring(act);
    expect(events.map((e) => e.action)).toEqual([action]);
    expect(events[0].actor?.email).toBe(email);
    expect(events[0].address).toMatch(LOOPBACK);
    expect(events[0].summary.length).toBeGreaterThan(5);
    return events[0];
  }

  beforeAll(async () => {
    admin = await t.as('admin');
    submitter = await t.as('submitter');
    analyst = await t.as('analyst');
  });

  it('records a sign-in, a refused sign-in and a sign-out once each, never the password', async () => {
    const signedIn = await onlyEvent('sign_in', DEMO.viewer, () => t.as('viewer'));
    expect(signedIn.actor).toMatchObject({ id: expect.any(String), role: 'viewer' });

    const wrong = await onlyEvent('sign_in_failed', DEMO.viewer, () =>
      t.anonymous().post('/api/auth/login', { email: DEMO.viewer, password: 'not-the-password-1' }),
    );
    expect(wrong.actor).toEqual({ id: signedIn.actor!.id, email: DEMO.viewer, role: 'viewer' });
    expect(wrong.details).toEqual({ reason: 'wrong_password' });

    const typed = '=HYPERLINK("http://example.org")@example.org';
    const unknown = await onlyEvent('sign_in_failed', typed, () =>
      t.anonymous().post('/api/auth/login', { email: typed, password: 'not-the-password-2' }),
    );
    expect(unknown.actor).toEqual({ id: null, email: typed, role: null });
    expect(unknown.target).toBeNull();
    // A password typed into the address box is not kept.
    await t.anonymous().post('/api/auth/login', { email: 'Tr0ub4dor&3-correct-horse', password: 'x' });
    const kept = await queryDatabase<{ actor_email: string }>(
      t.db.url,
      "SELECT actor_email FROM audit_event WHERE action = 'sign_in_failed' ORDER BY id DESC LIMIT 1",
    );
    expect(kept).toEqual([{ actor_email: '(not an email address)' }]);

    const viewer = await t.as('viewer');
    const out = await onlyEvent('sign_out', DEMO.viewer, () => viewer.post('/api/auth/logout'));
    expect(out.target).toEqual({ type: 'user', id: signedIn.actor!.id });

    const stored = await queryDatabase<{ text: string }>(
      t.db.url,
      'SELECT summary || details::text AS text FROM audit_event',
    );
    expect(stored.map((r) => r.text).join()).not.toMatch(/not-the-password/);
  });

  it('records an accepted and a refused upload with counts and rules, but nothing from the return or its file name', async () => {
    const accepted = await onlyEvent('return_accepted', DEMO.submitter, async () => {
      expect((await submitter.post('/api/returns/case-level', { period: '2025-26 Q1', rows: ROWS })).status).toBe(201);
    });
    expect(accepted).toMatchObject({
      areaCode: 'E06000001',
      target: { type: 'return' },
      details: { returnType: 'case-level', period: '2025-26 Q1', version: 1, rows: 12 },
    });

    const refusedRows = await onlyEvent('return_refused', DEMO.submitter, async () => {
      const answer = await submitter.post('/api/returns/case-level', {
        period: '2025-26 Q1',
        rows: [
          { ...ROWS[1], person_key: 'patient-12' },
          { ...ROWS[1], referral_month: '2025-09' },
        ],
      });
      expect(answer.status).toBe(422);
    });
    expect(refusedRows).toMatchObject({
      areaCode: 'E06000001',
      details: { returnType: 'case-level', status: 422, problems: 2, rules: ['keyed_hash', 'month_in_period'] },
    });

    const refusedFile = await onlyEvent('return_refused', DEMO.submitter, async () => {
      const file = {
        name: 'Jane Smith referrals.csv',
        bytes: toCsv(
          AGENCY_QUARTER.fields.map((f) => f.key),
          [{ ...AGENCY_FIGURES, disclosed: 101 }],
        ),
      };
      expect((await submitter.upload('/api/returns/agency-quarter', file, { period: '2025-26 Q2' })).status).toBe(422);
    });
    expect(refusedFile.details).toMatchObject({ returnType: 'agency-quarter', period: '2025-26 Q2', status: 422 });

    const stored = (
      await queryDatabase<{ text: string }>(t.db.url, 'SELECT summary || details::text AS text FROM audit_event')
    )
      .map((r) => r.text)
      .join('\n');
    for (const value of [...new Set(ROWS.map((r) => r.person_key as string)), 'patient-12', '2025-09', 'Jane Smith'])
      expect(stored).not.toContain(value);
  });

  it('records a self-audit submission and a moderation, leaving the moderation reason out', async () => {
    const audit = (await submitter.post('/api/audits', { period: '2025-26' })).body as {
      id: string;
      items: { code: string }[];
    };
    const ratings = audit.items.map((i) => ({ code: i.code, rating: 'met', evidenceRef: `EV-${i.code}` }));
    expect((await submitter.request('PUT', `/api/audits/${audit.id}/ratings`, { ratings })).status).toBe(200);
    const submitted = await onlyEvent('audit_submitted', DEMO.submitter, () =>
      submitter.post(`/api/audits/${audit.id}/submit`),
    );
    expect(submitted).toMatchObject({
      areaCode: 'E06000001',
      target: { type: 'audit', id: audit.id },
      details: { period: '2025-26', version: 1 },
    });

    const code = audit.items[0].code;
    const moderated = await onlyEvent('rating_moderated', DEMO.analyst, () =>
      analyst.request('PUT', `/api/audits/${audit.id}/moderation/${code}`, {
        rating: 'partly_met',
        reason: 'Seen on the March visit',
      }),
    );
    expect(moderated).toMatchObject({ areaCode: 'E06000001', details: { standard: code, rating: 'partly_met' } });
    expect(JSON.stringify(moderated)).not.toContain('March visit');
  });

  it('records a change to an account and to an agency, with the names of the fields changed', async () => {
    const viewerId = (await admin.get('/api/users')).body.find((u: { email: string }) => u.email === DEMO.viewer).id;
    const user = await onlyEvent('user_changed', DEMO.admin, () =>
      admin.patch(`/api/users/${viewerId}`, { displayName: 'Steering group member' }),
    );
    expect(user.target).toEqual({ type: 'user', id: viewerId });

    const [refuge] = (await admin.get('/api/agencies?area=E06000001&sector=refuge')).body;
    const agency = await onlyEvent('agency_changed', DEMO.admin, () =>
      admin.patch(`/api/agencies/${refuge.id}`, {
        name: 'Hartlepool refuge (renamed)',
        jointWorkingModel: 'integrated',
      }),
    );
    expect(agency).toMatchObject({
      areaCode: 'E06000001',
      target: { type: 'agency', id: refuge.id },
      details: { changed: ['name', 'jointWorkingModel'] },
    });
  });

  it('filters by UK calendar day, by who and by action, newest first, 50 to a page', async () => {
    // Written straight to the table, at chosen times: 1 March 00:30 in London is 00:30 UTC, 1 July 00:30 is 23:30 UTC the day before.
    await queryDatabase(
      t.db.url,
      `
      INSERT INTO audit_event (at, actor_email, action, summary)
      SELECT timestamptz '2026-03-01 00:30:00+00' + make_interval(hours => n), 'paging.check@example.org', 'schedule_changed', 'Paging check ' || n
      FROM generate_series(0, 59) AS n`,
    );
    await queryDatabase(
      t.db.url,
      `INSERT INTO audit_event (at, actor_email, action, summary) VALUES ('2026-06-30 23:30:00+00', 'paging.check@example.org', 'schedule_changed', 'Early on 1 July')`,
    );

    const first = await admin.get(
      '/api/audit-events?actor=PAGING.CHECK&action=schedule_changed&from=2026-03-01&to=2026-06-30',
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 50, total: 60 });
    expect(first.body.events.map((e: AuditEvent) => e.summary).slice(0, 2)).toEqual([
      'Paging check 59',
      'Paging check 58',
    ]);
    const second = (
      await admin.get(
        '/api/audit-events?actor=paging.check&action=schedule_changed&from=2026-03-01&to=2026-06-30&page=2',
      )
    ).body;
    expect(second.events.map((e: AuditEvent) => e.summary)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Paging check ${9 - i}`),
    );
    expect((await admin.get('/api/audit-events?actor=paging.check&page=3')).body.events).toEqual([]);
    expect(
      (await admin.get('/api/audit-events?actor=paging.check&from=2026-07-01')).body.events.map(
        (e: AuditEvent) => e.summary,
      ),
    ).toEqual(['Early on 1 July']);
    expect((await admin.get('/api/audit-events?actor=paging.check&to=2026-02-28')).body.total).toBe(0);

    const adminId = (await admin.get('/api/auth/me')).body.id;
    const mine = (await admin.get(`/api/audit-events?actor=${adminId}`)).body.events as AuditEvent[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actor?.id === adminId)).toBe(true);
    const times = mine.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses filters it cannot read with 422 naming each parameter', async () => {
    const answer = await admin.get('/api/audit-events?action=delete_everything&from=2026-02-30&page=0');
    expect(answer.status).toBe(422);
    expect(answer.body.problems.map((p: { column: string; rule: string }) => [p.column, p.rule])).toEqual([
      ['from', 'date_format'],
      ['action', 'unknown_action'],
      ['page', 'page_number'],
    ]);
    expect((await admin.get('/api/audit-events?from=2026-05-02&to=2026-05-01')).body.problems[0]).toMatchObject({
      row: null,
      column: 'to',
      rule: 'date_order',
    });
    expect((await admin.get('/api/audit-events.csv?action=nope')).status).toBe(422);
  });

  it('shows an analyst only the events of their areas: none of Middlesbrough’s for Hartlepool, and no one else’s sign-ins', async () => {
    const made = await admin.post('/api/users', {
      email: 'hartlepool.analyst@example.org',
      displayName: 'Hartlepool analyst',
      role: 'analyst',
      areaCodes: ['E06000001'],
    });
    expect(made.status).toBe(201);
    const hartlepool = await new Client(t.api.baseUrl).signIn(
      'hartlepool.analyst@example.org',
      made.body.initialPassword,
    );
    expect(
      (
        await admin.post('/api/agencies', {
          name: 'Middlesbrough women’s centre',
          sector: 'domestic_abuse_service',
          areaCode: 'E06000002',
        })
      ).status,
    ).toBe(201);

    const seen = (await hartlepool.get('/api/audit-events')).body as { events: AuditEvent[]; total: number };
    expect(seen.total).toBeGreaterThan(0);
    expect(new Set(seen.events.map((e) => e.areaCode))).toEqual(new Set(['E06000001']));
    expect(seen.events.filter((e) => e.action.startsWith('sign_'))).toEqual([]);
    expect((await hartlepool.get('/api/audit-events?action=agency_created')).body.total).toBe(0);
    const csv = (await hartlepool.download('/api/audit-events.csv')).bytes.toString('utf8');
    expect(csv).not.toContain('E06000002');
    expect(parseCsv(csv)).toHaveLength(seen.total + 1);

    // The demo analyst is granted the whole force area, Middlesbrough included.
    const cleveland = (await analyst.get('/api/audit-events?action=agency_created')).body.events as AuditEvent[];
    expect(cleveland.map((e) => e.areaCode)).toEqual(['E06000002']);
  });

  it('is closed to viewers, agency staff and Marac coordinators', async () => {
    for (const who of ['viewer', 'submitter', 'marac'] as const) {
      const client = await t.as(who);
      for (const path of ['/api/audit-events', '/api/audit-events.csv']) {
        const answer = await client.get(path);
        expect(answer.status, `${who} ${path}`).toBe(403);
        expect(answer.body.problems[0].rule).toBe('forbidden');
      }
    }
    expect((await t.anonymous().get('/api/audit-events')).status).toBe(401);
  });

  it('gives the same events as CSV, formula-safe, under a file name with the dates', async () => {
    const query = 'action=sign_in_failed&from=2020-01-01&to=2099-12-31';
    const { events } = (await admin.get(`/api/audit-events?${query}`)).body as { events: AuditEvent[] };
    const file = await admin.download(`/api/audit-events.csv?${query}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="waymark-audit-trail-from-2020-01-01-to-2099-12-31.csv"',
    );
    const [header, ...rows] = parseCsv(file.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    expect(header).toEqual([
      'When (UTC)',
      'Email address',
      'Account id',
      'Role',
      'Action',
      'What happened',
      'Target type',
      'Target id',
      'Area code',
      'Details',
      'Address',
      'Event id',
    ]);
    const safe = (text: string | null | undefined) => (text && /^[=+\-@]/.test(text) ? `'${text}` : (text ?? ''));
    expect(rows).toEqual(
      events.map((e) => [
        e.at,
        safe(e.actor?.email),
        e.actor?.id ?? '',
        e.actor?.role ?? '',
        e.action,
        e.summary,
        e.target?.type ?? '',
        e.target?.id ?? '',
        e.areaCode ?? '',
        JSON.stringify(e.details),
        e.address ?? '',
        e.id,
      ]),
    );
    expect(rows.some((r) => r[1].startsWith("'=HYPERLINK"))).toBe(true);
  });

  it('keeps every event: the database refuses updates and deletes, and no route changes or removes one', async () => {
    const before = await lastEventId();
    const newest = (await admin.get('/api/audit-events')).body.events[0];
    expect(newest.id).toBe(String(before));
    for (const sql of [
      "UPDATE audit_event SET summary = 'rewritten'",
      'DELETE FROM audit_event',
      'TRUNCATE audit_event',
    ]) {
      await expect(queryDatabase(t.db.url, sql), sql).rejects.toThrow(/append-only/);
    }
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      for (const path of ['/api/audit-events', `/api/audit-events/${before}`]) {
        const answer = await admin.request(method, path, { summary: 'rewritten' });
        expect([404, 405], `${method} ${path}`).toContain(answer.status);
        expect(answer.body.problems[0]).toMatchObject({
          row: null,
          column: null,
          rule: expect.any(String),
          message: expect.any(String),
        });
      }
    }
    const [{ rewritten }] = await queryDatabase<{ rewritten: number }>(
      t.db.url,
      "SELECT count(*)::int AS rewritten FROM audit_event WHERE summary = 'rewritten'",
    );
    expect(rewritten).toBe(0);
    expect((await admin.get('/api/audit-events')).body.events[0]).toEqual(newest);
  });
});
