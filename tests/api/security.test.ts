import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { sendQuarterlyReturns, useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';

const t = useApi();
const HARTLEPOOL = 'E06000001';

/** Strings that would change a query if they were ever pasted into SQL instead of bound. */
const HOSTILE = [
  "' OR '1'='1",
  "E06000001' OR 1=1 --",
  '1; DROP TABLE submission; --',
  "2025-26 Q1' UNION SELECT email, password_hash FROM app_user --",
  'lad_code) OR (true',
  '$scope_areas',
  '{{sums}}',
  '"; SELECT 1; --',
  'E06000001\u0000',
  'x'.repeat(5000),
];

/** Every analytics endpoint and the filters it reads from the address. */
const FILTERS: Record<string, string[]> = {
  indicators: ['area', 'from', 'to', 'sector', 'compare'],
  trends: ['area', 'from', 'to', 'sector', 'indicators'],
  comparison: ['area', 'from', 'to', 'sector', 'level', 'indicator'],
  pathways: ['area', 'from', 'to', 'sector'],
  gaps: ['area', 'from', 'to', 'sector'],
  explorer: ['area', 'from', 'to', 'sector', 'source', 'groupBy'],
  'explorer.csv': ['area', 'from', 'to', 'sector', 'source', 'groupBy'],
  peers: ['agency', 'from', 'to'],
};
const SQL_LEAK =
  /syntax error|Parser Error|Binder Error|Catalog Error|Conversion Error|relation .* does not exist|at character \d+/i;

describe('security', () => {
  let admin: Client;
  let analyst: Client;

  beforeAll(async () => {
    admin = await t.as('admin');
    analyst = await t.as('analyst');
    await sendQuarterlyReturns(t);
  });

  it('sends security headers on the dashboard and the API, and nothing that names the framework', async () => {
    for (const path of ['/', '/api/health']) {
      const answer = await t.anonymous().request('GET', path);
      const h = answer.headers;
      expect(h.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(h.get('content-security-policy'), path).toContain("frame-ancestors 'self'");
      expect(h.get('content-security-policy'), path).toContain("object-src 'none'");
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      expect(h.get('referrer-policy'), path).toBe('no-referrer');
      expect(h.get('strict-transport-security'), path).toMatch(/max-age=\d+/);
      expect(h.get('x-powered-by'), path).toBeNull();
    }
  });

  it('keeps the session in an httpOnly, SameSite=Strict cookie', async () => {
    const answer = await t.anonymous().post('/api/auth/login', {
      email: 'analyst@demo.waymark.test',
      password: (await import('../support/api-server.js')).DEMO_PASSWORD,
    });
    const cookie = answer.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(answer.body).not.toHaveProperty('token');
  });

  it('refuses writes sent from another website, even with a valid session cookie', async () => {
    const before = (await admin.get('/api/agencies')).body.length;
    const body = { name: 'Cross-site agency', sector: 'refuge', areaCode: HARTLEPOOL };
    for (const headers of [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ]) {
      const answer = await admin.request('POST', '/api/agencies', body, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body.message).toMatch(/another website/);
      expect((await admin.request('POST', '/api/auth/logout', undefined, headers)).status).toBe(403);
    }
    expect((await admin.get('/api/agencies')).body.length).toBe(before);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
    // The same request from the dashboard's own origin goes through.
    const origin = new URL(t.api.baseUrl).origin;
    expect(
      (await admin.request('POST', '/api/agencies', body, { Origin: origin, 'Sec-Fetch-Site': 'same-origin' })).status,
    ).toBe(201);
  });

  it('binds every analytics filter as a parameter: hostile values get 4xx or an empty answer, never SQL', async () => {
    const baseline = (
      await analyst.get(`/api/analytics/indicators?area=${HARTLEPOOL}&from=2025-26%20Q1&to=2025-26%20Q1`)
    ).body.indicators;
    const problems: string[] = [];
    for (const [endpoint, params] of Object.entries(FILTERS)) {
      for (const param of params) {
        for (const value of HOSTILE) {
          for (const client of [admin, analyst]) {
            const answer = await client.get(
              `/api/analytics/${endpoint}?${new URLSearchParams({ [param]: value }).toString()}`,
            );
            const text = JSON.stringify(answer.body);
            // 400: a control character, 414: longer than any query value is read
            if (![200, 400, 404, 414, 422].includes(answer.status) || SQL_LEAK.test(text))
              problems.push(`${endpoint} ${param}=${value.slice(0, 30)}: ${answer.status} ${text.slice(0, 120)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(Number((await queryDatabase(t.db.url, 'SELECT count(*) AS n FROM submission'))[0].n)).toBe(2);
    expect(
      (await analyst.get(`/api/analytics/indicators?area=${HARTLEPOOL}&from=2025-26%20Q1&to=2025-26%20Q1`)).body
        .indicators,
    ).toEqual(baseline);
    expect(t.api.output()).not.toMatch(/Internal server error/i);
  }, 120_000);

  it('escapes formulas in CSV exports so a spreadsheet shows them as text', async () => {
    const csv = (
      await analyst.download(
        '/api/analytics/explorer.csv?source=agency&groupBy=sector&from=2025-26%20Q1&to=2025-26%20Q1',
      )
    ).bytes.toString('utf8');
    const cells = csv
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .flatMap((line) => line.split(','));
    expect(cells.some((c) => /^["]?[=+@]/.test(c))).toBe(false);
  });
});
