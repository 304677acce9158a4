import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../apps/api/dist/migrations/index.js';
import { WAREHOUSE_SCHEMA_VERSION, WAREHOUSE_TABLES } from '@waymark/analytics';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';

const t = useApi();

describe('health and the dashboard', () => {
  it('GET /api/health answers ok with the database and warehouse state, without a session', async () => {
    const answer = await t.anonymous().get('/api/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: 'ok',
      database: { state: 'up', embedded: false, migrationsApplied: MIGRATIONS.length },
      warehouse: { state: 'ready', schemaVersion: WAREHOUSE_SCHEMA_VERSION, tables: WAREHOUSE_TABLES.length + 1 }, // and its meta table
    });
  });

  it('serves the dashboard page at / and for shareable dashboard links, with security headers', async () => {
    for (const path of ['/', '/gaps?area=E06000001']) {
      const page = await fetch(t.api.baseUrl + path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('keeps unknown API paths as JSON 404s rather than the dashboard page', async () => {
    const answer = await t.anonymous().get('/api/no-such-thing');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ statusCode: 404 });
  });

  it('loaded the reference geography with adult female populations', async () => {
    const counts = await queryDatabase<{ type: string; n: number }>(
      t.db.url,
      'SELECT type, count(*)::int AS n FROM area GROUP BY type ORDER BY type',
    );
    expect(counts).toEqual([
      { type: 'csp', n: 314 },
      { type: 'lad', n: 348 },
      { type: 'pfa', n: 43 },
    ]);
    const [hartlepool] = await queryDatabase(
      t.db.url,
      "SELECT name, parent_code, females_16plus FROM area WHERE code = 'E06000001'",
    );
    expect(hartlepool).toEqual({ name: 'Hartlepool', parent_code: 'E22000027', females_16plus: 39200 });
    const [cleveland] = await queryDatabase(t.db.url, "SELECT name, females_16plus FROM area WHERE code = 'E23000013'");
    expect(cleveland).toMatchObject({ name: 'Cleveland' });
    expect(cleveland.females_16plus).toBeGreaterThan(200_000);
    // A partnership's population is its districts' sum; districts abolished by later mergers have none.
    const [sums] = await queryDatabase(
      t.db.url,
      `SELECT bool_and(c.females_16plus = s.total) AS ok, count(*)::int AS n FROM area c
      JOIN (SELECT parent_code, sum(females_16plus) AS total FROM area WHERE type = 'lad' GROUP BY parent_code HAVING bool_and(females_16plus IS NOT NULL)) s ON s.parent_code = c.code`,
    );
    expect(sums.ok).toBe(true);
    const [abolished] = await queryDatabase(t.db.url, "SELECT females_16plus FROM area WHERE code = 'E06000028'"); // Bournemouth
    expect(abolished.females_16plus).toBeNull();
    const [london] = await queryDatabase(
      t.db.url,
      "SELECT name, females_16plus FROM area WHERE type = 'pfa' AND name = 'City of London'",
    );
    expect(london.females_16plus).toBeGreaterThan(0);
  });
});
