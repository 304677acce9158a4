import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchBrowser } from '../support/browser.js';
import { useApi } from '../support/fixture.js';

const t = useApi({ WAYMARK_DEMO: 'false' });
const ADMIN = { name: 'Partnership data lead', email: 'data.lead@partnership.example.org', password: 'a long and memorable passphrase' };

describe('a new partnership setting Waymark up in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('follows the printed link and chooses the first administrator, who then signs in', async () => {
    const printed = /https?:\/\/\S+(\/setup\?token=[\w-]+)/.exec(t.api.output());
    expect(printed).not.toBeNull();
    await page.goto(t.api.baseUrl + printed![1]);
    await page.getByRole('heading', { name: 'Set up Waymark' }).waitFor();
    expect(await page.title()).toBe('Set up Waymark – Waymark');
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Create a password').fill('too short');
    await page.getByLabel('Confirm your password').fill('too short');
    await page.getByRole('button', { name: 'Create administrator account' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('at least 12 characters');
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Create a password').fill(ADMIN.password);
    await page.getByLabel('Confirm your password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create administrator account' }).click();
    await page.getByRole('heading', { name: 'Waymark is set up' }).waitFor();
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.getByText(`Signed in as ${ADMIN.name}`).count()).toBe(1);
  });

  it('adds a Marac for Redcar and Cleveland, then renames it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Maracs' }).click();
    await page.getByRole('heading', { name: 'Maracs', exact: true }).waitFor();
    await page.getByText('There are no Maracs in your areas yet.').waitFor();
    await expectNoAccessibilityViolations(page);

    await page.getByRole('button', { name: 'Add Marac' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('There is a problem');
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Name', { exact: true }).fill('Redcar Marac');
    await page.getByLabel('Area it covers').selectOption('E06000003');
    await page.getByRole('button', { name: 'Add Marac' }).click();
    await page.getByText('Redcar Marac added for Redcar and Cleveland').waitFor();
    await page.getByRole('table', { name: 'Maracs in your areas' }).getByRole('rowheader', { name: 'Redcar Marac' }).waitFor();
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Change Redcar Marac' }).click();
    await page.getByRole('heading', { name: 'Change Redcar Marac' }).waitFor();
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Name', { exact: true }).fill('Redcar and Cleveland Marac');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('table', { name: 'Maracs in your areas' }).getByRole('rowheader', { name: 'Redcar and Cleveland Marac' }).waitFor();
  });

  it('schedules the Marac’s returns for an earlier year beside the one it was given', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Return schedules' }).click();
    await page.getByRole('heading', { name: 'Return schedules' }).waitFor();
    const table = page.getByRole('table', { name: 'Schedules in your areas' });
    await table.getByRole('cell', { name: 'Until further notice' }).waitFor(); // the new Marac's own, from this quarter
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Agency or Marac').selectOption({ label: 'Redcar and Cleveland Marac (Marac)' });
    await page.getByLabel('Return', { exact: true }).selectOption({ label: 'Marac return' });
    await page.getByLabel('First quarter due').fill('2024-25 Q1');
    await page.getByLabel('Last quarter due (optional)').fill('2023-24 Q4');
    await page.getByRole('button', { name: 'Add schedule' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('The last quarter must be the same as the first quarter or after it');
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Last quarter due (optional)').fill('2024-25 Q4');
    await page.getByRole('button', { name: 'Add schedule' }).click();
    await page.getByText('Redcar and Cleveland Marac is due to send the Marac return from 2024-25 Q1 until 2024-25 Q4').waitFor();
    await table.getByRole('cell', { name: '2024-25 Q4' }).waitFor();
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Schedule', { exact: true }).selectOption({ label: 'Redcar and Cleveland Marac: Marac return, from 2024-25 Q1 until 2024-25 Q4' });
    await page.getByLabel('Last quarter due', { exact: true }).fill('2024-25 Q2');
    await page.getByRole('button', { name: 'End schedule' }).click();
    await page.getByText('Redcar and Cleveland Marac is no longer due to send the Marac return after 2024-25 Q2').waitFor();
    await table.getByRole('cell', { name: '2024-25 Q2' }).waitFor();
    await expectNoAccessibilityViolations(page);
  });
});
