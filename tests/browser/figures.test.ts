import { readFile } from 'node:fs/promises';
import { quarterFromIndex, quarterIndex, quarterLabel, quarterOfDate, ukDate } from '@waymark/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchBrowser, signedInPage } from '../support/browser.js';
import { useApi } from '../support/fixture.js';
import { DEMO, type ParsedJson } from '../support/http.js';

const t = useApi({ WAYMARK_DEMO_ACTIVITY: 'true' });
const HARTLEPOOL = 'E06000001';
const FUNNEL = 'Funnel plot of repeat rates by district';

/** Opens a view by its address and waits until nothing on it is still loading. */
async function visit(page: Page, path: string, heading: string): Promise<void> {
  await page.goto(t.api.baseUrl + path);
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  await expect.poll(() => page.locator('main p[role="status"]').count(), { timeout: 20_000 }).toBe(0);
}

/** Cells of a chart's data table, row by row (opening the table when it starts closed). */
async function tableRows(page: Page, title: string): Promise<string[][]> {
  const show = page.getByRole('button', { name: `Show data table for ${title}` });
  if (await show.count()) await show.click();
  return page
    .getByRole('table', { name: `${title}: data` })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
}

/** A chart's CSV as the browser downloads it, split into cells (quoted cells allowed). */
async function downloadCsv(page: Page, title: string): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download CSV for ${title}` }).click(),
  ]);
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
        .slice(0, -1)
        .map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
}

/** Changes an analytics answer on its way to the page: how the dashboard is shown fields the API is adding. */
async function patchAnswer(page: Page, path: RegExp, change: (answer: ParsedJson) => void): Promise<void> {
  await page.route(path, async (route) => {
    const response = await route.fetch();
    const answer = await response.json();
    change(answer);
    await route.fulfill({ status: response.status(), json: answer });
  });
}

const number = (shown: string) => Number(shown.replace(/[,%]/g, ''));
const BENCHMARK = {
  value: 0.28,
  label: 'England and Wales',
  source: 'SafeLives Marac national dataset',
  period: { label: 'Jul 2018 to Jun 2019', start: '2018-07-01', end: '2019-06-30' },
  note: 'The published period nearest to this range.',
};

describe('figures a commissioner can trust, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows each funnel plot point its own area and figures on hover and on focus, with a key', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.analyst);
    await visit(page, '/repeats', 'Repeat rates');
    const points = page.locator('.waymark-point');
    expect(await points.count()).toBeGreaterThan(1);
    const rows = await tableRows(page, FUNNEL);
    const tip = page.locator('.waymark-tooltip');
    const names: string[] = [];
    for (const point of await points.all()) {
      const name = (await point.getAttribute('aria-label'))!.split(':')[0];
      const [, cases, repeats, rate, interval] = rows.find((r) => r[0] === name)!;
      await point.hover();
      await expect.poll(() => tip.innerText()).toContain(name);
      const text = await tip.innerText();
      for (const figure of [cases, repeats, rate, interval]) expect(text).toContain(figure);
      expect(text).toMatch(new RegExp(`Repeat rate\\s+${rate}`));
      names.push(name);
    }
    expect(new Set(names).size).toBe(names.length);
    // The keyboard reaches each point, and Escape puts the tip away.
    await page.mouse.move(0, 0);
    await points.last().focus();
    await expect.poll(() => tip.innerText()).toContain(names.at(-1));
    await page.keyboard.press('Escape');
    await expect.poll(() => tip.count()).toBe(0);
    const key = await page
      .locator('section', { has: page.getByRole('heading', { name: FUNNEL }) })
      .getByRole('list', { name: 'Key' })
      .innerText();
    expect(key).toContain('95% limits');
    expect(key).toContain('99.8% limits');
    expect(key).toMatch(/England and Wales: \d+\.\d%/);
    await expectNoAccessibilityViolations(page);
    await page.close();
  }, 90_000);

  it('downloads CSV whose numbers are the figures in the table, with the interval in two columns', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.analyst);
    await visit(page, '/repeats', 'Repeat rates');
    const csv = await downloadCsv(page, FUNNEL);
    expect(csv[0]).toEqual([
      'Area',
      'Cases discussed',
      'Repeat cases',
      'Repeat rate (%)',
      'Lower 95% (%)',
      'Upper 95% (%)',
      'Against 95% limits',
      'Against 99.8% limits',
      'Suppressed',
    ]);
    const rows = await tableRows(page, FUNNEL);
    expect(csv).toHaveLength(rows.length + 1);
    for (const [area, cases, repeats, rate, interval] of rows) {
      const line = csv.find((c) => c[0] === area)!;
      const [lower, upper] = interval.split(' to ');
      expect(line.slice(1, 6).map(Number)).toEqual([
        number(cases),
        number(repeats),
        number(rate),
        number(lower),
        number(upper),
      ]);
      expect(line[8]).toBe('No');
    }
    await page.close();
  }, 90_000);

  it('leaves a withheld count empty in the CSV, saying so in its Suppressed column, where the table shows "<5"', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.viewer);
    await visit(page, `/marac?area=${HARTLEPOOL}`, 'Marac');
    const title = 'Who refers cases to Marac';
    const csv = await downloadCsv(page, title);
    expect(csv[0]).toEqual(['Referred by', 'Cases', 'Share of cases (%)', 'Suppressed']);
    const rows = await tableRows(page, title);
    expect(rows.some((r) => r[1] === '<5')).toBe(true);
    for (const [source, cases, share] of rows) {
      const line = csv.find((c) => c[0] === source)!;
      if (cases === '<5') expect(line).toEqual([source, '', '', 'Yes']);
      else expect([number(line[1]), number(line[2]), line[3]]).toEqual([number(cases), number(share), 'No']);
    }
    // A withheld source is drawn as a hatched stand-in labelled "<5", a zero as a "0.0%" label.
    const chart = page
      .locator('section', { has: page.getByRole('heading', { name: title }) })
      .locator('svg.recharts-surface');
    expect(await chart.locator('text', { hasText: /^<5$/ }).count()).toBe(rows.filter((r) => r[1] === '<5').length);
    expect(await chart.locator('text', { hasText: /^0\.0%$/ }).count()).toBe(
      rows.filter((r) => r[2] === '0.0%').length,
    );
    await page.close();
  }, 90_000);

  it('offers quarters up to the last one that has ended, never the one under way', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.analyst);
    await visit(page, '/gaps', 'Gaps');
    const current = quarterIndex(quarterOfDate(ukDate()));
    for (const label of ['From quarter', 'To quarter']) {
      const options = await page.getByLabel(label).locator('option').allTextContents();
      expect(options[0]).toBe(quarterLabel(quarterFromIndex(current - 1)));
      expect(options).not.toContain(quarterLabel(quarterFromIndex(current)));
    }
    await page.close();
  }, 60_000);

  it('shows what the live answers carry: returns received, coverage, benchmark periods, withheld figures beside their denominators', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.viewer);
    const [response] = await Promise.all([
      page.waitForResponse((r) => /\/api\/analytics\/indicators\?/.test(r.url())),
      visit(page, `/?area=${HARTLEPOOL}`, 'Your partnership at a glance'),
    ]);
    const answer = await response.json();
    const find = (id: string) => answer.indicators.find((i: { id: string }) => i.id === id);
    const card = (id: string) =>
      page
        .locator('li.waymark-card', { has: page.getByRole('heading', { name: find(id).title, exact: true }) })
        .innerText();
    const routine = find('routine_enquiry_rate');
    expect(routine.status).toBe('partial'); // the demo agencies have not all sent every return
    expect(await card('routine_enquiry_rate')).toContain(
      `${routine.returns.received} of ${routine.returns.due} returns received`,
    );
    const volume = await card('marac_cases_per_10k');
    expect(volume).toContain(answer.coverage.label);
    expect(volume).toContain(`for ${find('marac_cases_per_10k').reference.period.label}`);
    const withheld = answer.indicators.find(
      (i: { suppressed: boolean; denominator: number | null }) => i.suppressed && i.denominator !== null,
    );
    const row = (await tableRows(page, 'Every indicator')).find((r) => r[0] === withheld.title)!;
    expect([row[2], row[4], row[5]]).toEqual(['Withheld', '<5', withheld.denominator.toLocaleString('en-GB')]);

    // A quarter no return came in for is a gap in the trend and "No returns" in its table.
    await visit(page, '/repeats', 'Repeat rates');
    await page.getByLabel('From quarter').selectOption({ index: 11 });
    const [trend] = await Promise.all([
      page.waitForResponse((r) => /\/api\/analytics\/trends\?/.test(r.url())),
      page.getByRole('button', { name: 'Apply filters' }).click(),
    ]);
    const points: { period: string; status: string }[] = (await trend.json()).series[0].points;
    const missing = points.filter((p) => p.status === 'no_returns').map((p) => p.period);
    expect(missing.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('main p[role="status"]').count()).toBe(0);
    const rows = await tableRows(page, 'Marac repeat rate by quarter');
    expect(rows.filter((r) => r[3] === 'No returns').map((r) => r[0])).toEqual(missing);
    await page.close();
  }, 90_000);

  it('shows a headline without returns as "No returns", a surplus, partial returns, districts not reporting and a benchmark note (an answer altered in the browser)', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.analyst);
    let withheld = '';
    await patchAnswer(page, /\/api\/analytics\/indicators\?/, (answer) => {
      const find = (id: string) => answer.indicators.find((i: { id: string }) => i.id === id);
      Object.assign(find('marac_cases_per_10k'), { status: 'partial', returns: { received: 3, due: 4 } });
      find('marac_cases_per_10k').extra = { ...find('marac_cases_per_10k').extra, shortfall: 0, surplus: 12 };
      find('marac_cases_per_10k').benchmark = {
        ...find('marac_cases_per_10k').benchmark,
        value: 42,
        period: { label: '2019-20', start: '2019-04-01', end: '2020-03-31' },
        note: 'The published level nearest to this range',
      };
      Object.assign(find('marac_repeat_rate'), {
        status: 'no_returns',
        returns: { received: 0, due: 4 },
        value: null,
        numerator: null,
        denominator: null,
        lower: null,
        upper: null,
        comparison: 'worse',
        comparisonLabel: 'No returns for this period',
      });
      Object.assign(find('disclosure_rate'), {
        suppressed: true,
        value: null,
        numerator: null,
        lower: null,
        upper: null,
        denominator: 120,
      });
      withheld = find('disclosure_rate').title;
      answer.coverage = {
        districts: 4,
        districtsReporting: 3,
        label: '3 of 4 districts reporting',
        reporting: [],
        notReporting: [{ code: 'E06000003', name: 'Redcar and Cleveland' }],
      };
    });
    await visit(page, '/', 'Your partnership at a glance');
    const card = (title: string) =>
      page.locator('li.waymark-card', { has: page.getByRole('heading', { name: title, exact: true }) });
    const volume = card('Marac cases per 10,000 adult females');
    const text = await volume.innerText();
    for (const words of [
      '3 of 4 returns received',
      '12 cases above the SafeLives recommended level',
      '3 of 4 districts reporting',
      '42.0 for 2019-20. The published level nearest to this range.',
    ])
      expect(text).toContain(words);
    expect(text).not.toMatch(/shortfall/i);
    await volume.getByText('Districts not reporting').click();
    await expect.poll(() => volume.getByText('Redcar and Cleveland').isVisible()).toBe(true);
    const repeat = await card('Marac repeat rate').innerText();
    expect(repeat).toContain('No returns');
    expect(repeat).not.toMatch(/Worse|0\.0%/);
    const every = await tableRows(page, 'Every indicator');
    const row = every.find((r) => r[0] === withheld)!;
    expect([row[2], row[4], row[5]]).toEqual(['Withheld', '<5', '120']);
    await expectNoAccessibilityViolations(page);
    await page.close();
  }, 90_000);

  it('draws benchmarks from the answers with their periods, and marks points outside the limits by shape and words (answers altered in the browser)', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.analyst);
    let outside = '';
    let missing = '';
    await patchAnswer(page, /\/api\/analytics\/comparison\?/, (answer) => {
      Object.assign(answer, { target: BENCHMARK.value, benchmark: BENCHMARK });
      Object.assign(answer.areas[0], { funnel95: 'above', funnel998: 'above' });
      outside = answer.areas[0].name;
    });
    await patchAnswer(page, /\/api\/analytics\/trends\?/, (answer) => {
      const series = answer.series[0];
      series.benchmark = BENCHMARK;
      Object.assign(series.points[1], {
        status: 'no_returns',
        value: null,
        numerator: null,
        denominator: null,
        lower: null,
        upper: null,
      });
      missing = series.points[1].period;
    });
    await visit(page, '/repeats', 'Repeat rates');
    const panel = (title: string) => page.locator('section', { has: page.getByRole('heading', { name: title }) });
    const funnel = await panel(FUNNEL).innerText();
    expect(funnel).toContain('England and Wales (28.0%)');
    expect(funnel).toContain('England and Wales: 28.0%');
    expect(funnel).toContain(
      'England and Wales 28.0% for Jul 2018 to Jun 2019, from SafeLives Marac national dataset. The published period nearest to this range.',
    );
    expect(funnel).not.toContain('31%');
    const point = page.locator(`.waymark-point[aria-label^="${outside}:"]`);
    expect(await point.getAttribute('aria-label')).toContain('Outside the 99.8% limits');
    expect(await point.locator('circle').count()).toBe(0);
    expect(await point.locator('text').textContent()).toBe(`${outside}, above`);
    const trend = await panel('Marac repeat rate by quarter').innerText();
    expect(trend).toContain('England and Wales: 28.0%');
    expect(trend).toMatch(/1 of \d+ quarters had no returns/);
    const row = (await tableRows(page, 'Marac repeat rate by quarter')).find((r) => r[0] === missing)!;
    expect(row[3]).toBe('No returns');
    await page.close();
  }, 90_000);

  it('shows why there is no all-areas comparison, and the benchmarks and coverage the answer gives, on the Marac view (an answer altered in the browser)', async () => {
    const page = await signedInPage(browser, t.api.baseUrl, DEMO.analyst);
    const note = 'You can see every area, so there is no wider figure to compare with.';
    await patchAnswer(page, /\/api\/analytics\/indicators\?/, (answer) => {
      answer.nationalNote = note;
      for (const i of answer.indicators) i.national = null;
      const volume = answer.indicators.find((i: { id: string }) => i.id === 'marac_cases_per_10k');
      volume.benchmark = { ...volume.benchmark, value: 42 };
      volume.reference = { ...volume.reference, value: 45 };
      answer.coverage = {
        districts: 4,
        districtsReporting: 4,
        label: '4 of 4 districts reporting',
        reporting: [],
        notReporting: [],
      };
    });
    await visit(page, '/marac', 'Marac');
    const victims = page.locator('section', { has: page.getByRole('heading', { name: 'Who the victims are' }) });
    expect(await victims.innerText()).toContain(note);
    await victims.getByRole('button', { name: /Show data table/ }).click();
    expect(await victims.locator('thead th').allTextContents()).toEqual(['Group', 'Cases', 'This area']);
    const volume = await tableRows(page, 'Marac cases per 10,000 women aged 16 and over');
    expect(volume.slice(1).map((r) => r[1])).toEqual(['42.0', '45.0']);
    expect(
      await page
        .locator('section', {
          has: page.getByRole('heading', { name: 'Marac cases per 10,000 women aged 16 and over' }),
        })
        .innerText(),
    ).toContain('4 of 4 districts reporting');
    await page.close();
  }, 90_000);
});
