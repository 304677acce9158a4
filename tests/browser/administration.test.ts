import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchBrowser, signedInPage } from '../support/browser.js';
import { useApi } from '../support/fixture.js';
import { Client, DEMO } from '../support/http.js';
import { toCsv } from '../support/returns-fixtures.js';

const t = useApi();
const PHONE = { width: 390, height: 844 };
const COLUMNS = ['name', 'sector_code', 'district_code', 'joint_working_model_code', 'expected_return_types'];

const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Text that sticks out past the right edge (outside scrolling tables), to say why a page scrolls sideways. */
const stickingOut = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      if (
        !node.parentElement?.closest('.app-table-wrap') &&
        range.getBoundingClientRect().right > document.documentElement.clientWidth + 1
      )
        found.push(node.textContent!.slice(0, 40));
    }
    return found;
  });

/** The page as it stands: no violations, and nothing wider than a phone or the narrowest screen WCAG asks for. */
async function expectFits(page: Page): Promise<void> {
  await expectNoAccessibilityViolations(page);
  expect(await sidewaysScroll(page)).toBe(0);
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await sidewaysScroll(page), `at 320 pixels; sticking out: ${(await stickingOut(page)).join(' | ')}`).toBe(0);
  await page.setViewportSize(PHONE);
}

describe('administration pages in Chromium', () => {
  let browser: Browser;
  let files: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    files = await mkdtemp(join(tmpdir(), 'waymark-agencies-'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an administrator invites an agency submitter through the form and sees the one-time password once', async () => {
    const [refuge] = (await (await t.as('admin')).get('/api/agencies?area=E06000001&sector=refuge')).body;
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.admin);
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('table', { name: /people/ }).waitFor();
    await expectFits(page);

    await page.getByRole('button', { name: 'Invite someone' }).click();
    await page.getByRole('heading', { name: 'Invite someone' }).waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.textContent()).toContain('Enter an email address');
    expect(await summary.textContent()).toContain('Choose a role');
    await expectFits(page);

    await page.getByLabel(/^Viewer/).check(); // reveals the areas to grant, one choice per area
    await page.getByRole('button', { name: 'Add another area' }).click();
    expect(await page.getByLabel(/^Area \d$/).count()).toBe(2);
    await expectFits(page);

    await page.getByLabel('Full name').fill('Refuge data lead');
    await page.getByLabel('Email address').fill('refuge.data@demo.waymark.test');
    await page.getByLabel('Agency submitter').check();
    await page.getByLabel('Agency', { exact: true }).selectOption(refuge.id);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Account created' }).waitFor();
    const password = (await page.getByTestId('one-time-password').textContent())!.trim();
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('shown only once');
    await expectFits(page);
    const submitter = await new Client(t.api.baseUrl).signIn('refuge.data@demo.waymark.test', password);
    expect((await submitter.get('/api/auth/me')).body.agencyId).toBe(refuge.id);

    await page.getByRole('link', { name: /See Refuge data lead/ }).click();
    await page.getByRole('heading', { name: 'Refuge data lead' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(password);
    await expectFits(page);
    await page.close();
  });

  it('an administrator imports agencies on the page: every problem first, then all of them', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.admin);
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Areas and agencies' }).click();
    await page.getByRole('link', { name: 'Add agencies from a file' }).click();
    await page.getByRole('heading', { name: 'Add agencies from a file' }).waitFor();
    await expectFits(page);

    const bad = join(files, 'bad.csv');
    await writeFile(
      bad,
      toCsv(COLUMNS, [
        { name: 'Redcar Recovery Hub', sector_code: 'bakery', district_code: 'E06000003' },
        { name: 'Redcar Outreach', sector_code: 'domestic_abuse_service', district_code: 'E99999999' },
      ]),
    );
    await page.locator('#file').setInputFiles(bad);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    const table = page.getByRole('table', { name: /What to fix \(2\)/ });
    await table.waitFor();
    expect(await table.textContent()).toContain('unknown_district');
    expect(await page.getByRole('alert').textContent()).toContain('Nothing was stored');
    await expectFits(page);

    const good = join(files, 'good.csv');
    await writeFile(
      good,
      toCsv(COLUMNS, [
        {
          name: 'Redcar Recovery Hub',
          sector_code: 'drug_alcohol_service',
          district_code: 'E06000003',
          expected_return_types: 'agency-quarter',
        },
        { name: 'Redcar Outreach', sector_code: 'domestic_abuse_service', district_code: 'E06000003' },
      ]),
    );
    await page.locator('#file').setInputFiles(good);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('heading', { name: 'Agencies added' }).waitFor();
    expect(await page.getByRole('list', { name: 'Agencies added' }).textContent()).toContain('Redcar Recovery Hub');
    expect(await page.getByRole('table', { name: /What to fix/ }).count()).toBe(0);
    await expectFits(page);
    await page.close();
  });

  it('an analyst switches a standard off with a reason, and back on', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.analyst);
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Standards adoption' }).click();
    await page.getByRole('table', { name: 'Frameworks in use' }).waitFor();
    await expectFits(page);

    await page.getByRole('link', { name: /Dual-issue practice standards for partner agencies for Cleveland/ }).click();
    await page.getByRole('heading', { name: 'Dual-issue practice standards for partner agencies' }).waitFor();
    await page.getByRole('button', { name: 'Switch off GOV-02' }).click();
    await page.getByRole('button', { name: 'Switch off GOV-02' }).click(); // the form's own button, with no reason given
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter why the area is switching this standard off');
    expect(await page.locator('#reason-error').textContent()).toContain('Enter why');
    await expectFits(page);

    await page
      .getByLabel('Why is GOV-02 being switched off?')
      .fill('Governance sits with the community safety partnership, not each agency.');
    await page.getByRole('button', { name: 'Switch off GOV-02' }).click();
    const card = page.getByRole('region', { name: /GOV-02/ });
    await expect
      .poll(() => card.textContent())
      .toContain('Why it is switched off: Governance sits with the community safety partnership');
    const [adoption] = (await (await t.as('analyst')).get('/api/standards/adoptions')).body;
    const stored = (await (await t.as('analyst')).get(`/api/standards/adoptions/${adoption.id}`)).body.standards.find(
      (s: { code: string }) => s.code === 'GOV-02',
    );
    expect(stored).toMatchObject({
      active: false,
      switchedOffReason: 'Governance sits with the community safety partnership, not each agency.',
    });
    await expectFits(page);

    await page.getByRole('button', { name: 'Switch back on GOV-02' }).click();
    await expect.poll(() => card.textContent()).not.toContain('Switched off');
    await page.close();
  });
});
