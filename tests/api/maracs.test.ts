import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { analystOf, useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';
import { MARAC_FIGURES } from '../support/returns-fixtures.js';

const t = useApi();
const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const REDCAR = 'E06000003';
const Q1 = 'from=2025-26%20Q1&to=2025-26%20Q1';

const columnsOf = (answer: { body: { problems: { column: string }[] } }) => answer.body.problems.map((p) => p.column);

describe('Maracs', () => {
  let admin: Client;
  /** Granted Hartlepool only. */
  let analyst: Client;
  let middlesbrough: { id: string };

  beforeAll(async () => {
    admin = await t.as('admin');
    analyst = await analystOf(t, HARTLEPOOL);
    [middlesbrough] = (await admin.get(`/api/maracs?area=${MIDDLESBROUGH}`)).body;
  });

  it('are created and changed by an administrator, listed as before, and each change is on the audit trail', async () => {
    const made = await admin.post('/api/maracs', { name: 'Redcar and Cleveland Marac', areaCode: REDCAR });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      id: expect.any(String),
      name: 'Redcar and Cleveland Marac',
      areaCode: REDCAR,
      active: true,
    });
    expect((await admin.get(`/api/maracs?area=${REDCAR}`)).body).toEqual([
      {
        id: made.body.id,
        name: 'Redcar and Cleveland Marac',
        areaCode: REDCAR,
        areaName: 'Redcar and Cleveland',
        active: true,
      },
    ]);

    const renamed = await admin.patch(`/api/maracs/${made.body.id}`, { name: 'Redcar Marac', active: false });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Redcar Marac', areaCode: REDCAR, active: false });
    expect((await admin.get(`/api/maracs/${made.body.id}`)).body).toMatchObject({
      name: 'Redcar Marac',
      active: false,
    });
    expect((await admin.patch(`/api/maracs/${made.body.id}`, { active: true })).body).toMatchObject({
      name: 'Redcar Marac',
      active: true,
    });

    const events = await queryDatabase(
      t.db.url,
      `SELECT action, area_code FROM audit_event WHERE target_id = $1 ORDER BY id`,
      [made.body.id],
    );
    expect(events).toEqual([
      { action: 'marac_created', area_code: REDCAR },
      { action: 'marac_changed', area_code: REDCAR },
      { action: 'marac_changed', area_code: REDCAR },
    ]);
  });

  it('need a name of 1 to 120 characters, unique, and a known area, reporting every problem at once', async () => {
    const blank = await admin.post('/api/maracs', { name: ' ', areaCode: 'E06999999' });
    expect(blank.status).toBe(422);
    expect(columnsOf(blank).sort()).toEqual(['areaCode', 'name']);
    expect(columnsOf(await admin.post('/api/maracs', { name: 'x'.repeat(121), areaCode: REDCAR }))).toEqual(['name']);
    expect(columnsOf(await admin.post('/api/maracs', { name: 'Somewhere Marac', areaCode: 'Redcar' }))).toEqual([
      'areaCode',
    ]);
    const duplicate = await admin.post('/api/maracs', { name: 'hartlepool marac (DEMO)', areaCode: HARTLEPOOL });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.problems[0]).toMatchObject({
      column: 'name',
      message: expect.stringMatching(/already exists/),
    });
    expect((await admin.post('/api/maracs', { name: 'M', areaCode: REDCAR })).status).toBe(201);
  });

  it('are managed by an analyst only in the areas they are granted', async () => {
    expect(
      (await analyst.post('/api/maracs', { name: 'Middlesbrough Young People Marac', areaCode: MIDDLESBROUGH })).status,
    ).toBe(403);
    expect((await analyst.patch(`/api/maracs/${middlesbrough.id}`, { name: 'Renamed' })).status).toBe(404);
    expect((await analyst.get(`/api/maracs/${middlesbrough.id}`)).status).toBe(404);

    const own = await analyst.post('/api/maracs', { name: 'Hartlepool Young People Marac', areaCode: HARTLEPOOL });
    expect(own.status).toBe(201);
    expect((await analyst.patch(`/api/maracs/${own.body.id}`, { areaCode: MIDDLESBROUGH })).status).toBe(403);
    expect((await analyst.patch(`/api/maracs/${own.body.id}`, { name: 'Hartlepool Youth Marac' })).body.name).toBe(
      'Hartlepool Youth Marac',
    );
    for (const who of ['viewer', 'submitter', 'marac'] as const) {
      expect(
        (await (await t.as(who)).post('/api/maracs', { name: `Made by ${who}`, areaCode: HARTLEPOOL })).status,
        who,
      ).toBe(403);
    }
    expect(
      await queryDatabase(t.db.url, `SELECT name FROM marac WHERE area_code = $1 ORDER BY name`, [MIDDLESBROUGH]),
    ).toEqual([{ name: 'Middlesbrough Marac (demo)' }]);
  });

  it('reach the analytics at once: a new Marac’s return counts its district as reporting, and as due from the quarter asked for', async () => {
    const before = (await admin.get(`/api/analytics/indicators?area=${REDCAR}&${Q1}`)).body;
    expect(before.coverage).toMatchObject({ districts: 1, districtsReporting: 0 });
    const made = await admin.post('/api/maracs', {
      name: 'East Cleveland Marac',
      areaCode: REDCAR,
      scheduleFrom: '2025-26 Q1',
    });
    expect(
      (
        await admin.post('/api/returns/marac-quarter', {
          period: '2025-26 Q1',
          maracId: made.body.id,
          values: MARAC_FIGURES,
        })
      ).status,
    ).toBe(201);
    const after = (await admin.get(`/api/analytics/indicators?area=${REDCAR}&${Q1}`)).body;
    expect(after.coverage).toMatchObject({
      districts: 1,
      districtsReporting: 1,
      reporting: [{ code: REDCAR, name: 'Redcar and Cleveland' }],
    });
    expect(after.returns.marac).toEqual({ received: 1, due: 1 });
  });
});
