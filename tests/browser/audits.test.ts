import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchBrowser, signedInPage } from '../support/browser.js';
import { useApi } from '../support/fixture.js';
import { DEMO } from '../support/http.js';

const t = useApi();

const signIn = (browser: Browser, email: string) => signedInPage(browser, t.api.baseUrl, email);

describe('self-audits in Chromium', () => {
  let browser: Browser;
  let auditUrl: string;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an agency completes its audit: errors against the standard, save a draft, submit, see the action plan', async () => {
    const page = await signIn(browser, DEMO.submitter);
    await page.getByRole('link', { name: 'Self-audits' }).click();
    await page.getByLabel('Year the audit covers').selectOption('2025-26');
    await page.getByRole('button', { name: 'Start or continue a self-audit' }).click();
    await page.getByRole('heading', { name: /Self-audit 2025-26 \(draft\)/ }).waitFor();
    auditUrl = page.url();
    await expectNoAccessibilityViolations(page);

    await page.getByRole('button', { name: 'Submit audit' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Rate standard GOV-01');

    for (const radio of await page
      .locator('input[type=radio][id$="-met"]:not([id$="partly_met"]):not([id$="not_met"])')
      .all())
      await radio.check();
    await page.locator('#GOV-01-not_met').check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Draft saved');
    await page.locator('#GOV-01-action').fill('Agree a dual-issue policy at the next board');
    await page.locator('#GOV-01-targetDate').fill('2026-03-31');
    await page.getByRole('button', { name: 'Submit audit' }).click();
    await page.getByRole('heading', { name: /Self-audit 2025-26, version 1/ }).waitFor();
    const plan = page.getByRole('table', { name: 'Action plan (1)' });
    expect(await plan.textContent()).toContain('Agree a dual-issue policy at the next board');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('an analyst moderates a rating and both ratings stay visible', async () => {
    const page = await signIn(browser, DEMO.analyst);
    await page.goto(auditUrl);
    await page.getByLabel('Moderated rating for GOV-02').waitFor();
    await page.getByLabel('Moderated rating for GOV-02').selectOption('partly_met');
    await page.locator('#moderate-GOV-02-reason').fill('Leaflets only in one of three sites');
    await page.locator('#moderate-GOV-02-reason').press('Tab');
    await page.getByRole('button', { name: 'Save moderation' }).nth(1).click();
    await expect.poll(() => page.getByText('After moderation').textContent()).toContain('partly met');
    expect(await page.getByRole('table', { name: /Action plan/ }).textContent()).toContain('GOV-02');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });
});
