import { describe, expect, it } from 'vitest';
import { useApi } from '../support/fixture.js';
import { Client } from '../support/http.js';

const t = useApi();

describe('administrators manage agencies', () => {
  it('creates an agency and validates every field with a 422 that names it', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/agencies', {
      name: 'Redcar Recovery Hub',
      sector: 'drug_alcohol_service',
      areaCode: 'E06000003',
      jointWorkingModel: 'joint_liaison',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Redcar Recovery Hub',
      areaName: 'Redcar and Cleveland',
      jointWorkingModel: 'joint_liaison',
      active: true,
    });

    const bad = await admin.post('/api/agencies', {
      name: '',
      sector: 'bakery',
      areaCode: 'S12000033',
      jointWorkingModel: 'ad hoc',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'areaCode',
      'jointWorkingModel',
      'name',
      'sector',
    ]);

    const duplicate = await admin.post('/api/agencies', {
      name: 'redcar recovery hub',
      sector: 'other',
      areaCode: 'E06000003',
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors).toEqual([
      { field: 'name', message: 'An agency with this name already exists in this area' },
    ]);
  });

  it('changes an agency partly, keeping what was not sent', async () => {
    const admin = await t.as('admin');
    const [agency] = (await admin.get('/api/agencies?area=E06000004&sector=refuge')).body;
    const changed = await admin.patch(`/api/agencies/${agency.id}`, { jointWorkingModel: 'integrated', active: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: agency.name,
      sector: 'refuge',
      jointWorkingModel: 'integrated',
      active: false,
    });
  });
});

describe('administrators manage users and roles', () => {
  it('creates a viewer for one district, who can then sign in with the password shown once and sees only that district', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/users', {
      email: 'csp.member@demo.waymark.test',
      displayName: 'CSP member',
      role: 'viewer',
      areaCodes: ['E06000002'],
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ role: 'viewer', areaCodes: ['E06000002'] });
    expect(created.body.user).not.toHaveProperty('passwordHash');
    const viewer = await new Client(t.api.baseUrl).signIn('csp.member@demo.waymark.test', created.body.initialPassword);
    const agencies = (await viewer.get('/api/agencies')).body;
    expect(agencies.length).toBeGreaterThan(0);
    expect(new Set(agencies.map((a: { areaCode: string }) => a.areaCode))).toEqual(new Set(['E06000002']));

    // Narrowing the grant ends the person's sessions so it takes effect at once.
    const updated = await admin.patch(`/api/users/${created.body.user.id}`, { areaCodes: ['E06000004'] });
    expect(updated.body.areaCodes).toEqual(['E06000004']);
    expect((await viewer.get('/api/agencies')).status).toBe(401);
  });

  it('requires the link each role needs: an agency for submitters, a Marac for coordinators, areas for viewers', async () => {
    const admin = await t.as('admin');
    const noAgency = await admin.post('/api/users', {
      email: 'a@demo.waymark.test',
      displayName: 'A',
      role: 'agency_submitter',
    });
    expect(noAgency.body.errors).toEqual([{ field: 'agencyId', message: 'Choose the agency this person submits for' }]);
    const noMarac = await admin.post('/api/users', {
      email: 'b@demo.waymark.test',
      displayName: 'B',
      role: 'marac_coordinator',
      maracId: 'not-an-id',
    });
    expect(noMarac.body.errors).toEqual([{ field: 'maracId', message: 'No Marac with that id' }]);
    const noAreas = await admin.post('/api/users', {
      email: 'c@demo.waymark.test',
      displayName: 'C',
      role: 'analyst',
      areaCodes: ['E99999999'],
    });
    expect(noAreas.body.errors).toEqual([{ field: 'areaCodes', message: 'Unknown area codes: E99999999' }]);
    const taken = await admin.post('/api/users', {
      email: 'ADMIN@demo.waymark.test',
      displayName: 'Again',
      role: 'admin',
    });
    expect(taken.body.errors).toEqual([
      { field: 'email', message: 'An account with this email address already exists' },
    ]);
  });

  it('deactivating an account ends its sessions and stops it signing in', async () => {
    const admin = await t.as('admin');
    const created = (
      await admin.post('/api/users', {
        email: 'leaver@demo.waymark.test',
        displayName: 'Leaver',
        role: 'viewer',
        areaCodes: ['E06000001'],
      })
    ).body;
    const leaver = await new Client(t.api.baseUrl).signIn('leaver@demo.waymark.test', created.initialPassword);
    expect((await admin.patch(`/api/users/${created.user.id}`, { active: false })).status).toBe(200);
    expect((await leaver.get('/api/auth/me')).status).toBe(401);
    expect(
      (
        await new Client(t.api.baseUrl).post('/api/auth/login', {
          email: 'leaver@demo.waymark.test',
          password: created.initialPassword,
        })
      ).status,
    ).toBe(401);
  });

  it('resets a password: the old one stops working and the new one works', async () => {
    const admin = await t.as('admin');
    const created = (
      await admin.post('/api/users', {
        email: 'forgetful@demo.waymark.test',
        displayName: 'Forgetful',
        role: 'viewer',
        areaCodes: ['E06000001'],
      })
    ).body;
    const reset = await admin.post(`/api/users/${created.user.id}/password-reset`);
    expect(reset.status).toBe(201);
    expect(
      (
        await new Client(t.api.baseUrl).post('/api/auth/login', {
          email: 'forgetful@demo.waymark.test',
          password: created.initialPassword,
        })
      ).status,
    ).toBe(401);
    await new Client(t.api.baseUrl).signIn('forgetful@demo.waymark.test', reset.body.newPassword);
  });
});
