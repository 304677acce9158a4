import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import { DEMO } from '../support/http.js';
import type { Client } from '../support/http.js';
import { AGENCY_FIGURES } from '../support/returns-fixtures.js';

/** A small body cap, so the over-size case is cheap to send to every write route. */
const MAX_BYTES = 64 * 1024;
const t = useApi({ RETURN_MAX_BYTES: String(MAX_BYTES) });

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
interface Route {
  method: Method;
  path: string;
  /** The handler ignores any body (and acts on the request): sent no well-formed bodies. */
  acts?: true;
}

/** Every route of the README's API table and the access matrix, with placeholders for ids. */
const ROUTES: Route[] = [
  ...[
    '/api/health',
    '/api/auth/me',
    '/api/areas?type=lad',
    '/api/areas/{area}',
    '/api/maracs?area={area}',
    '/api/agencies?area={area}&sector=refuge',
    '/api/agencies/{agency}',
    '/api/users',
    '/api/users/{user}',
    '/api/reference/code-lists',
    '/api/returns/types',
    '/api/returns/templates/{type}.csv',
    '/api/returns/templates/{type}.xlsx',
    '/api/returns?type=agency-quarter&period=2025-26%20Q1',
    '/api/returns/{returnId}',
    '/api/returns/{returnId}/versions',
    '/api/returns/{returnId}/original',
    '/api/returns/completeness?area={area}&period=2025-26%20Q1',
    '/api/openapi.json',
    '/api/standards/frameworks',
    '/api/standards/frameworks/{framework}',
    '/api/standards/frameworks/{framework}/export.json',
    '/api/standards/frameworks/{framework}/export.xlsx',
    '/api/standards/adoptions',
    '/api/standards/adoptions/{adoption}',
    '/api/standards/compliance?area={area}&period=2025-26&by=theme',
    '/api/standards/gaps?area={area}&period=2025-26',
    '/api/audits',
    '/api/audits/{audit}',
    '/api/audits/{audit}/versions',
    '/api/audits/{audit}/export.xlsx',
    '/api/audits/{audit}/export.json',
    '/api/analytics/indicators?area={area}&compare=national',
    '/api/analytics/trends?area={area}&indicators=repeat_rate',
    '/api/analytics/comparison?level=lad&indicator=repeat_rate',
    '/api/analytics/pathways?area={area}',
    '/api/analytics/gaps?area={area}',
    '/api/analytics/explorer?source=agency&groupBy=period',
    '/api/analytics/explorer.csv?area={area}',
    '/api/analytics/explorer.xlsx?area={area}',
    '/api/analytics/explorer.parquet?area={area}',
    '/api/analytics/peers?agency={agency}',
    '/api/audit-events?from=2025-04-01&to=2026-03-31&actor=demo&action=sign_in',
    '/api/audit-events.csv?from=2025-04-01&actor={user}',
    '/api/agencies/import/template.csv',
    '/api/agencies/import/template.xlsx',
    '/api/setup?token=not-a-token',
    '/api/maracs/{marac}',
    '/api/schedules?area={area}',
    '/api/returns/current?type=agency-quarter&period=2025-26%20Q1',
    '/api/reports',
    '/api/reports/{kind}?area={area}&marac={marac}',
    '/api/reports/{kind}.docx?area={area}',
    '/api/reports/needs-assessment.xlsx?area={area}',
  ].map((path) => ({ method: 'GET' as const, path })),
  { method: 'POST', path: '/api/setup' },
  { method: 'POST', path: '/api/auth/password' },
  { method: 'POST', path: '/api/maracs' },
  { method: 'PATCH', path: '/api/maracs/{marac}' },
  { method: 'POST', path: '/api/schedules' },
  { method: 'PATCH', path: '/api/schedules/{schedule}' },
  { method: 'POST', path: '/api/auth/login' },
  { method: 'POST', path: '/api/auth/logout', acts: true },
  { method: 'POST', path: '/api/agencies' },
  { method: 'PATCH', path: '/api/agencies/{agency}' },
  { method: 'POST', path: '/api/agencies/import' },
  { method: 'POST', path: '/api/users' },
  { method: 'PATCH', path: '/api/users/{user}' },
  { method: 'POST', path: '/api/users/{user}/password-reset', acts: true },
  { method: 'POST', path: '/api/returns/{type}' },
  { method: 'POST', path: '/api/standards/frameworks' },
  { method: 'POST', path: '/api/standards/adoptions' },
  { method: 'PATCH', path: '/api/standards/adoptions/{adoption}/standards/{code}' },
  { method: 'POST', path: '/api/standards/adoptions/{adoption}/standards' },
  { method: 'POST', path: '/api/audits' },
  { method: 'PUT', path: '/api/audits/{audit}/ratings' },
  { method: 'POST', path: '/api/audits/{audit}/submit', acts: true },
  { method: 'PUT', path: '/api/audits/{audit}/moderation/{code}' },
];

