import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchBrowser, signedInPage } from '../support/browser.js';
import { useApi } from '../support/fixture.js';
import { DEMO } from '../support/http.js';

const t = useApi();
const PHONE = { width: 390, height: 844 };

const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the audit trail page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets an administrator filter by action, read the event and download it as CSV, on a phone-sized screen', async () => {
    await t.anonymous().post('/api/auth/login', { email: 'someone.else@example.org', password: 'not-a-real-password' });
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.admin);
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await page.getByLabel('What happened').selectOption({ label: 'Sign-in refused' });
    await page.getByRole('button', { name: 'Apply filters' }).click();

    const table = page.getByRole('table', { name: 'Events' });
    await expect
      .poll(() => page.locator('#events-count').textContent())
      .toBe('Showing events 1 to 1 of 1, newest first.');
    expect(await table.textContent()).toContain('someone.else@example.org');
    expect(await table.textContent()).toContain('Sign-in refused: no account has this email address');
    expect(new URL(page.url()).searchParams.get('action')).toBe('sign_in_failed');
    expect(await sidewaysScroll(page)).toBe(0);
    await expectNoAccessibilityViolations(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download as CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('waymark-audit-trail.csv');
    const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('someone.else@example.org');
    await page.close();
  });

  it('shows what is wrong with a filter in an error summary linked to the field, whether typed or in the address', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.analyst);
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.locator('#from-day').fill('31');
    await page.locator('#from-month').fill('2');
    await page.locator('#from-year').fill('2026');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Enter a real date for From, like 27 3 2026');
    await page.getByRole('link', { name: 'Enter a real date for From, like 27 3 2026' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('from-day');
    expect(await sidewaysScroll(page)).toBe(0);
    await expectNoAccessibilityViolations(page);

    await page.goto(`${t.api.baseUrl}/audit-trail?from=2026-05-02&to=2026-05-01`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('The end date must be the same as or after the start date');
    expect(await page.locator('#to-day').inputValue()).toBe('01');
    await page.close();
  });

  it('is not offered to viewers', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.viewer);
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).count(),
    ).toBe(0);
    await page.close();
  });
});
