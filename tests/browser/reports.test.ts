import { lastFinishedQuarter, quarterLabel, ukDate, type Report } from '@waymark/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchBrowser, signedInPage } from '../support/browser.js';
import { useApi } from '../support/fixture.js';
import { DEMO } from '../support/http.js';

const t = useApi({ WAYMARK_DEMO_ACTIVITY: 'true' });
const CLEVELAND = 'E23000013';
const HARTLEPOOL = 'E06000001';
const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** An A4 sheet less 15mm margins each side: 180mm at 96 CSS pixels to the inch. */
const PRINTABLE_WIDTH = Math.floor((180 / 25.4) * 96);

/** Opens the reports page and chooses a kind of report and an area. */
async function choose(page: Page, kind: string, area: string): Promise<void> {
  await page.goto(`${t.api.baseUrl}/reports`);
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  await page.getByLabel(kind, { exact: true }).check();
  await page.getByLabel('Area', { exact: true }).selectOption(area);
}

/** Follows "Open print view" and waits for the report the page asked the API for to be drawn. */
async function openPrintView(page: Page, kind: string): Promise<Report> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/api/reports/${kind}?`)),
    page.getByRole('link', { name: 'Open print view' }).click(),
  ]);
  expect(response.status()).toBe(200);
  const report: Report = await response.json();
  await page.getByRole('heading', { level: 1, name: report.title }).waitFor();
  await expect.poll(() => page.locator('main p[role="status"]').count()).toBe(0);
  return report;
}

const valuesOf = (page: Page, label: string) =>
  page
    .getByLabel(label, { exact: true })
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));

describe('report packs, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('gives an analyst the partnership report as Word and as a print view that prints a section to a page', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.analyst);

    // A run of years that ends before it starts is refused, with the problem at the top.
    await choose(page, 'Needs-assessment data pack', CLEVELAND);
    const years = await valuesOf(page, 'First financial year');
    expect(years.length).toBeGreaterThan(1);
    await page.getByLabel('First financial year', { exact: true }).selectOption(years[0]);
    await page.getByLabel('Last financial year', { exact: true }).selectOption(years.at(-1));
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.innerText()).toContain('There is a problem');
    expect(await summary.getByRole('link').first().innerText()).toMatch(/last year/i);
    expect(await page.getByRole('link', { name: /^Download / }).count()).toBe(0);

    // Years are offered with their months; the year under way runs to the last quarter that has ended.
    await choose(page, 'Partnership performance report', CLEVELAND);
    const yearLabels = await page.getByLabel('Financial year', { exact: true }).locator('option').allInnerTexts();
    expect(yearLabels.length).toBeGreaterThan(1);
    for (const label of yearLabels)
      expect(label).toMatch(/^\d{4}-\d{2} \((April \d{4} to March \d{4}|April to \w+ \d{4} so far)\)$/);
    const last = lastFinishedQuarter(ukDate());
    const [latest] = await valuesOf(page, 'Financial year');
    const latestTo = last.quarter === 4 ? `${latest} Q4` : quarterLabel(last);
    await page.getByLabel('Financial year', { exact: true }).selectOption(latest);

    // An analyst chooses which figures: published ones (the default) for a paper shared with a board.
    const published = page.getByLabel('Published figures (small numbers hidden)', { exact: true });
    expect(await published.isChecked()).toBe(true);
    await page.getByLabel('Exact figures', { exact: true }).check();
    await published.check();
    await page.getByRole('button', { name: 'Continue' }).click();
    // The panel's heading takes focus, so it is announced.
    const yourReport = page.getByRole('heading', { level: 2, name: 'Your report' });
    await yourReport.waitFor();
    await expect.poll(() => yourReport.evaluate((h) => h === document.activeElement)).toBe(true);
    const link = page.getByRole('link', { name: 'Download Partnership performance report (Word)' });
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(
      `/api/reports/partnership-performance.docx?${new URLSearchParams({ area: CLEVELAND, from: `${latest} Q1`, to: latestTo, figures: 'published' }).toString()}`,
    );
    expect(await page.getByRole('link', { name: 'Open print view' }).getAttribute('href')).toContain(
      'figures=published',
    );
    // Any change of choice hides the panel, so it never describes a report other than the form's.
    await page.getByLabel('Exact figures', { exact: true }).check();
    expect(await link.count()).toBe(0);
    await published.check();
    expect(await yourReport.evaluate((h) => h === document.activeElement)).toBe(false);
    expect(await link.getAttribute('download')).not.toBeNull();
    const file = await page.request.get(t.api.baseUrl + href);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain(WORD);
    expect(file.headers()['content-disposition']).toMatch(/^attachment/);
    const bytes = await file.body();
    expect(bytes.length).toBeGreaterThan(5_000);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a Word file is a zip

    const report = await openPrintView(page, 'partnership-performance');
    expect(report.area?.code).toBe(CLEVELAND);
    expect(report.marking.label).toBe('OFFICIAL');
    expect(await page.locator('#marking').innerText()).toContain('OFFICIAL');
    expect(await page.locator('#marking').innerText()).not.toContain('SENSITIVE');
    const sections = report.sections.length + 1; // and Sources
    expect(await page.locator('main section').count()).toBe(sections);
    const tables = report.sections.flatMap((s) => s.tables);
    expect(await page.locator('main caption').allInnerTexts()).toEqual(
      tables.map((table, i) => `Table ${i + 1}: ${table.caption}`),
    );
    const charts = report.sections.flatMap((s) => s.charts);
    expect(charts.length).toBeGreaterThan(0);
    expect(
      await page.locator('main [role="img"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    ).toEqual(charts.map((c) => `${c.title}: ${c.description}`));
    // Figures are numbered through the report as Word numbers them; descriptions are text alternatives only, not printed again.
    expect(await page.locator('main figcaption').allInnerTexts()).toEqual(
      charts.map((chart, i) => `Figure ${i + 1}: ${chart.title}`),
    );
    const figureTexts = await page.locator('main figure').allInnerTexts();
    figureTexts.forEach((text, i) => expect(text).not.toContain(charts[i].description));
    await expectNoAccessibilityViolations(page);

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print this report' }).isVisible()).toBe(false);
    const widths = await page
      .locator('main svg.recharts-surface')
      .evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    expect(widths).toHaveLength(charts.length);
    for (const width of widths) expect(width).toBeLessThanOrEqual(PRINTABLE_WIDTH);
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(sections);
    await page.emulateMedia({ media: 'screen' });

    // Exact figures make an OFFICIAL-SENSITIVE paper, marked so at its top.
    await page.getByRole('link', { name: 'Choose another report' }).click();
    await page.getByLabel('Exact figures', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(
      await page.getByRole('link', { name: 'Download Partnership performance report (Word)' }).getAttribute('href'),
    ).toContain('figures=exact');
    const exact = await openPrintView(page, 'partnership-performance');
    expect(exact.marking.label).toBe('OFFICIAL-SENSITIVE');
    expect(await page.locator('#marking').innerText()).toContain('OFFICIAL-SENSITIVE');

    // A Marac found inside the force area: the link asks for the Marac alone, which stands for its area.
    await choose(page, 'Marac steering group report', CLEVELAND);
    const marac = page.getByLabel('Marac (optional)', { exact: true });
    await marac.selectOption({ label: 'Hartlepool Marac (demo)' });
    await page.getByRole('button', { name: 'Continue' }).click();
    const maracHref = (await page
      .getByRole('link', { name: 'Download Marac steering group report (Word)' })
      .getAttribute('href'))!;
    expect(maracHref).toContain(`marac=${await marac.inputValue()}`);
    expect(maracHref).not.toContain('area=');
    expect((await page.request.get(t.api.baseUrl + maracHref)).status()).toBe(200);
    await page.close();
  }, 180_000);

  it('gives a viewer the Marac report for their district as an accessible print view', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.viewer);
    await choose(page, 'Marac steering group report', HARTLEPOOL);
    // Viewers have no choice of figures: published ones, with small numbers hidden, are all they are given.
    expect(await page.getByRole('group', { name: 'Which figures' }).count()).toBe(0);
    const quarters = await page.getByLabel('Quarter', { exact: true }).locator('option').allInnerTexts();
    for (const label of quarters) expect(label).toMatch(/^\d{4}-\d{2} Q[1-4] \(\w+ to \w+ \d{4}\)$/);
    await page.getByRole('button', { name: 'Continue' }).click();
    const download = page.getByRole('link', { name: 'Download Marac steering group report (Word)' });
    await download.waitFor();
    expect(await download.getAttribute('href')).not.toContain('figures=');
    await expectNoAccessibilityViolations(page);
    const report = await openPrintView(page, 'marac-steering-group');
    expect(report.rules.disclosureApplied).toBe(true);
    expect(report.marking.label).toBe('OFFICIAL');
    expect(await page.locator('#marking').innerText()).toContain('OFFICIAL');
    expect(await page.locator('main section').count()).toBe(report.sections.length + 1);
    await expectNoAccessibilityViolations(page);
    // Charts drawn at a fixed width for paper still shrink to fit a narrow screen (WCAG 1.4.10).
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    await page.close();
  }, 120_000);
});
