import { SECTORS } from '@waymark/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../apps/api/dist/apps/api/src/scope/area-scope.js';
import { statusOf, thrownBy, useMediumApp, type DemoAccount } from './support/medium-app.js';

/**
 * What each role may see of agencies, areas and Maracs, from the services with each demo account's
 * scope (moved from tests/api/scoping.test.ts; which roles may manage agencies and people is a
 * guard's answer, checked over HTTP in tests/api/access-matrix.test.ts).
 */
const app = useMediumApp();

interface AgencyRow {
  id: string;
  name: string;
  areaCode: string;
  sector: string;
}

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';

describe('what each role may see', () => {
  const callers = {} as Record<DemoAccount, Caller>;
  let all: AgencyRow[];
  let hartlepool: AgencyRow[];
  let middlesbrough: AgencyRow[];
  const agencies = (who: DemoAccount, query: { area?: string; sector?: string } = {}) =>
    app.agencies.list(callers[who].scope, query);

  beforeAll(async () => {
    for (const who of ['admin', 'analyst', 'viewer', 'submitter', 'marac'] as const)
      callers[who] = await app.caller(who);
    all = await agencies('admin');
    hartlepool = all.filter((a) => a.areaCode === HARTLEPOOL);
    middlesbrough = all.filter((a) => a.areaCode === MIDDLESBROUGH);
  });

  it('the demo partnership has an agency of every sector in each of its three districts', () => {
    const sectors = SECTORS.map((s) => s.code);
    expect(all).toHaveLength(3 * sectors.length);
    expect(new Set(hartlepool.map((a) => a.sector))).toEqual(new Set(sectors));
  });

  it('a viewer of Hartlepool sees only Hartlepool agencies and areas', async () => {
    const seen = await agencies('viewer');
    expect(seen.map((a) => a.id).sort()).toEqual(hartlepool.map((a) => a.id).sort());
    expect((await app.areas.list(callers.viewer.scope, undefined)).map((a) => a.code)).toEqual([HARTLEPOOL]);
    expect((await app.agencies.get(callers.viewer.scope, hartlepool[0].id)).id).toBe(hartlepool[0].id);
  });

  it("a viewer of Hartlepool gets 404 for Middlesbrough's agencies, area and Maracs, and filters cannot widen the scope", async () => {
    const scope = callers.viewer.scope;
    for (const agency of middlesbrough) expect(await statusOf(() => app.agencies.get(scope, agency.id))).toBe(404);
    expect(await statusOf(() => app.areas.get(scope, MIDDLESBROUGH))).toBe(404);
    expect(await statusOf(() => app.maracs.list(scope, MIDDLESBROUGH))).toBe(404);
    expect(await agencies('viewer', { area: MIDDLESBROUGH })).toEqual([]);
    // The answer for an existing agency outside scope is the same as for one that does not exist.
    const outside = await thrownBy(() => app.agencies.get(scope, middlesbrough[0].id));
    const missing = await thrownBy(() => app.agencies.get(scope, '00000000-0000-4000-8000-000000000000'));
    expect(outside).toEqual(missing);
  });

  it('an agency submitter sees their own agency and no other, even in the same district', async () => {
    const me = callers.submitter;
    const seen = await agencies('submitter');
    expect(seen.map((a) => a.id)).toEqual([me.agencyId]);
    expect(seen[0]).toMatchObject({ areaCode: HARTLEPOOL, sector: 'drug_alcohol_service' });
    const neighbours = hartlepool.filter((a) => a.id !== me.agencyId);
    expect(neighbours.length).toBeGreaterThan(0);
    for (const other of neighbours) expect(await statusOf(() => app.agencies.get(me.scope, other.id))).toBe(404);
    expect(await statusOf(() => app.agencies.get(me.scope, middlesbrough[0].id))).toBe(404);
  });

  it('an analyst granted the Cleveland force area sees everything inside it: the force area, its partnerships and districts', async () => {
    const scope = callers.analyst.scope;
    expect(await agencies('analyst')).toHaveLength(all.length);
    const areas = await app.areas.list(scope, undefined);
    expect(areas.filter((a) => a.type === 'pfa').map((a) => a.code)).toEqual(['E23000013']);
    expect(areas.filter((a) => a.type === 'lad').map((a) => a.code)).toEqual(
      expect.arrayContaining([HARTLEPOOL, MIDDLESBROUGH, 'E06000003', 'E06000004']),
    );
    expect(await statusOf(() => app.areas.get(scope, 'E09000001'))).toBe(404); // City of London is elsewhere
  });

  it('a Marac coordinator sees their Marac and its district', async () => {
    const scope = callers.marac.scope;
    const maracs = await app.maracs.list(scope, undefined);
    expect(maracs).toHaveLength(1);
    expect(maracs[0]).toMatchObject({ areaCode: HARTLEPOOL, name: 'Hartlepool Marac (demo)' });
    expect(await statusOf(() => app.agencies.get(scope, middlesbrough[0].id))).toBe(404);
  });

  it('the Maracs of an area include those of the areas inside it, and an area outside the scope is still not found', async () => {
    const names = async (who: DemoAccount, area: string) =>
      (await app.maracs.list(callers[who].scope, area)).map((m) => m.name).sort();
    expect(await names('analyst', 'E23000013')).toEqual([
      'Hartlepool Marac (demo)',
      'Middlesbrough Marac (demo)',
      'Stockton-on-Tees Marac (demo)',
    ]);
    expect(await names('analyst', 'E22000029')).toEqual(['Middlesbrough Marac (demo)']); // the Middlesbrough partnership
    expect(await names('viewer', HARTLEPOOL)).toEqual(['Hartlepool Marac (demo)']);
    for (const outside of ['E23000013', 'E22000027'])
      expect(await statusOf(() => app.maracs.list(callers.viewer.scope, outside))).toBe(404);
  });
});
