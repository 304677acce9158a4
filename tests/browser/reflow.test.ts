import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchBrowser, signedInPage } from '../support/browser.js';
import { useApi } from '../support/fixture.js';
import { DEMO } from '../support/http.js';

const t = useApi({ WAYMARK_DEMO_ACTIVITY: 'true' });
/** A common phone, then the narrowest screen WCAG 1.4.10 asks pages to work on without sideways scrolling. */
const WIDTHS = [390, 320];

/** What a page shows that could spill past a narrow screen: the page's own width, chart text outside its picture, tables not in a scrolling box. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const clipped = [...document.querySelectorAll('svg.recharts-surface')].flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')]
        .filter((text) => {
          const b = text.getBoundingClientRect();
          return (
            b.width > 0 &&
            (b.left < box.left - 1 || b.right > box.right + 1 || b.top < box.top - 1 || b.bottom > box.bottom + 1)
          );
        })
        .map((text) => text.textContent);
    });
    const loose = [...document.querySelectorAll('main table')]
      .filter((table) => !table.closest('[role="region"][tabindex="0"][aria-label]'))
      .map((table) => table.querySelector('caption')?.textContent);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, clipped, loose };
  });
}

/** Visits a path at each narrow width and expects it to fit, then checks it with axe at the narrowest. */
async function expectReflows(page: Page, path: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(t.api.baseUrl + path);
    await page.locator('main h1').first().waitFor();
    await expect.poll(() => page.locator('main p[role="status"]').count(), { timeout: 20_000 }).toBe(0);
    await page.waitForTimeout(300); // let charts take their measured width
    const seen = await overflow(page);
    expect(seen, `${path} at ${width}px`).toEqual({ scrollWidth: width, innerWidth: width, clipped: [], loose: [] });
  }
  await expectNoAccessibilityViolations(page);
}

/** The address of the first link on the page that matches. */
const firstLink = (page: Page, pattern: RegExp) =>
  page
    .locator('main a')
    .evaluateAll(
      (links, source) => links.map((a) => a.getAttribute('href') ?? '').find((href) => new RegExp(source).test(href)),
      pattern.source,
    );

describe('every page at 320 and 390 pixels wide', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fits the sign-in page, every partnership view, the returns pages and the self-audits, with wide tables scrolling in their own box', async () => {
    const signIn = await browser.newPage();
    await expectReflows(signIn, '/');
    await signIn.close();
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.admin);
    for (const path of [
      '/',
      '/gaps',
      '/repeats',
      '/pathways',
      '/marac',
      '/partnership',
      '/returns/send',
      '/returns/completeness',
      '/audits',
    ])
      await expectReflows(page, path);
    await page.close();
  }, 360_000);

  it("fits an agency's own views: its start page, a return, the return form and a self-audit", async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.submitter);
    await expectReflows(page, '/');
    const sent = await firstLink(page, /^\/returns\/(?!send|form|completeness)[^/?]+$/);
    const audit = await firstLink(page, /^\/audits\/[^/?]+$/);
    expect(sent && audit).toBeTruthy();
    for (const path of [sent!, audit!, '/returns/form/agency-quarter']) await expectReflows(page, path);
    await page.close();
  }, 180_000);
});
