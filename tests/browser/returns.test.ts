import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENCY_QUARTER } from '@waymark/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchBrowser, signedInPage } from '../support/browser.js';
import { useApi } from '../support/fixture.js';
import { DEMO } from '../support/http.js';
import { AGENCY_FIGURES, toCsv } from '../support/returns-fixtures.js';

const t = useApi();
const KEYS = AGENCY_QUARTER.fields.map((f) => f.key);

const signIn = (browser: Browser, email: string) => signedInPage(browser, t.api.baseUrl, email);

describe('sending returns in Chromium', () => {
  let browser: Browser;
  let files: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    files = await mkdtemp(join(tmpdir(), 'waymark-upload-'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every problem in a rejected file as an error summary and a table, then accepts the corrected file', async () => {
    const page = await signIn(browser, DEMO.submitter);
    await page.getByRole('link', { name: 'Send a return' }).click();
    await page.getByRole('heading', { name: 'Send a return' }).waitFor();
    await page.getByLabel('Agency dual-issue return').check();
    await page.getByLabel('Quarter').selectOption('2025-26 Q1');

    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Choose the file to upload');

    const bad = join(files, 'bad.csv');
    await writeFile(bad, toCsv(KEYS, [{ ...AGENCY_FIGURES, disclosed: 101 }]));
    await page.locator('#file').setInputFiles(bad);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    const table = page.getByRole('table', { name: /What to fix/ });
    await table.waitFor();
    expect(await table.textContent()).toContain('disclosed_within_asked');
    expect(await page.getByRole('alert').textContent()).toContain('The return was not accepted');
    await expectNoAccessibilityViolations(page);

    const good = join(files, 'good.csv');
    await writeFile(good, toCsv(KEYS, [AGENCY_FIGURES]));
    await page.locator('#file').setInputFiles(good);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('heading', { name: 'Return received' }).waitFor();
    await page.getByRole('link', { name: 'See this return and its version history' }).click();
    await page.getByRole('table', { name: 'Version history' }).waitFor();
    expect(await page.getByRole('table', { name: 'Figures' }).textContent()).toContain('Caseload120');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('fills in a return online with the form built from the dictionary, showing errors against each field', async () => {
    const page = await signIn(browser, DEMO.submitter);
    await page.goto(`${t.api.baseUrl}/returns/form/agency-quarter`);
    await page.getByRole('heading', { name: 'Agency dual-issue return' }).waitFor();
    expect(await page.getByRole('group', { name: 'Routine enquiry' }).count()).toBe(1);
    await page.getByLabel('Quarter').selectOption('2025-26 Q2');
    for (const key of KEYS) await page.locator(`#field-${key}`).fill(String(AGENCY_FIGURES[key]));
    await page.locator('#field-asked').fill('lots');
    await page.getByRole('button', { name: 'Check and send' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Asked about the other issue must be a number');
    expect(await page.locator('#field-asked-error').textContent()).toContain('must be a number');
    await expectNoAccessibilityViolations(page);
    await page.locator('#field-asked').fill(String(AGENCY_FIGURES.asked));
    await page.getByRole('button', { name: 'Check and send' }).click();
    await page.getByRole('heading', { name: 'Return received' }).waitFor();
    // The quarter now has a return, so sending again would replace it.
    await expect.poll(() => page.locator('.govuk-warning-text').textContent()).toContain('This replaces version 1');
    await page.close();
  });

  it('warns before replacing a quarter that has a return, refuses to send until the box is ticked, then says what was replaced', async () => {
    const submitter = await t.as('submitter');
    const first = await submitter.post('/api/returns/agency-quarter', { period: '2025-26 Q3', values: AGENCY_FIGURES });
    expect(first.status).toBe(201);
    const sentOn = new Date((await submitter.get(`/api/returns/${first.body.id}`)).body.submittedAt).toLocaleDateString(
      'en-GB',
      { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' },
    );

    const page = await signIn(browser, DEMO.submitter);
    await page.goto(`${t.api.baseUrl}/returns/send`);
    await page.getByLabel('Agency dual-issue return').check();
    await page.getByLabel('Quarter').selectOption('2025-26 Q3');
    const warning = page.locator('.govuk-warning-text');
    await expect.poll(() => warning.textContent()).toContain(`This replaces version 1 sent on ${sentOn}`);

    const good = join(files, 'again.csv');
    await writeFile(good, toCsv(KEYS, [AGENCY_FIGURES]));
    await page.locator('#file').setInputFiles(good);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Tick the box to confirm you want to replace version 1');
    expect(await page.locator('#replace-error').textContent()).toContain('Tick the box');
    expect(
      (await submitter.get('/api/returns/current?type=agency-quarter&period=2025-26%20Q3')).body.current.version,
    ).toBe(1);
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('I want to replace version 1').check();
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('heading', { name: 'Return received' }).waitFor();
    expect(await page.locator('.govuk-panel').textContent()).toContain(`It replaces version 1, sent on ${sentOn}`);
    await expect.poll(() => warning.textContent()).toContain('This replaces version 2');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });

  it('shows an analyst who has sent returns, with filters kept in the link', async () => {
    const page = await signIn(browser, DEMO.analyst);
    await page.goto(`${t.api.baseUrl}/returns/completeness?period=2025-26%20Q1&area=E06000001`);
    const summary = page.locator('#completeness-summary');
    await expect.poll(() => summary.textContent()).toMatch(/Of 14 returns expected for 2025-26 Q1/);
    expect(await summary.textContent()).toContain('1 late');
    await page.getByLabel('Area').selectOption('E06000002');
    await expect.poll(() => page.url()).toContain('area=E06000002');
    await expect.poll(() => summary.textContent()).toContain('0 late');
    await expectNoAccessibilityViolations(page);
    await page.close();
  });
});
