import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import { Client } from '../support/http.js';

const t = useApi();

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const CLEVELAND = 'E23000013';

interface Person {
  id: string;
  email: string;
  role: string;
  agencyId: string | null;
  maracId: string | null;
  areaCodes: string[];
  active: boolean;
}

describe('people: who manages whom', () => {
  let admin: Client;
  /** An analyst granted Hartlepool only. */
  let analyst: Client;
  let analystId: string;
  let adminId: string;
  const agencies: Record<string, string> = {};
  const maracs: Record<string, string> = {};
  let middlesbroughViewer: Person;

  const signIn = (email: string, password: string) => new Client(t.api.baseUrl).signIn(email, password);
  const loginStatus = async (email: string, password: string) =>
    (await new Client(t.api.baseUrl).post('/api/auth/login', { email, password })).status;
  const invite = (by: Client, email: string, fields: Record<string, unknown>) =>
    by.post('/api/users', { email, displayName: email.split('@')[0], ...fields });

  beforeAll(async () => {
    admin = await t.as('admin');
    adminId = (await admin.get('/api/auth/me')).body.id;
    for (const area of [HARTLEPOOL, MIDDLESBROUGH]) {
      agencies[area] = (await admin.get(`/api/agencies?area=${area}&sector=refuge`)).body[0].id;
      maracs[area] = (await admin.get(`/api/maracs?area=${area}`)).body.find(
        (m: { areaCode: string }) => m.areaCode === area,
      ).id;
    }
    const created = await invite(admin, 'hartlepool.analyst@demo.waymark.test', {
      role: 'analyst',
      areaCodes: [HARTLEPOOL],
    });
    analystId = created.body.user.id;
    analyst = await signIn('hartlepool.analyst@demo.waymark.test', created.body.initialPassword);
    middlesbroughViewer = (
      await invite(admin, 'middlesbrough.viewer@demo.waymark.test', { role: 'viewer', areaCodes: [MIDDLESBROUGH] })
    ).body.user;
  });

  it('an analyst granted Hartlepool invites a viewer of Hartlepool, who signs in with the password shown once', async () => {
    const created = await invite(analyst, 'refuge.lead@demo.waymark.test', { role: 'viewer', areaCodes: [HARTLEPOOL] });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ role: 'viewer', agencyId: null, areaCodes: [HARTLEPOOL], active: true });
    const viewer = await signIn('refuge.lead@demo.waymark.test', created.body.initialPassword);
    expect((await viewer.get('/api/auth/me')).body).toMatchObject({ role: 'viewer', mustChangePassword: true });
    // Nothing shows the password again.
    expect(JSON.stringify((await analyst.get(`/api/users/${created.body.user.id}`)).body)).not.toContain(
      created.body.initialPassword,
    );

    const [event] = await queryDatabase<{ actor_id: string; area_code: string; summary: string; details: unknown }>(
      t.db.url,
      "SELECT * FROM audit_event WHERE action = 'user_created' AND target_id = $1",
      [created.body.user.id],
    );
    expect(event).toMatchObject({ actor_id: analystId, area_code: HARTLEPOOL });
    expect(JSON.stringify(event)).not.toContain(created.body.initialPassword);
  });

  it('only administrators make, change or reset accounts that read an agency’s or Marac’s own returns', async () => {
    // Whoever makes such an account knows its password, and it reads its agency's case-level rows.
    for (const fields of [
      { role: 'agency_submitter', agencyId: agencies[HARTLEPOOL] },
      { role: 'marac_coordinator', maracId: maracs[HARTLEPOOL] },
    ]) {
      const answer = await invite(analyst, 'shadow@demo.waymark.test', fields);
      expect(answer.status).toBe(403);
      expect(answer.body.problems[0]).toMatchObject({ column: 'role', rule: 'administrator_only' });
    }
    const seen: Person[] = (await analyst.get('/api/users')).body;
    const submitter = seen.find((p) => p.email === 'submitter@demo.waymark.test')!;
    expect((await analyst.post(`/api/users/${submitter.id}/password-reset`)).status).toBe(403);
    expect((await analyst.patch(`/api/users/${submitter.id}`, { active: false })).status).toBe(403);
    const viewer = seen.find((p) => p.email === 'viewer@demo.waymark.test')!;
    expect(
      (await analyst.patch(`/api/users/${viewer.id}`, { role: 'agency_submitter', agencyId: agencies[HARTLEPOOL] }))
        .status,
    ).toBe(403);
    // Nor may an analyst sign in as a fellow analyst by resetting their password.
    const colleague = (await invite(admin, 'colleague@demo.waymark.test', { role: 'analyst', areaCodes: [HARTLEPOOL] }))
      .body.user;
    expect((await analyst.post(`/api/users/${colleague.id}/password-reset`)).status).toBe(403);
    expect(
      await queryDatabase(t.db.url, "SELECT email FROM app_user WHERE email = 'shadow@demo.waymark.test'"),
    ).toEqual([]);
    expect((await admin.get(`/api/users/${submitter.id}`)).body.active).toBe(true);
  });

  it('the analyst cannot invite anyone to Middlesbrough, grant more than Hartlepool, or make an administrator; nothing is stored', async () => {
    const refusals = [
      await invite(analyst, 'x3@demo.waymark.test', { role: 'viewer', areaCodes: [MIDDLESBROUGH] }),
      await invite(analyst, 'x4@demo.waymark.test', { role: 'analyst', areaCodes: [HARTLEPOOL, MIDDLESBROUGH] }),
      await invite(analyst, 'x5@demo.waymark.test', { role: 'analyst', areaCodes: [CLEVELAND] }),
    ];
    for (const answer of refusals) {
      expect(answer.status).toBe(403);
      expect(answer.body.problems).toEqual([expect.objectContaining({ row: null, rule: 'outside_your_areas' })]);
    }
    const administrator = await invite(analyst, 'x6@demo.waymark.test', { role: 'admin' });
    expect(administrator.status).toBe(403);
    expect(administrator.body.problems[0]).toMatchObject({ column: 'role', rule: 'administrator_only' });
    expect(await queryDatabase(t.db.url, "SELECT email FROM app_user WHERE email LIKE 'x_@demo.waymark.test'")).toEqual(
      [],
    );
  });

  it('the analyst sees only the people of Hartlepool, never administrators, and cannot change anyone else', async () => {
    const seen: Person[] = (await analyst.get('/api/users')).body;
    expect(seen.map((p) => p.email)).toEqual(
      expect.arrayContaining([
        'hartlepool.analyst@demo.waymark.test',
        'refuge.lead@demo.waymark.test',
        'submitter@demo.waymark.test',
        'viewer@demo.waymark.test',
        'marac@demo.waymark.test',
      ]),
    );
    expect(seen.filter((p) => p.role === 'admin')).toEqual([]);
    expect(seen.map((p) => p.email)).not.toContain('middlesbrough.viewer@demo.waymark.test');
    expect(seen.map((p) => p.email)).not.toContain('analyst@demo.waymark.test'); // granted the whole force area, more than Hartlepool

    const demoAnalyst = (await admin.get('/api/users?role=analyst')).body.find(
      (p: Person) => p.email === 'analyst@demo.waymark.test',
    );
    for (const other of [adminId, middlesbroughViewer.id, demoAnalyst.id]) {
      expect((await analyst.get(`/api/users/${other}`)).status).toBe(404);
      expect((await analyst.patch(`/api/users/${other}`, { active: false })).status).toBe(404);
      expect((await analyst.post(`/api/users/${other}/password-reset`)).status).toBe(404);
    }
    expect((await analyst.get(`/api/users?area=${MIDDLESBROUGH}`)).status).toBe(404);

    const viewer = seen.find((p) => p.email === 'viewer@demo.waymark.test')!;
    expect((await analyst.patch(`/api/users/${viewer.id}`, { role: 'admin' })).status).toBe(403);
    expect((await analyst.patch(`/api/users/${viewer.id}`, { areaCodes: [MIDDLESBROUGH] })).status).toBe(403);
    expect((await admin.get(`/api/users/${viewer.id}`)).body).toMatchObject({
      role: 'viewer',
      areaCodes: [HARTLEPOOL],
    });
  });

  it('changes a role and its scope together, refusing a scope the new role does not have', async () => {
    const person: Person = (await invite(admin, 'mover@demo.waymark.test', { role: 'viewer', areaCodes: [HARTLEPOOL] }))
      .body.user;
    const incomplete = await admin.patch(`/api/users/${person.id}`, { role: 'agency_submitter' });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body).toMatchObject({
      statusCode: 422,
      problems: [
        { row: null, column: 'agencyId', rule: 'invalid_field', message: 'Choose the agency this person submits for' },
      ],
    });
    const mixed = await admin.patch(`/api/users/${person.id}`, {
      role: 'agency_submitter',
      agencyId: agencies[HARTLEPOOL],
      areaCodes: [HARTLEPOOL],
    });
    expect(mixed.status).toBe(422);
    expect(mixed.body.problems.map((p: { column: string }) => p.column)).toEqual(['areaCodes']);

    const moved = await admin.patch(`/api/users/${person.id}`, {
      role: 'agency_submitter',
      agencyId: agencies[HARTLEPOOL],
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ role: 'agency_submitter', agencyId: agencies[HARTLEPOOL], areaCodes: [] });
    const back = await admin.patch(`/api/users/${person.id}`, {
      role: 'marac_coordinator',
      maracId: maracs[HARTLEPOOL],
    });
    expect(back.body).toMatchObject({ role: 'marac_coordinator', agencyId: null, maracId: maracs[HARTLEPOOL] });
    const [event] = await queryDatabase<{ summary: string }>(
      t.db.url,
      "SELECT summary FROM audit_event WHERE action = 'user_changed' AND target_id = $1 ORDER BY id DESC LIMIT 1",
      [person.id],
    );
    expect(event.summary).toBe('Changed mover@demo.waymark.test from Agency submitter to Marac coordinator');
  });

  it('deactivating an account ends its sessions at once; reactivating lets the person back in', async () => {
    const created = (await invite(analyst, 'leaver@demo.waymark.test', { role: 'viewer', areaCodes: [HARTLEPOOL] }))
      .body;
    const leaver = await signIn('leaver@demo.waymark.test', created.initialPassword);
    expect((await leaver.get('/api/auth/me')).status).toBe(200);
    expect((await analyst.patch(`/api/users/${created.user.id}`, { active: false })).body.active).toBe(false);
    expect((await leaver.get('/api/auth/me')).status).toBe(401);
    expect(await loginStatus('leaver@demo.waymark.test', created.initialPassword)).toBe(401);
    expect((await analyst.get('/api/users?active=false')).body.map((p: Person) => p.email)).toEqual([
      'leaver@demo.waymark.test',
    ]);
    await analyst.patch(`/api/users/${created.user.id}`, { active: true });
    await signIn('leaver@demo.waymark.test', created.initialPassword);
  });

  it('a reset password replaces the old one, works, and is never shown or recorded again', async () => {
    const created = (await invite(analyst, 'forgetful@demo.waymark.test', { role: 'viewer', areaCodes: [HARTLEPOOL] }))
      .body;
    const first = await analyst.post(`/api/users/${created.user.id}/password-reset`);
    expect(first.status).toBe(201);
    expect(await loginStatus('forgetful@demo.waymark.test', created.initialPassword)).toBe(401);
    await signIn('forgetful@demo.waymark.test', first.body.newPassword);
    const second = await analyst.post(`/api/users/${created.user.id}/password-reset`);
    expect(second.body.newPassword).not.toBe(first.body.newPassword);
    expect(await loginStatus('forgetful@demo.waymark.test', first.body.newPassword)).toBe(401);
    expect(JSON.stringify((await analyst.get(`/api/users/${created.user.id}`)).body)).not.toContain(
      second.body.newPassword,
    );
    const events = JSON.stringify(await queryDatabase(t.db.url, 'SELECT * FROM audit_event'));
    for (const password of [created.initialPassword, first.body.newPassword, second.body.newPassword])
      expect(events).not.toContain(password);
    expect(events).toContain('Reset the password of forgetful@demo.waymark.test');
  });

  it('nobody changes their own role, scope or access', async () => {
    const self = await analyst.patch(`/api/users/${analystId}`, { active: false });
    expect(self.status).toBe(403);
    expect(self.body.problems[0]).toMatchObject({ column: 'active', rule: 'own_account' });
    expect((await analyst.patch(`/api/users/${analystId}`, { areaCodes: [HARTLEPOOL, MIDDLESBROUGH] })).status).toBe(
      403,
    );
    expect(
      (await analyst.patch(`/api/users/${analystId}`, { displayName: 'Hartlepool commissioner' })).body.displayName,
    ).toBe('Hartlepool commissioner');
  });

  it('administrators manage everyone, in every area, and may make administrators', async () => {
    const everyone: Person[] = (await admin.get('/api/users')).body;
    expect(everyone.map((p) => p.email)).toEqual(
      expect.arrayContaining([
        'admin@demo.waymark.test',
        'middlesbrough.viewer@demo.waymark.test',
        'hartlepool.analyst@demo.waymark.test',
      ]),
    );
    expect((await admin.get(`/api/users?role=viewer&area=${MIDDLESBROUGH}`)).body.map((p: Person) => p.email)).toEqual([
      'middlesbrough.viewer@demo.waymark.test',
    ]);
    const moved = await admin.patch(`/api/users/${middlesbroughViewer.id}`, {
      role: 'agency_submitter',
      agencyId: agencies[MIDDLESBROUGH],
    });
    expect(moved.body).toMatchObject({ role: 'agency_submitter', agencyId: agencies[MIDDLESBROUGH], areaCodes: [] });
    const second = await invite(admin, 'second.admin@demo.waymark.test', { role: 'admin' });
    expect(second.status).toBe(201);
    expect(second.body.user).toMatchObject({ role: 'admin', areaCodes: [] });
    expect((await admin.patch(`/api/users/${analystId}`, { areaCodes: [CLEVELAND] })).body.areaCodes).toEqual([
      CLEVELAND,
    ]);
  });

  it('viewers, submitters and Marac coordinators manage nobody', async () => {
    for (const who of ['viewer', 'submitter', 'marac'] as const) {
      const client = await t.as(who);
      expect((await client.get('/api/users')).status).toBe(403);
      expect(
        (await invite(client, `y-${who}@demo.waymark.test`, { role: 'viewer', areaCodes: [HARTLEPOOL] })).status,
      ).toBe(403);
    }
  });
});