type Targets = Record<
  | 'area'
  | 'agency'
  | 'user'
  | 'type'
  | 'returnId'
  | 'framework'
  | 'adoption'
  | 'audit'
  | 'code'
  | 'marac'
  | 'schedule'
  | 'kind',
  string
>;
const fill = (path: string, x: Targets, change?: (value: string) => string) => {
  const names = [...path.split('?')[0].matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const last = names[names.length - 1];
  return path.replace(/\{(\w+)\}/g, (_, k: keyof Targets) => (change && k === last ? change(x[k]) : x[k]));
};
const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;
const hasPathParameter = (route: Route) => /\{\w+\}/.test(route.path.split('?')[0]);
/** The route's address with its last path parameter (or last segment) changed. */
const alterPath = (route: Route, x: Targets, change: (value: string) => string) => {
  if (hasPathParameter(route)) return fill(route.path, x, change);
  const [path, query] = fill(route.path, x).split('?');
  return `${change(path)}${query ? `?${query}` : ''}`;
};

interface Attempt {
  name: string;
  writesOnly?: true;
  /** Routes whose handler would act on the request are left out of attempts that reach the handler. */
  reachesHandler?: true;
  request: (
    route: Route,
    x: Targets,
  ) => { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer };
  /** The exact answer expected; absent: any status below 500, in the problem shape when 4xx. */
  status?: number;
  rule?: string;
}

const json = { 'Content-Type': 'application/json' };
/** Every text field the write routes read, each with a NUL in it (the JSON escape \u0000), as the outside tester sent them. */
const NUL_BODY = JSON.stringify({
  email: 'a\u0000@b.c',
  password: 'x',
  name: 'Harbour\u0000 Refuge',
  displayName: 'Sweep\u0000',
  reason: 'Seen\u0000',
  statement: 'x\u0000',
  evidence: 'x\u0000',
  title: 'x\u0000',
  key: 'k\u0000',
  period: '2025-26\u0000',
  ratings: [{ code: 'GOV-01', rating: 'met', action: 'x\u0000', evidenceRef: 'x\u0000' }],
});
/** A multipart upload written by hand: form fields, then a small CSV file named plainly, or with a raw `filename*` parameter. */
function multipart(
  fields: Record<string, string>,
  fileName: string | null,
  extendedName?: string,
): { headers: Record<string, string>; body: Buffer } {
  const boundary = 'no500-boundary';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const name = extendedName === undefined ? `filename="${fileName}"` : `filename*=${extendedName}`;
  const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${name}\r\nContent-Type: text/csv\r\n\r\ncaseload\r\n1\r\n--${boundary}--\r\n`;
  return {
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.from(parts.join('') + file, 'utf8'),
  };
}
const ATTEMPTS: Attempt[] = [
  {
    name: 'repeated query key',
    request: (r, x) => ({ path: withQuery(fill(r.path, x), 'from=2025-26%20Q1&from=2025-26%20Q2') }),
    status: 400,
    rule: 'repeated_parameter',
  },
  {
    name: 'bracketed query key',
    request: (r, x) => ({ path: withQuery(fill(r.path, x), 'area[]=E06000001') }),
    status: 400,
    rule: 'parameter_name',
  },
  {
    name: 'overlong query value',
    request: (r, x) => ({ path: withQuery(fill(r.path, x), `note=${'E'.repeat(5_000)}`) }),
    status: 414,
    rule: 'too_long',
  },
  {
    name: 'line break in a path parameter',
    request: (r, x) => ({ path: alterPath(r, x, (v) => `${v}%0A`) }),
    status: 400,
    rule: 'control_character',
  },
  {
    name: 'NUL in a path parameter',
    request: (r, x) => ({ path: alterPath(r, x, (v) => `${v}%00`) }),
    status: 400,
    rule: 'control_character',
  },
  {
    name: 'broken %-escape in a path parameter',
    request: (r, x) => ({ path: alterPath(r, x, (v) => `${v}%E0%A4%A`) }),
    status: 400,
    rule: 'bad_encoding',
  },
  {
    name: 'control character in a query value',
    request: (r, x) => ({ path: withQuery(fill(r.path, x), 'sector=refuge%0D%0ASet-Cookie:%20x') }),
    status: 400,
    rule: 'control_character',
  },
  {
    name: 'headers over 16 KB',
    request: (r, x) => ({ path: fill(r.path, x), headers: { 'X-Filler': 'a'.repeat(20_000) } }),
    status: 431,
    rule: 'headers_too_large',
  },
  {
    name: 'JSON nested 10,000 deep',
    writesOnly: true,
    request: (r, x) => ({
      path: fill(r.path, x),
      headers: json,
      body: `{"values":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    }),
    status: 400,
    rule: 'json_depth',
  },
  {
    name: 'JSON duplicate key',
    writesOnly: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: json, body: '{"period":"2025-26","period":"2024-25"}' }),
    status: 422,
    rule: 'duplicate_key',
  },
  {
    name: 'malformed JSON',
    writesOnly: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: json, body: '{"period":' }),
    status: 400,
    rule: 'json_syntax',
  },
  {
    name: 'JSON over the size limit',
    writesOnly: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: json, body: `{"a":"${'x'.repeat(MAX_BYTES)}"}` }),
    status: 413,
    rule: 'too_large',
  },
  {
    name: 'near-miss content type application/jsonx',
    writesOnly: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: { 'Content-Type': 'application/jsonx' }, body: '{}' }),
    status: 415,
    rule: 'media_type',
  },
  {
    name: 'text/plain on a JSON route',
    writesOnly: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: { 'Content-Type': 'text/plain' }, body: '{}' }),
    status: 415,
    rule: 'media_type',
  },
  {
    name: 'form-encoded body',
    writesOnly: true,
    request: (r, x) => ({
      path: fill(r.path, x),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'period=2025-26',
    }),
    status: 415,
    rule: 'media_type',
  },
  {
    name: 'content type with no body',
    writesOnly: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: { 'Content-Type': 'application/jsonx' } }),
    status: 415,
    rule: 'media_type',
  },
  {
    name: 'gzip-compressed JSON',
    writesOnly: true,
    request: (r, x) => ({
      path: fill(r.path, x),
      headers: { ...json, 'Content-Encoding': 'gzip' },
      body: gzipSync('{}'),
    }),
    status: 415,
    rule: 'content_encoding',
  },
  {
    name: 'JSON charset other than UTF-8',
    writesOnly: true,
    request: (r, x) => ({
      path: fill(r.path, x),
      headers: { 'Content-Type': 'application/json; charset=utf-16' },
      body: '{}',
    }),
    status: 415,
    rule: 'media_type',
  },
  // A NUL (or another control character) in a JSON string stopped PostgreSQL, and the API answered 500 (issue 12).
  {
    name: 'NUL in JSON strings',
    writesOnly: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: json, body: NUL_BODY }),
    status: 400,
    rule: 'control_character',
  },
  {
    name: 'NUL in a JSON key',
    writesOnly: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: json, body: '{"name\\u0000":"x"}' }),
    status: 400,
    rule: 'control_character',
  },
  {
    name: 'escape character in a JSON string',
    writesOnly: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: json, body: '{"reason":"x\\u001b[31m","name":"x\\b"}' }),
    status: 400,
    rule: 'control_character',
  },
  // These pass the front door and reach the handlers: any answer below 500 will do.
  {
    name: 'overlong path parameter',
    reachesHandler: true,
    request: (r, x) => ({
      path: alterPath(r, x, (v) => (hasPathParameter(r) ? 'x'.repeat(3_000) : `${v}${'x'.repeat(3_000)}`)),
    }),
  },
  {
    name: 'odd filter values',
    reachesHandler: true,
    request: (r, x) => ({
      path: withQuery(
        fill(r.path, x),
        'sector=zzz&type=zzz&by=zzz&level=zzz&source=zzz&groupBy=zzz&indicator=zzz&indicators=zzz,,&agencyId=zzz&maracId=%27--&compare=zzz',
      ),
    }),
  },
  {
    name: 'multipart with no boundary',
    writesOnly: true,
    reachesHandler: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: { 'Content-Type': 'multipart/form-data' }, body: 'abc' }),
  },
  {
    name: 'multipart cut short',
    writesOnly: true,
    reachesHandler: true,
    request: (r, x) => ({
      path: fill(r.path, x),
      headers: { 'Content-Type': 'multipart/form-data; boundary=XX' },
      body: '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc',
    }),
  },
  // Upload routes answer these 400 (checked exactly below); other routes read no multipart body at all.
  {
    name: 'NUL in a multipart field',
    writesOnly: true,
    reachesHandler: true,
    request: (r, x) => ({ path: fill(r.path, x), ...multipart({ period: '2025-26 Q1\u0000' }, 'return.csv') }),
  },
  {
    name: 'NUL in a multipart filename*',
    writesOnly: true,
    reachesHandler: true,
    request: (r, x) => ({
      path: fill(r.path, x),
      ...multipart({ period: '2025-26 Q1' }, null, "UTF-8''return%00.csv"),
    }),
  },
  ...(
    [
      '[]',
      '"text"',
      'null',
      '17',
      '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}',
      `{"values":${'{"a":'.repeat(30)}1${'}'.repeat(30)}}`,
    ] as const
  ).map((body): Attempt => ({
    name: `well-formed JSON of the wrong shape: ${body.slice(0, 30)}`,
    writesOnly: true,
    reachesHandler: true,
    request: (r, x) => ({ path: fill(r.path, x), headers: json, body }),
  })),
];

