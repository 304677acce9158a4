import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';
import { AGENCY_FIGURES } from '../support/returns-fixtures.js';

const t = useApi();

type Role = 'admin' | 'analyst' | 'viewer' | 'submitter' | 'marac';
const ROLES: Role[] = ['admin', 'analyst', 'viewer', 'submitter', 'marac'];

/** Ids of things in the caller's own area (Hartlepool) and in another area (City of London). */
interface Targets {
  area: string;
  agency: string;
  returnId: string;
  audit: string;
}

/**
 * The one table of expected answers: for every read, what each role gets for its own area's
 * resource and for another area's, and what a caller without a session gets.
 */
const EVERYONE = (status: number): Record<Role, number> => ({
  admin: status,
  analyst: status,
  viewer: status,
  submitter: status,
  marac: status,
});

const READS: {
  name: string;
  path: (x: Targets) => string;
  own: Record<Role, number>;
  other: Record<Role, number>;
  anonymous?: number;
}[] = [
  // Reference and catalogue reads with no area in them: the same for everyone signed in; some are public.
  ...(
    [
      ['/api/returns/types', 200],
      ['/api/returns/templates/case-level.csv', 200],
      ['/api/returns/templates/agency-quarter.xlsx', 200],
      ['/api/openapi.json', 200],
      ['/api/health', 200],
      ['/api/auth/me', 401],
      ['/api/reference/code-lists', 401],
      ['/api/standards/frameworks', 401],
      ['/api/standards/adoptions', 401],
      ['/api/areas', 401],
      ['/api/maracs', 401],
      ['/api/agencies', 401],
      ['/api/audits', 401],
    ] as const
  ).map(([path, anonymous]) => ({
    name: path,
    path: () => path,
    own: EVERYONE(200),
    other: EVERYONE(200),
    anonymous,
  })),
  // Viewers read analytics only; an agency's quarterly return is read by the agency, analysts in scope and administrators.
  {
    name: '/api/returns',
    path: () => '/api/returns',
    own: { ...EVERYONE(200), viewer: 403 },
    other: { ...EVERYONE(200), viewer: 403 },
  },
  ...(['/api/returns/{returnId}', '/api/returns/{returnId}/versions', '/api/returns/{returnId}/original'] as const).map(
    (template) => ({
      name: template,
      path: (x: Targets) => template.replace('{returnId}', x.returnId),
      own: { admin: 200, analyst: 200, viewer: 403, submitter: 200, marac: 404 },
      other: { admin: 200, analyst: 404, viewer: 403, submitter: 404, marac: 404 },
    }),
  ),
  ...(
    [
      '/api/areas/{area}',
      '/api/agencies/{agency}',
      '/api/analytics/peers?agency={agency}',
      '/api/audits/{audit}/export.json',
      '/api/audits/{audit}/export.xlsx',
      '/api/audits/{audit}',
      '/api/audits/{audit}/versions',
    ] as const
  ).map((template) => ({
    name: template,
    path: (x: Targets) => template.replace(/\{(\w+)\}/, (_, k: keyof Targets) => x[k]),
    own: { admin: 200, analyst: 200, viewer: 200, submitter: 200, marac: 200 },
    other: { admin: 200, analyst: 404, viewer: 404, submitter: 404, marac: 404 },
  })),
  ...[
    '/api/returns/completeness?period=2025-26%20Q1&area={area}',
    '/api/standards/compliance?period=2025-26&area={area}',
    '/api/standards/gaps?period=2025-26&area={area}',
    '/api/maracs?area={area}',
    ...[
      'indicators',
      'trends',
      'comparison',
      'pathways',
      'gaps',
      'explorer',
      'explorer.csv',
      'explorer.xlsx',
      'explorer.parquet',
    ].map((e) => `/api/analytics/${e}?area={area}`),
  ].map((template) => ({
    name: template,
    path: (x: Targets) => template.replace('{area}', x.area),
    own: { admin: 200, analyst: 200, viewer: 200, submitter: 200, marac: 200 },
    other: { admin: 200, analyst: 404, viewer: 404, submitter: 404, marac: 404 },
  })),
  // Reports are for the people who read the partnership's dashboards, within their areas.
  ...['marac-steering-group', 'marac-steering-group.docx', 'needs-assessment.xlsx'].map((report) => ({
    name: `/api/reports/${report}?area={area}`,
    path: (x: Targets) => `/api/reports/${report}?area=${x.area}`,
    own: { admin: 200, analyst: 200, viewer: 200, submitter: 403, marac: 403 },
    other: { admin: 200, analyst: 404, viewer: 404, submitter: 403, marac: 403 },
  })),
];

