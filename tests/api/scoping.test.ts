import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';

const t = useApi();

interface AgencyRow {
  id: string;
  name: string;
  areaCode: string;
  sector: string;
}

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';

describe('what each role may see', () => {
  let admin: Client;
  let all: AgencyRow[];
  let hartlepool: AgencyRow[];
  let middlesbrough: AgencyRow[];

  beforeAll(async () => {
    admin = await t.as('admin');
    all = (await admin.get<AgencyRow[]>('/api/agencies')).body;
    hartlepool = all.filter((a) => a.areaCode === HARTLEPOOL);
    middlesbrough = all.filter((a) => a.areaCode === MIDDLESBROUGH);
  });

  it('the demo partnership has an agency of every sector in each of its three districts', async () => {
    const sectors = (await admin.get('/api/reference/code-lists')).body.sectors.map((s: { code: string }) => s.code);
    expect(all).toHaveLength(3 * sectors.length);
    expect(new Set(hartlepool.map((a) => a.sector))).toEqual(new Set(sectors));
  });

  it('a viewer of Hartlepool sees only Hartlepool agencies and areas', async () => {
    const viewer = await t.as('viewer');
    const seen = (await viewer.get<AgencyRow[]>('/api/agencies')).body;
    expect(seen.map((a) => a.id).sort()).toEqual(hartlepool.map((a) => a.id).sort());
    expect((await viewer.get('/api/areas')).body.map((a: { code: string }) => a.code)).toEqual([HARTLEPOOL]);
    expect((await viewer.get(`/api/agencies/${hartlepool[0].id}`)).status).toBe(200);
  });

  it("a viewer of Hartlepool gets 404 for Middlesbrough's agencies, area and Maracs, and filters cannot widen the scope", async () => {
    const viewer = await t.as('viewer');
    for (const agency of middlesbrough) expect((await viewer.get(`/api/agencies/${agency.id}`)).status).toBe(404);
    expect((await viewer.get(`/api/areas/${MIDDLESBROUGH}`)).status).toBe(404);
    expect((await viewer.get(`/api/maracs?area=${MIDDLESBROUGH}`)).status).toBe(404);
    expect((await viewer.get(`/api/agencies?area=${MIDDLESBROUGH}`)).body).toEqual([]);
    // The answer for an existing agency outside scope is the same as for one that does not exist.
    const outside = await viewer.get(`/api/agencies/${middlesbrough[0].id}`);
    const missing = await viewer.get('/api/agencies/00000000-0000-4000-8000-000000000000');
    expect(outside.body).toEqual(missing.body);
  });

  it('an agency submitter sees their own agency and no other, even in the same district', async () => {
    const submitter = await t.as('submitter');
    const me = (await submitter.get('/api/auth/me')).body;
    const seen = (await submitter.get<AgencyRow[]>('/api/agencies')).body;
    expect(seen.map((a) => a.id)).toEqual([me.agencyId]);
    expect(seen[0]).toMatchObject({ areaCode: HARTLEPOOL, sector: 'drug_alcohol_service' });
    const neighbours = hartlepool.filter((a) => a.id !== me.agencyId);
    expect(neighbours.length).toBeGreaterThan(0);
    for (const other of neighbours) expect((await submitter.get(`/api/agencies/${other.id}`)).status).toBe(404);
    expect((await submitter.get(`/api/agencies/${middlesbrough[0].id}`)).status).toBe(404);
  });

  it('an analyst granted the Cleveland force area sees everything inside it: the force area, its partnerships and districts', async () => {
    const analyst = await t.as('analyst');
    expect((await analyst.get<AgencyRow[]>('/api/agencies')).body).toHaveLength(all.length);
    const areas = (await analyst.get<{ code: string; type: string }[]>('/api/areas')).body;
    expect(areas.filter((a) => a.type === 'pfa').map((a) => a.code)).toEqual(['E23000013']);
    expect(areas.filter((a) => a.type === 'lad').map((a) => a.code)).toEqual(
      expect.arrayContaining([HARTLEPOOL, MIDDLESBROUGH, 'E06000003', 'E06000004']),
    );
    expect((await analyst.get('/api/areas/E09000001')).status).toBe(404); // City of London is elsewhere
  });

  it('a Marac coordinator sees their Marac and its district', async () => {
    const marac = await t.as('marac');
    const maracs = (await marac.get('/api/maracs')).body;
    expect(maracs).toHaveLength(1);
    expect(maracs[0]).toMatchObject({ areaCode: HARTLEPOOL, name: 'Hartlepool Marac (demo)' });
    expect((await marac.get(`/api/agencies/${middlesbrough[0].id}`)).status).toBe(404);
  });

  it('the Maracs of an area include those of the areas inside it, and an area outside the scope is still not found', async () => {
    const names = async (client: Client, area: string) =>
      (await client.get<{ name: string }[]>(`/api/maracs?area=${area}`)).body.map((m) => m.name).sort();
    const analyst = await t.as('analyst');
    expect(await names(analyst, 'E23000013')).toEqual([
      'Hartlepool Marac (demo)',
      'Middlesbrough Marac (demo)',
      'Stockton-on-Tees Marac (demo)',
    ]);
    expect(await names(analyst, 'E22000029')).toEqual(['Middlesbrough Marac (demo)']); // the Middlesbrough partnership
    const viewer = await t.as('viewer');
    expect(await names(viewer, HARTLEPOOL)).toEqual(['Hartlepool Marac (demo)']);
    for (const outside of ['E23000013', 'E22000027'])
      expect((await viewer.get(`/api/maracs?area=${outside}`)).status).toBe(404);
  });

  it('only administrators, and analysts in their areas, manage agencies and people', async () => {
    for (const who of ['analyst', 'viewer', 'submitter', 'marac'] as const) {
      const client = await t.as(who);
      const manages = who === 'analyst';
      expect((await client.get('/api/users')).status).toBe(manages ? 200 : 403);
      expect(
        (
          await client.post('/api/agencies', {
            name: `Agency added by the ${who}`,
            sector: 'other',
            areaCode: HARTLEPOOL,
          })
        ).status,
      ).toBe(manages ? 201 : 403);
      expect((await client.patch(`/api/agencies/${hartlepool[0].id}`, { active: true })).status).toBe(
        manages ? 200 : 403,
      );
    }
  });
});