interface Answer {
  status: number;
  body:
    | {
        statusCode?: number;
        message?: unknown;
        problems?: { row: unknown; column: unknown; rule: unknown; message: unknown }[];
      }
    | string
    | null;
}

async function send(client: Client | null, attempt: ReturnType<Attempt['request']>, method: string): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', ...attempt.headers };
  const cookie = client ? (client as unknown as { cookie: string | null }).cookie : null;
  if (cookie) headers.Cookie = cookie;
  const response = await fetch(t.api.baseUrl + attempt.path, { method, headers, body: attempt.body });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text.slice(0, 200) };
  }
}

/** What is wrong with an answer, or null: never 5xx, and every 4xx in the problem shape. */
function fault(answer: Answer, attempt: Attempt): string | null {
  if (answer.status >= 500) return `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
  if (attempt.status !== undefined && answer.status !== attempt.status)
    return `${answer.status}, expected ${attempt.status}: ${JSON.stringify(answer.body).slice(0, 200)}`;
  if (answer.status < 400) return null;
  const body = answer.body;
  if (
    !body ||
    typeof body !== 'object' ||
    body.statusCode !== answer.status ||
    typeof body.message !== 'string' ||
    !Array.isArray(body.problems) ||
    body.problems.length === 0
  )
    return `${answer.status} not in the problem shape: ${JSON.stringify(body).slice(0, 200)}`;
  if (
    body.problems.some(
      (p) =>
        !('row' in p) ||
        !('column' in p) ||
        typeof p.rule !== 'string' ||
        typeof p.message !== 'string' ||
        p.message === '',
    )
  )
    return `a problem is not {row, column, rule, message}: ${JSON.stringify(body.problems).slice(0, 200)}`;
  if (attempt.rule && !body.problems.some((p) => p.rule === attempt.rule))
    return `rule ${attempt.rule} not named: ${JSON.stringify(body.problems).slice(0, 200)}`;
  return null;
}

describe('no input answers 500', () => {
  const callers: [string, Client | null][] = [];
  let targets: Targets;

  beforeAll(async () => {
    for (const who of Object.keys(DEMO) as (keyof typeof DEMO)[]) callers.push([who, await t.as(who)]);
    callers.push(['no session', null]);
    const admin = callers[0][1]!;
    const submitter = await t.as('submitter');
    const me = (await submitter.get('/api/auth/me')).body;
    const returned = await submitter.post('/api/returns/agency-quarter', {
      period: '2025-26 Q1',
      values: AGENCY_FIGURES,
    });
    const audit = await submitter.post('/api/audits', { period: '2025-26' });
    const [framework] = (await admin.get('/api/standards/frameworks')).body;
    const [adoption] = (await admin.get('/api/standards/adoptions')).body;
    const user = await admin.post('/api/users', {
      email: 'sweep@demo.waymark.test',
      displayName: 'Sweep test',
      role: 'viewer',
      areaCodes: ['E06000001'],
    });
    expect([returned.status, audit.status, user.status], JSON.stringify(user.body)).toEqual([201, 201, 201]);
    const [marac] = (await admin.get('/api/maracs?area=E06000001')).body;
    const [schedule] = (await admin.get('/api/schedules?area=E06000001')).body;
    targets = {
      area: 'E06000001',
      agency: me.agencyId,
      user: user.body.user.id,
      type: 'agency-quarter',
      returnId: returned.body.id,
      framework: framework.id,
      adoption: adoption.id,
      audit: audit.body.id,
      code: 'GOV-01',
      marac: marac.id,
      schedule: schedule.id,
      kind: 'marac-steering-group',
    };
  });

  it('covers every route in the README API table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## API so far'), readme.indexOf('Analytics endpoints also take'));
    const listed = new Set(ROUTES.map((r) => `${r.method} ${r.path.split('?')[0].replace(/\{\w+\}/g, '{}')}`));
    const missing: string[] = [];
    for (const [, methods, path] of table.matchAll(
      /`((?:GET|POST|PUT|PATCH|DELETE)(?:\/(?:GET|POST|PUT|PATCH|DELETE))*) (\/[^`?\s]*)/g,
    )) {
      for (const method of methods.split('/'))
        if (!listed.has(`${method} /api${path.replace(/\{\w+\}/g, '{}')}`)) missing.push(`${method} ${path}`);
    }
    expect(missing).toEqual([]);
    expect(listed.size).toBeGreaterThan(50);
  });

  it('answers every hostile variant of every route, for every role, with a 4xx in the problem shape', async () => {
    const faults: string[] = [];
    const jobs: (() => Promise<void>)[] = [];
    for (const [who, client] of callers) {
      for (const route of ROUTES) {
        for (const attempt of ATTEMPTS) {
          if (attempt.writesOnly && route.method === 'GET') continue;
          if (attempt.reachesHandler && route.acts) continue;
          jobs.push(async () => {
            const request = attempt.request(route, targets);
            const answer = await send(client, request, request.method ?? route.method);
            const problem = fault(answer, attempt);
            if (problem)
              faults.push(`${who} ${route.method} ${request.path.slice(0, 90)} [${attempt.name}]: ${problem}`);
          });
        }
      }
    }
    expect(jobs.length).toBeGreaterThan(2_000);
    // Six at a time: quick, without crowding the two cores the suite shares.
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) await job();
      }),
    );
    expect(faults.slice(0, 40), `${faults.length} faults`).toEqual([]);
  }, 300_000);

  it('refuses a NUL in each field the outside tester tried, with 400 in the problem shape, and stores none of it', async () => {
    const [admin, analyst, submitter] = [callers[0][1]!, await t.as('analyst'), await t.as('submitter')];
    const counts = () =>
      queryDatabase<{ n: string }>(
        t.db.url,
        `SELECT (SELECT count(*) FROM agency) + (SELECT count(*) FROM app_user) + (SELECT count(*) FROM standards_framework) + (SELECT count(*) FROM submission) + (SELECT count(*) FROM audit_rating WHERE action IS NOT NULL OR moderation_reason IS NOT NULL) AS n`,
      ).then((r) => r[0].n);
    const before = await counts();
    const nul = '\u0000';
    const attempts: [Client | null, string, string, Record<string, unknown>][] = [
      [null, 'POST', '/api/auth/login', { email: `a${nul}@b.c`, password: 'x' }],
      [
        submitter,
        'PUT',
        `/api/audits/${targets.audit}/ratings`,
        { ratings: [{ code: 'GOV-01', rating: 'not_met', action: `Train${nul} staff`, targetDate: '2099-03-31' }] },
      ],
      [
        submitter,
        'PUT',
        `/api/audits/${targets.audit}/ratings`,
        { ratings: [{ code: 'GOV-01', rating: 'met', evidenceRef: `EV${nul}` }] },
      ],
      [analyst, 'PUT', `/api/audits/${targets.audit}/moderation/GOV-01`, { rating: 'met', reason: `Seen${nul}` }],
      [analyst, 'POST', '/api/standards/frameworks', { key: `k${nul}`, title: `Standards${nul}` }],
      [
        analyst,
        'POST',
        `/api/standards/adoptions/${targets.adoption}/standards`,
        { theme: 'data', statement: `Returns${nul} on time`, evidence: 'Report' },
      ],
      [admin, 'POST', '/api/agencies', { name: `Harbour${nul} Refuge`, sector: 'refuge', areaCode: 'E06000001' }],
      [admin, 'PATCH', `/api/agencies/${targets.agency}`, { name: `Harbour${nul} Refuge` }],
      [
        admin,
        'POST',
        '/api/users',
        { email: 'nul@demo.waymark.test', displayName: `Sweep${nul}`, role: 'viewer', areaCodes: ['E06000001'] },
      ],
      [admin, 'PATCH', `/api/users/${targets.user}`, { displayName: `Sweep${nul}` }],
    ];
    const faults: string[] = [];
    for (const [client, method, path, body] of attempts) {
      const answer = await send(client, { path, headers: json, body: JSON.stringify(body) }, method);
      const problem = fault(answer, { name: 'NUL', request: () => ({ path }), status: 400, rule: 'control_character' });
      if (problem) faults.push(`${method} ${path}: ${problem}`);
    }
    // Multipart: a form field, and a file name given as filename* with %00, on each upload route.
    for (const [client, method, path] of [
      [submitter, 'POST', '/api/returns/agency-quarter'],
      [analyst, 'POST', '/api/standards/frameworks'],
      [analyst, 'POST', '/api/agencies/import'],
      [submitter, 'PUT', `/api/audits/${targets.audit}/ratings`],
    ] as const) {
      for (const [what, request, column] of [
        ['field', multipart({ period: `2025-26 Q1${nul}` }, 'return.csv'), 'period'],
        ['filename*', multipart({ period: '2025-26 Q1' }, null, "UTF-8''return%00.csv"), 'file'],
      ] as const) {
        const answer = await send(client, { path, ...request }, method);
        const problem = fault(answer, {
          name: what,
          request: () => ({ path }),
          status: 400,
          rule: 'control_character',
        });
        if (problem) faults.push(`${method} ${path} (${what}): ${problem}`);
        else if (typeof answer.body === 'object' && answer.body?.problems?.[0].column !== column)
          faults.push(
            `${method} ${path} (${what}): column ${String(answer.body?.problems?.[0].column)}, expected ${column}`,
          );
      }
    }
    expect(faults).toEqual([]);
    expect(await counts()).toBe(before);
  });

  it('is still up, every session still valid, and logged no server fault', async () => {
    for (const [who, client] of callers) if (client) expect((await client.get('/api/auth/me')).status, who).toBe(200);
    expect((await t.anonymous().get('/api/health')).status).toBe(200);
    expect(t.api.output()).not.toMatch(/\b500\b|Internal server error|failed: /);
  });
});
