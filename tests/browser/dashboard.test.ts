import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../support/api-server.js';
import { expectNoAccessibilityViolations, launchBrowser, signedInPage } from '../support/browser.js';
import { DEMO } from '../support/http.js';

const VIEWS = [
  { link: 'Overview', heading: 'Your partnership at a glance' },
  { link: 'Gaps', heading: 'Gaps' },
  { link: 'Repeat rates', heading: 'Repeat rates' },
  { link: 'Referral pathways', heading: 'Referral pathways' },
  { link: 'Marac', heading: 'Marac' },
];
const HARTLEPOOL = 'E06000001';

/** Waits until nothing on the page is still loading. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('main p[role="status"]').count(), { timeout: 20_000 }).toBe(0);
}

async function open(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  await settled(page);
}

/** The cells of the flows table on the pathways view, as [from, to, referrals]. */
async function flowRows(page: Page): Promise<string[][]> {
  await page.getByRole('button', { name: 'Show data table for Referrals between services and into Marac' }).click();
  const table = page.getByRole('table', { name: 'Referrals between services and into Marac: data' });
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
}

describe('the dashboard in Chromium, on embedded PostgreSQL with the demo data', () => {
  let api: RunningApi;
  let browser: Browser;
  beforeAll(async () => {
    [api, browser] = await Promise.all([
      startApi({ databaseUrl: null, env: { WAYMARK_DEMO_ACTIVITY: 'true' } }),
      launchBrowser(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  for (const role of ['admin', 'analyst', 'viewer', 'marac'] as const) {
    it(`opens every view as ${role} with charts, summaries and no accessibility violations`, async () => {
      const page = await signedInPage(browser, api.baseUrl, DEMO[role]);
      for (const view of VIEWS) {
        await open(page, view.link, view.heading);
        expect(await page.locator('main [role="alert"]').count(), `${view.link} shows an error`).toBe(0);
        const panels = page.locator('section.waymark-panel');
        expect(await panels.count(), `${view.link} has panels`).toBeGreaterThan(0);
        // Every chart has an accessible name that includes its summary sentence.
        for (const chart of await page.locator('.waymark-panel__chart').all())
          expect((await chart.getAttribute('aria-label'))!.length).toBeGreaterThan(30);
        await expectNoAccessibilityViolations(page);
      }
      await page.close();
    }, 120_000);
  }

  it('shows an agency user their own agency, action plan and peers, without the partnership views', async () => {
    const page = await signedInPage(browser, api.baseUrl, DEMO.submitter);
    await page.getByRole('heading', { level: 1, name: /^Your agency: Hartlepool Drug and alcohol service/ }).waitFor();
    await settled(page);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gaps' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'How you compare with similar agencies' }).waitFor();
    await page.getByRole('heading', { name: /^Action plan from your \d{4}-\d{2} self-audit$/ }).waitFor();
    await page.getByRole('button', { name: 'Show data table for How you compare with similar agencies' }).click();
    const peers = await page
      .getByRole('table', { name: 'How you compare with similar agencies: data' })
      .locator('tbody tr')
      .allTextContents();
    expect(peers.some((row) => row.startsWith('Routine enquiry'))).toBe(true);
    expect(
      await page.getByRole('table', { name: 'Returns you have sent: data' }).locator('tbody tr').count(),
    ).toBeGreaterThan(0);
    await expectNoAccessibilityViolations(page);
    await page.close();
  }, 90_000);

  it('keeps filters in the address, so a view opened from a link shows the same figures', async () => {
    const page = await signedInPage(browser, api.baseUrl, DEMO.analyst);
    await open(page, 'Repeat rates', 'Repeat rates');
    await page.getByLabel('Area', { exact: true }).selectOption(HARTLEPOOL);
    await page.getByLabel('From quarter').selectOption({ index: 8 });
    await page.getByLabel('Compare', { exact: true }).selectOption('pfa');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: 'Funnel plot of repeat rates by force area' }).waitFor();
    await settled(page);
    const url = new URL(page.url());
    expect(url.searchParams.get('area')).toBe(HARTLEPOOL);
    expect(url.searchParams.get('level')).toBe('pfa');
    const summary = await page.locator('section.waymark-panel p').first().textContent();

    const shared = await signedInPage(browser, api.baseUrl, DEMO.analyst);
    await shared.goto(url.toString());
    await shared.getByRole('heading', { name: 'Funnel plot of repeat rates by force area' }).waitFor();
    await settled(shared);
    expect(await shared.getByLabel('Area', { exact: true }).inputValue()).toBe(HARTLEPOOL);
    expect(await shared.locator('section.waymark-panel p').first().textContent()).toBe(summary);

    // The sector filter joins the address on views split by sector.
    await shared
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Referral pathways', exact: true })
      .click();
    await shared.getByLabel('Sector', { exact: true }).selectOption('drug_alcohol_service');
    await shared.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(shared.url()).searchParams.get('sector')).toBe('drug_alcohol_service');
    await settled(shared);
    expect(await shared.locator('main [role="alert"]').count()).toBe(0);
    await shared.goto(url.toString());
    await shared.getByRole('heading', { name: 'Funnel plot of repeat rates by force area' }).waitFor();
    await settled(shared);

    // A start quarter after the end quarter is refused with a GOV.UK error summary, and nothing changes.
    await shared.getByLabel('From quarter').selectOption({ index: 0 });
    await shared.getByLabel('To quarter').selectOption({ index: 3 });
    await shared.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(() => shared.getByRole('alert').textContent())
      .toContain('The first quarter must be the same as or earlier than the last quarter');
    expect(shared.url()).toBe(url.toString());
    await expectNoAccessibilityViolations(shared);
    await Promise.all([page.close(), shared.close()]);
  }, 90_000);

  it("downloads a chart's data as CSV with the figures shown in its table", async () => {
    const page = await signedInPage(browser, api.baseUrl, DEMO.analyst);
    await open(page, 'Marac', 'Marac');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV for Attendance by core agency' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('attendance-by-core-agency.csv');
    const csv = (await readFile(await download.path(), 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('Core agency,Meetings attended,Meetings held,Attendance (%),Below three in four meetings');
    expect(csv).toHaveLength(10); // header and the nine core agencies
    const police = csv.find((line) => line.startsWith('Police,'))!.split(',');
    await page.getByRole('button', { name: 'Show data table for Attendance by core agency' }).click();
    const shown = await page
      .getByRole('table', { name: 'Attendance by core agency: data' })
      .locator('tbody tr', { hasText: 'Police' })
      .locator('td')
      .allTextContents();
    expect(shown.slice(0, 2)).toEqual([police[1], police[2]]);
    expect(Number(police[3])).toBe(Number(shown[2].replace('%', ''))); // a number in the CSV, its unit in the header
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download image (SVG) for Attendance by core agency' }).click(),
    ]);
    expect(await readFile(await svg.path(), 'utf8')).toMatch(
      /^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<title>Attendance by core agency\./,
    );
    await page.close();
  }, 90_000);

  it('shows a viewer "<5" where an analyst sees the exact small count', async () => {
    const viewer = await signedInPage(browser, api.baseUrl, DEMO.viewer);
    await viewer.goto(`${api.baseUrl}/pathways?area=${HARTLEPOOL}`);
    await viewer.getByRole('heading', { level: 1, name: 'Referral pathways' }).waitFor();
    await settled(viewer);
    expect(await viewer.locator('#disclosure-note').textContent()).toContain('Small numbers are hidden');
    const hidden = (await flowRows(viewer)).filter((cells) => cells[2] === '<5');
    expect(hidden.length, 'suppressed flows').toBeGreaterThan(0);

    const analyst = await signedInPage(browser, api.baseUrl, DEMO.analyst);
    await analyst.goto(`${api.baseUrl}/pathways?area=${HARTLEPOOL}`);
    await analyst.getByRole('heading', { level: 1, name: 'Referral pathways' }).waitFor();
    await settled(analyst);
    expect(await analyst.locator('#disclosure-note').textContent()).toContain('Exact figures');
    const exactRows = await flowRows(analyst);
    const exact = hidden
      .map((h) => exactRows.find((cells) => cells[0] === h[0] && cells[1] === h[1] && cells[4] === h[4]))
      .filter((row) => row !== undefined);
    expect(exact.length).toBeGreaterThan(0);
    // A flow shown as "<5" is made of one or two returns' small figures (each 1 to 4).
    for (const row of exact) expect(row[2]).toMatch(/^[1-8]$/);
    await Promise.all([viewer.close(), analyst.close()]);
  }, 90_000);

  it('keeps the first page load to at most 250 KB of JavaScript as sent: the gzip and Brotli copies the server sends', async () => {
    const dist = join(process.cwd(), 'apps/web/dist');
    const html = await readFile(join(dist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map(
      (m) => m[1],
    );
    expect(scripts.length).toBeGreaterThan(0);
    const sent = async (suffix: string) =>
      (await Promise.all(scripts.map((src) => stat(join(dist, src + suffix))))).reduce((sum, s) => sum + s.size, 0);
    const [gzip, br] = await Promise.all([sent('.gz'), sent('.br')]);
    console.log(
      `Initial JavaScript as sent: ${(gzip / 1024).toFixed(1)} KB gzip, ${(br / 1024).toFixed(1)} KB Brotli, in ${scripts.length} file(s)`,
    );
    expect(Math.max(gzip, br)).toBeLessThanOrEqual(250 * 1024);
  });
});
