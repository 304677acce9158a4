import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/api-server.js';
import { expectNoAccessibilityViolations, launchBrowser } from '../support/browser.js';
import { useApi } from '../support/fixture.js';
import { DEMO } from '../support/http.js';

const t = useApi();

describe('signing in to the dashboard in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a GOV.UK error summary for an empty form, focused, with links to the fields', async () => {
    const page = await browser.newPage();
    await page.goto(t.api.baseUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('There is a problem');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await page.getByRole('link', { name: 'Enter your password' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('says only that the details are wrong when the password is wrong', async () => {
    const page = await browser.newPage();
    await page.goto(t.api.baseUrl);
    await page.getByLabel('Email address').fill(DEMO.viewer);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Enter a correct email address and password');
    await page.close();
  });

  it('signs a viewer in with the keyboard, shows only their area, and signs out', async () => {
    const page = await browser.newPage();
    await page.goto(t.api.baseUrl);
    await page.getByLabel('Email address').fill(DEMO.viewer);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your partnership at a glance' }).waitFor();
    expect(await page.title()).toBe('Overview – Waymark');
    await page.getByRole('link', { name: 'Areas and agencies' }).click();
    await page.getByRole('heading', { name: 'Areas and agencies' }).waitFor();
    const agencies = page.getByRole('table', { name: 'Agencies' });
    await agencies.waitFor();
    const areaColumn = await agencies.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(areaColumn.length).toBeGreaterThan(0);
    expect(new Set(areaColumn)).toEqual(new Set(['Hartlepool']));
    expect(await page.title()).toBe('Areas and agencies – Waymark');
    await expectNoAccessibilityViolations(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Waymark' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Waymark' }).waitFor();
  });
});
