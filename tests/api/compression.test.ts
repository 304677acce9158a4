import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/api-server.js';
import { useApi } from '../support/fixture.js';
import { DEMO } from '../support/http.js';

const t = useApi();
const DIST = join(process.cwd(), 'apps/web/dist');

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET as a browser makes it, with the bytes as they came over the wire (fetch would undo the compression). */
function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(t.api.baseUrl + path, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

const unpack = (raw: Raw) =>
  raw.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(raw.body)
    : raw.headers['content-encoding'] === 'gzip'
      ? gunzipSync(raw.body)
      : raw.body;
const BOTH = { 'Accept-Encoding': 'gzip, br' };

describe('compression and caching', () => {
  it('sends the dashboard page compressed and never to be used without checking', async () => {
    const page = await get('/', BOTH);
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.vary).toMatch(/Accept-Encoding/i);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(unpack(page).toString()).toBe(await readFile(join(DIST, 'index.html'), 'utf8'));
    // A shared link to a view gets the same page, and a client that takes only gzip gets gzip.
    const view = await get('/repeats?level=pfa', { 'Accept-Encoding': 'gzip' });
    expect(view.headers['content-encoding']).toBe('gzip');
    expect(unpack(view).toString()).toContain('<div id="root"></div>');
  });

  it('sends hashed assets as the compressed copies the build measured, to be kept for a year', async () => {
    const html = await readFile(join(DIST, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[\w.-]+-[\w-]{8}\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const file = join(DIST, asset);
      const br = await get(asset, BOTH);
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers['content-type']).toMatch(asset.endsWith('.js') ? /javascript/ : /text\/css/);
      expect(br.body.equals(await readFile(`${file}.br`))).toBe(true);
      expect(unpack(br).equals(await readFile(file))).toBe(true);
      const gzip = await get(asset, { 'Accept-Encoding': 'gzip, br;q=0' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.body.equals(await readFile(`${file}.gz`))).toBe(true);
      const plain = await get(asset);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(await readFile(file))).toBe(true);
    }
  });

  it('compresses JSON answers: health and an analytics answer', async () => {
    const health = await get('/api/health', BOTH);
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBe('br');
    expect(health.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(unpack(health).toString())).toMatchObject({ status: 'ok' });

    const login = await fetch(`${t.api.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: DEMO.analyst, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const answer = await get('/api/analytics/indicators?from=2025-26%20Q1&to=2025-26%20Q4', {
      ...BOTH,
      Cookie: cookie,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    const indicators = JSON.parse(unpack(answer).toString());
    expect(indicators.indicators.length).toBeGreaterThan(10);
    expect(answer.body.length).toBeLessThan(unpack(answer).length / 3);
    const gzip = await get('/api/analytics/indicators?from=2025-26%20Q1&to=2025-26%20Q4', {
      'Accept-Encoding': 'gzip',
      Cookie: cookie,
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(unpack(gzip).toString())).toEqual(indicators);
  });
});
