import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Request } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../apps/api/src/auth/password.js';
import { startWaymark, type RunningWaymark } from './server.js';

const PASSWORD = 'bench-page-password';
const EMAIL = 'bench-page@waymark.test';
const CHROMIUM = '/usr/bin/chromium';

export interface StartupTimings {
  /** Seconds from spawning Waymark to "ready", and what it said about the warehouse. */
  cleanStart: { seconds: number; warehouse: string };
  afterCrash: { seconds: number; warehouse: string };
  /** Seconds from navigation to the headline figures on screen, cold, for each page measured; empty without Chromium. */
  pages: PageTiming[];
}

/** A page's cold time to its headline figures, and its slowest API request meanwhile. */
export interface PageTiming {
  page: string;
  seconds: number;
  slowest: { path: string; ms: number } | null;
}

/** Starts the built Waymark on the benchmark's database and warehouse, as `npm start` would, timing it to "ready". */
async function start(
  databaseUrl: string,
  warehousePath: string,
  dataDir: string,
): Promise<RunningWaymark & { seconds: number; warehouse: string }> {
  const started = performance.now();
  const running = await startWaymark({
    ...process.env,
    DATABASE_URL: databaseUrl,
    WAREHOUSE_PATH: warehousePath,
    WAYMARK_DATA_DIR: dataDir,
    WAYMARK_DEMO: 'false',
  });
  const seconds = (performance.now() - started) / 1000;
  // The warehouse step's "done in …s — what was done" line.
  const output = running.output();
  const line =
    output
      .slice(output.indexOf('Opening the warehouse'))
      .split('\n')
      .find((l) => /done in/.test(l)) ?? '';
  return { ...running, seconds, warehouse: line.trim() };
}

/** Cold time from navigation to the first headline figure, signed in through the form beforehand. */
async function pageTimings(url: string, areas: { page: string; query: string }[]): Promise<PageTiming[]> {
  if (!existsSync(CHROMIUM)) return [];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${url}/account`);
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const timings: PageTiming[] = [];
    for (const { page: name, query } of areas) {
      const requests: { path: string; ms: number }[] = [];
      const finished = (request: Request) => {
        if (request.url().includes('/api/'))
          requests.push({ path: new URL(request.url()).pathname, ms: request.timing().responseEnd });
      };
      page.on('requestfinished', finished);
      const started = performance.now();
      await page.goto(`${url}/${query}`);
      await page.locator('.waymark-card__value').first().waitFor();
      timings.push({
        page: name,
        seconds: (performance.now() - started) / 1000,
        slowest: requests.sort((a, b) => b.ms - a.ms)[0] ?? null,
      });
      page.off('requestfinished', finished);
    }
    return timings;
  } finally {
    await browser.close();
  }
}

/**
 * Start-up at national scale, the way Waymark is really started: after a clean stop, and after a crash
 * between PostgreSQL's commit and DuckDB's (a return stored while Waymark is down, which the start must
 * replay). Then, on that running Waymark, the overview page's cold time to its headline figures for
 * England and Wales and a force area. The caller's warehouse must be closed (one process per file).
 */
export async function measureStartups(
  dataSource: DataSource,
  databaseUrl: string,
  warehousePath: string,
  forceArea: string,
  storeMissedReturn: () => Promise<void>,
): Promise<StartupTimings> {
  const dataDir = await mkdtemp(join(tmpdir(), 'waymark-bench-start-'));
  await chmod(dataDir, 0o755);
  await dataSource.query(
    `INSERT INTO app_user (email, display_name, password_hash, role) VALUES ($1, 'Benchmark reader', $2, 'admin') ON CONFLICT DO NOTHING`,
    [EMAIL, await hashPassword(PASSWORD)],
  );
  try {
    const clean = await start(databaseUrl, warehousePath, dataDir);
    await clean.stop();
    await storeMissedReturn();
    const crashed = await start(databaseUrl, warehousePath, dataDir);
    try {
      const pages = await pageTimings(crashed.url, [
        { page: 'overview, England and Wales', query: '' },
        { page: 'overview, a force area', query: `?area=${forceArea}` },
      ]);
      return {
        cleanStart: { seconds: clean.seconds, warehouse: clean.warehouse },
        afterCrash: { seconds: crashed.seconds, warehouse: crashed.warehouse },
        pages,
      };
    } finally {
      await crashed.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
