import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../support/api-server.js';
import { Client, DEMO } from '../support/http.js';

/** The fresh-machine path: no DATABASE_URL, so the server runs its own PostgreSQL in its data folder. */
describe('starting with no DATABASE_URL', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'waymark-start-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = () => startApi({ databaseUrl: null, dataDir, env: { WAYMARK_DEMO_PASSWORD: '' } });

  it('initialises an embedded cluster, prints progress and the demo passwords once, and answers health', async () => {
    const api = await start();
    try {
      const out = api.output();
      expect(out).toMatch(/\[1\/5\] Starting embedded PostgreSQL/);
      expect(out).toMatch(/\[5\/5\] Starting the API and dashboard/);
      expect(out).toContain('initialising a new embedded PostgreSQL cluster');
      const health = await new Client(api.baseUrl).get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', database: { state: 'up', embedded: true } });

      const saved = await readFile(join(dataDir, 'demo-accounts.txt'), 'utf8');
      expect((await stat(join(dataDir, 'demo-accounts.txt'))).mode & 0o077).toBe(0);
      const viewerLine = saved.split('\n').find((l) => l.includes(DEMO.viewer))!;
      const password = viewerLine.trim().split(/\s+/)[2];
      expect(out).toContain(password);
      await new Client(api.baseUrl).signIn(DEMO.viewer, password);
    } finally {
      expect(await api.stop('SIGTERM')).toBe(0);
    }
    // A clean stop leaves no server running in the folder.
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'waymark.pid'))).toBe(false);
  });

  it('keeps its data across restarts and does not make the demo accounts again', async () => {
    const api = await start();
    try {
      expect(api.output()).not.toContain('initialising a new embedded PostgreSQL cluster');
      expect(api.output()).toContain('demo partnership present');
      expect(api.output()).not.toContain('Demo accounts');
    } finally {
      await api.stop();
    }
  });

  it('refuses a second server on the same data folder without disturbing the first', async () => {
    const first = await start();
    try {
      await expect(start()).rejects.toThrow(/Waymark is already running from/);
      expect((await new Client(first.baseUrl).get('/api/health')).status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  it('recovers when the previous server was killed outright and left PostgreSQL running', async () => {
    const crashed = await start();
    await crashed.stop('SIGKILL');
    const orphanPid = Number((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(() => process.kill(orphanPid, 0)).not.toThrow(); // still running without its owner
    const api = await start();
    try {
      expect((await new Client(api.baseUrl).get('/api/health')).status).toBe(200);
      expect(() => process.kill(orphanPid, 0)).toThrow();
    } finally {
      await api.stop();
    }
  });

  it('starts afresh when its data folder was deleted and made again at the same path', async () => {
    // Inside a folder only its owner can enter, as under /root: there, a server run as root keeps
    // the cluster outside the data folder, where it outlives the folder.
    const parent = await mkdtemp(join(tmpdir(), 'waymark-private-'));
    await chmod(parent, 0o700);
    const folder = join(parent, 'data');
    const startIn = async () => {
      await mkdir(folder, { recursive: true });
      return startApi({ databaseUrl: null, dataDir: folder, env: { WAYMARK_DEMO_PASSWORD: '' } });
    };
    try {
      await (await startIn()).stop();
      await rm(folder, { recursive: true, force: true });
      const again = await startIn();
      try {
        expect(again.output()).toContain('initialising a new embedded PostgreSQL cluster');
        expect((await new Client(again.baseUrl).get('/api/health')).status).toBe(200);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
      // Where the server keeps such a folder's cluster (see sharedPlace in embedded-postgres.ts).
      await rm(`/var/tmp/waymark-data-${createHash('sha256').update(folder).digest('hex').slice(0, 12)}`, {
        recursive: true,
        force: true,
      });
    }
  });
});