describe('the access matrix', () => {
  const clients = {} as Record<Role, Client>;
  let own: Targets;
  let other: Targets;

  beforeAll(async () => {
    for (const role of ROLES) clients[role] = await t.as(role);
    const admin = clients.admin;
    const submitter = clients.submitter;
    // Hartlepool: the submitter's own agency, one of its returns and its audit.
    const me = (await submitter.get('/api/auth/me')).body;
    const ownReturn = (
      await submitter.post('/api/returns/agency-quarter', { period: '2025-26 Q1', values: AGENCY_FIGURES })
    ).body;
    const ownAudit = (await submitter.post('/api/audits', { period: '2025-26' })).body;
    own = { area: 'E06000001', agency: me.agencyId, returnId: ownReturn.id, audit: ownAudit.id };
    // City of London: outside every demo user's scope except the administrator's.
    const agency = (await admin.post('/api/agencies', { name: 'City refuge', sector: 'refuge', areaCode: 'E09000001' }))
      .body;
    const otherReturn = (
      await admin.post('/api/returns/agency-quarter', {
        period: '2025-26 Q1',
        agencyId: agency.id,
        values: AGENCY_FIGURES,
      })
    ).body;
    const [framework] = (await admin.get('/api/standards/frameworks')).body;
    expect(
      (await admin.post('/api/standards/adoptions', { areaCode: 'E09000001', frameworkId: framework.id })).status,
    ).toBe(201);
    const otherAudit = (await admin.post('/api/audits', { period: '2025-26', agencyId: agency.id })).body;
    other = { area: 'E09000001', agency: agency.id, returnId: otherReturn.id, audit: otherAudit.id };
  });

  it('answers every read as the table says, for every role, own area and other area', async () => {
    const mismatches: string[] = [];
    for (const read of READS) {
      for (const role of ROLES) {
        for (const [which, targets, expected] of [
          ['own', own, read.own[role]],
          ['other', other, read.other[role]],
        ] as const) {
          const status = (await clients[role].get(read.path(targets))).status;
          if (status !== expected) mismatches.push(`${role} ${which} ${read.name}: ${status}, expected ${expected}`);
        }
      }
      const anonymous = (await t.anonymous().get(read.path(own))).status;
      if (anonymous !== (read.anonymous ?? 401))
        mismatches.push(`no session ${read.name}: ${anonymous}, expected ${read.anonymous ?? 401}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('never returns another area’s rows in a list', async () => {
    for (const role of ['analyst', 'viewer', 'submitter', 'marac'] as const) {
      const agencies = (await clients[role].get('/api/agencies')).body as { areaCode: string }[];
      expect(
        agencies.some((a) => a.areaCode === 'E09000001'),
        role,
      ).toBe(false);
      const returns =
        role === 'viewer' ? [] : ((await clients[role].get('/api/returns')).body as { areaCode: string }[]);
      expect(
        returns.some((r) => r.areaCode === 'E09000001'),
        role,
      ).toBe(false);
      const audits = (await clients[role].get('/api/audits')).body as { areaCode: string }[];
      expect(
        audits.some((a) => a.areaCode === 'E09000001'),
        role,
      ).toBe(false);
    }
    expect(
      ((await clients.admin.get('/api/returns')).body as { areaCode: string }[]).some(
        (r) => r.areaCode === 'E09000001',
      ),
    ).toBe(true);
  });

  it('lets only the right roles write', async () => {
    const writes: [Role, () => Promise<number>, number][] = [];
    for (const role of ROLES) {
      const c = clients[role];
      writes.push([
        role,
        async () => (await c.get('/api/users')).status,
        role === 'admin' || role === 'analyst' ? 200 : 403,
      ]); // analysts manage the people of their areas
      writes.push([
        role,
        async () =>
          (await c.post('/api/agencies', { name: `New ${role}`, sector: 'other', areaCode: 'E06000001' })).status,
        role === 'admin' || role === 'analyst' ? 201 : 403,
      ]); // analysts manage their areas' agencies
      writes.push([
        role,
        async () =>
          (
            await c.post('/api/returns/agency-quarter', {
              period: '2025-26 Q2',
              agencyId: other.agency,
              values: AGENCY_FIGURES,
            })
          ).status,
        role === 'admin' ? 201 : 403,
      ]);
      writes.push([
        role,
        async () =>
          (await c.post('/api/standards/adoptions', { areaCode: 'E06000001', frameworkId: 'no-such-framework' }))
            .status,
        role === 'admin' || role === 'analyst' ? 404 : 403,
      ]);
      writes.push([
        role,
        async () =>
          (await c.request('PUT', `/api/audits/${other.audit}/moderation/GOV-01`, { rating: 'met', reason: 'x' }))
            .status,
        role === 'admin' ? 409 : role === 'analyst' ? 404 : 403,
      ]);
      writes.push([
        role,
        async () => (await c.post('/api/users', {})).status,
        role === 'admin' || role === 'analyst' ? 422 : 403,
      ]);
      writes.push([
        role,
        async () => (await c.post('/api/users/00000000-0000-4000-8000-000000000000/password-reset')).status,
        role === 'admin' || role === 'analyst' ? 404 : 403,
      ]);
      writes.push([
        role,
        async () => (await c.patch(`/api/agencies/${own.agency}`, { active: true })).status,
        role === 'admin' || role === 'analyst' ? 200 : 403,
      ]); // an agency in the analyst's areas
      writes.push([
        role,
        async () => (await c.patch(`/api/agencies/${other.agency}`, { name: 'Renamed' })).status,
        role === 'admin' ? 200 : role === 'analyst' ? 404 : 403,
      ]); // not in the analyst's areas
      writes.push([
        role,
        async () => (await c.post('/api/standards/frameworks', {})).status,
        role === 'admin' || role === 'analyst' ? 422 : 403,
      ]);
      writes.push([
        role,
        async () =>
          (
            await c.post('/api/returns/marac-quarter', {
              period: '2025-26 Q3',
              maracId: '00000000-0000-4000-8000-000000000000',
              values: {},
            })
          ).status,
        role === 'admin' ? 422 : 403,
      ]); // admin: unknown_owner
      writes.push([
        role,
        async () => (await c.request('PUT', `/api/audits/${other.audit}/ratings`, { ratings: [] })).status,
        role === 'admin' ? 200 : 404,
      ]); // out of scope reads as absent
    }
    const wrong: string[] = [];
    for (const [role, run, expected] of writes) {
      const status = await run();
      if (status !== expected) wrong.push(`${role}: ${status}, expected ${expected}`);
    }
    expect(wrong).toEqual([]);
  });
});
