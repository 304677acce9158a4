import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENCY_QUARTER, lastFinishedQuarter, quarterLabel, ukDate } from '@waymark/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchBrowser } from '../support/browser.js';
import { useApi } from '../support/fixture.js';
import { AGENCY_FIGURES, toCsv } from '../support/returns-fixtures.js';

const t = useApi({ WAYMARK_DEMO: 'false' });
const ADMIN = {
  name: 'Partnership data lead',
  email: 'data.lead@partnership.example.org',
  password: 'a long and memorable passphrase',
};

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
    await page
      .getByRole('table', { name: 'Maracs in your areas' })
      .getByRole('rowheader', { name: 'Redcar Marac' })
      .waitFor();
    await expectNoAccessibilityViolations(page);

    await page.getByRole('link', { name: 'Change Redcar Marac' }).click();
    await page.getByRole('heading', { name: 'Change Redcar Marac' }).waitFor();
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Name', { exact: true }).fill('Redcar and Cleveland Marac');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByRole('table', { name: 'Maracs in your areas' })
      .getByRole('rowheader', { name: 'Redcar and Cleveland Marac' })
      .waitFor();
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
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('The last quarter must be the same as the first quarter or after it');
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Last quarter due (optional)').fill('2024-25 Q4');
    await page.getByRole('button', { name: 'Add schedule' }).click();
    await page
      .getByText('Redcar and Cleveland Marac is due to send the Marac return from 2024-25 Q1 until 2024-25 Q4')
      .waitFor();
    await table.getByRole('cell', { name: '2024-25 Q4' }).waitFor();
    await expectNoAccessibilityViolations(page);

    await page
      .getByLabel('Schedule', { exact: true })
      .selectOption({ label: 'Redcar and Cleveland Marac: Marac return, from 2024-25 Q1 until 2024-25 Q4' });
    await page.getByLabel('Last quarter due', { exact: true }).fill('2024-25 Q2');
    await page.getByRole('button', { name: 'End schedule' }).click();
    await page
      .getByText('Redcar and Cleveland Marac is no longer due to send the Marac return after 2024-25 Q2')
      .waitFor();
    await table.getByRole('cell', { name: '2024-25 Q2' }).waitFor();
    await expectNoAccessibilityViolations(page);
  });

  it('adds an agency from a file and invites its data lead, whose first return shows in completeness and the audit trail', async () => {
    const files = await mkdtemp(join(tmpdir(), 'waymark-setup-'));
    const nav = () => page.getByRole('navigation', { name: 'Main' });
    await nav().getByRole('link', { name: 'Areas and agencies' }).click();
    await page.getByRole('link', { name: 'Add agencies from a file' }).click();
    await page.getByRole('heading', { name: 'Add agencies from a file' }).waitFor();
    const agencies = join(files, 'agencies.csv');
    await writeFile(
      agencies,
      toCsv(
        ['name', 'sector_code', 'district_code', 'joint_working_model_code', 'expected_return_types'],
        [
          {
            name: 'Redcar Recovery Hub',
            sector_code: 'drug_alcohol_service',
            district_code: 'E06000003',
            joint_working_model_code: '',
            expected_return_types: 'agency-quarter',
          },
        ],
      ),
    );
    await page.locator('#file').setInputFiles(agencies);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('heading', { name: 'Agencies added' }).waitFor();
    await expectNoAccessibilityViolations(page);

    await nav().getByRole('link', { name: 'People' }).click();
    await page.getByRole('button', { name: 'Invite someone' }).click();
    await page.getByRole('heading', { name: 'Invite someone' }).waitFor();
    await page.getByLabel('Full name').fill('Recovery hub data lead');
    await page.getByLabel('Email address').fill('hub.data@partnership.example.org');
    await page.getByLabel('Agency submitter').check();
    await page
      .getByLabel('Agency', { exact: true })
      .selectOption({ label: 'Redcar Recovery Hub (Redcar and Cleveland)' });
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Account created' }).waitFor();
    const password = (await page.getByTestId('one-time-password').textContent())!.trim();
    await expectNoAccessibilityViolations(page);

    // A new agency owes returns from the quarter it was added in; the partnership also wants the one just ended.
    const quarter = quarterLabel(lastFinishedQuarter(ukDate()));
    await nav().getByRole('link', { name: 'Return schedules' }).click();
    await page.getByLabel('Agency or Marac').selectOption({ label: 'Redcar Recovery Hub, Redcar and Cleveland' });
    await page.getByLabel('Return', { exact: true }).selectOption({ label: 'Agency dual-issue return' });
    await page.getByLabel('First quarter due').fill(quarter);
    await page.getByLabel('Last quarter due (optional)').fill(quarter);
    await page.getByRole('button', { name: 'Add schedule' }).click();
    await page
      .getByText(new RegExp(`Redcar Recovery Hub is due to send .* from ${quarter} until ${quarter}`))
      .waitFor();

    // The data lead signs in on their own machine and sends the return for the quarter just ended.
    const lead = await browser.newPage();
    await lead.goto(t.api.baseUrl);
    await lead.getByLabel('Email address').fill('hub.data@partnership.example.org');
    await lead.getByLabel('Password').fill(password);
    await lead.getByRole('button', { name: 'Sign in' }).click();
    // The password was made for them and the administrator has seen it: they choose their own first.
    await lead.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await lead.getByLabel('The password you were given').fill(password);
    await lead.getByLabel('New password', { exact: true }).fill('kettle meadow lantern ninety');
    await lead.getByLabel('Confirm new password').fill('kettle meadow lantern ninety');
    await lead.getByRole('button', { name: 'Save password' }).click();
    await lead.getByRole('heading', { name: 'Password changed' }).waitFor();
    await expectNoAccessibilityViolations(lead);
    await lead.getByRole('button', { name: 'Continue' }).click();
    await lead.getByRole('link', { name: 'Send a return' }).click();
    await lead.getByLabel('Agency dual-issue return').check();
    await lead.getByLabel('Quarter').selectOption(quarter);
    const figures = join(files, 'return.csv');
    await writeFile(
      figures,
      toCsv(
        AGENCY_QUARTER.fields.map((f) => f.key),
        [AGENCY_FIGURES],
      ),
    );
    await lead.locator('#file').setInputFiles(figures);
    await lead.getByRole('button', { name: 'Upload and check' }).click();
    await lead.getByRole('heading', { name: 'Return received' }).waitFor();
    // Their agency has no peers yet: the comparison says so, rather than drawing hidden small counts.
    await lead.goto(`${t.api.baseUrl}/?from=${encodeURIComponent(quarter)}&to=${encodeURIComponent(quarter)}`);
    await lead
      .getByText(/fewer than 2 other agencies/)
      .first()
      .waitFor();
    expect(await lead.locator('svg text').allTextContents()).not.toContain('<5');
    await lead.close();

    // The administrator sees it arrive: the one return due for that quarter in Redcar and Cleveland.
    await page.goto(`${t.api.baseUrl}/returns/completeness?period=${encodeURIComponent(quarter)}&area=E06000003`);
    const summary = page.locator('#completeness-summary');
    await expect
      .poll(() => summary.textContent())
      .toMatch(/Of 1 returns? expected .*: (1 on time, 0 late|0 on time, 1 late), 0 missing/);
    expect(await page.getByRole('table').first().textContent()).toContain('Redcar Recovery Hub');
    await expectNoAccessibilityViolations(page);
    // With no self-audits and no Marac returns yet, nothing reads as reassuring or as a figure.
    await page.goto(
      `${t.api.baseUrl}/gaps?area=E06000003&from=${encodeURIComponent(quarter)}&to=${encodeURIComponent(quarter)}`,
    );
    await page.getByText(/No self-audits for .* yet/).waitFor();
    await page
      .getByText('No Marac meetings were recorded in these quarters, so attendance cannot be judged.')
      .waitFor();
    await page.goto(
      `${t.api.baseUrl}/marac?area=E06000003&from=${encodeURIComponent(quarter)}&to=${encodeURIComponent(quarter)}`,
    );
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(async () => (await page.locator('svg text').allTextContents()).length).toBeGreaterThan(0);
    expect((await page.locator('svg text').allTextContents()).filter((t) => /^[2-9]\d\d%$/.test(t))).toEqual([]);
    await nav().getByRole('link', { name: 'Audit trail' }).click();
    const trail = page.getByRole('table').first();
    await expect.poll(() => trail.textContent()).toContain('hub.data@partnership.example.org');
    const events = await trail.textContent();
    for (const what of [
      `Accepted version 1 of the agency dual-issue return for ${quarter}`,
      'Imported 1 agency from a CSV file',
      'Set up Waymark with data.lead@partnership.example.org',
    ])
      expect(events, what).toContain(what);
    await expectNoAccessibilityViolations(page);
  });
});
