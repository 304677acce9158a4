import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../apps/api/dist/apps/api/src/scope/area-scope.js';
import { MARAC_FIGURES } from '../support/returns-fixtures.js';
import { sendQuarterlyReturns, sendReturn, useMediumApp } from './support/medium-app.js';

/** Moved from tests/api/figures.test.ts: the same checks, asked of the services in-process. */
const app = useMediumApp();
const CLEVELAND = 'E23000013';
const DISTRICTS = {
  hartlepool: 'E06000001',
  middlesbrough: 'E06000002',
  redcar: 'E06000003',
  stockton: 'E06000004',
} as const;
const YEAR_2019_20 = { from: '2019-20 Q1', to: '2019-20 Q4' };

/** An answer's indicators by id. */
const byId = <T extends { id: string }>(list: T[]) =>
  Object.fromEntries(list.map((i) => [i.id, i])) as Record<string, T>;

/** One Marac's return for a quarter, consistent with the return's rules, carrying these cases and repeats. */
function maracFigures(cases: number, repeats: number): Record<string, number> {
  const otherReferrals = Object.entries(MARAC_FIGURES)
    .filter(([k]) => k.startsWith('referrals_') && k !== 'referrals_police')
    .reduce((sum, [, v]) => sum + v, 0);
  return {
    ...MARAC_FIGURES,
    cases_discussed: cases,
    repeat_cases: repeats,
    referrals_police: cases - otherReferrals,
    spoc_assigned: Math.min(MARAC_FIGURES.spoc_assigned, cases),
  };
}

describe('figures a commissioner can trust', () => {
  let admin: Caller;
  let maracs: Record<string, string>;
  const indicators = async (query: Record<string, string>) =>
    byId((await app.analytics.indicators(admin, query)).indicators);

  /**
   * SafeLives published Cleveland's 2019-20 Marac figures: 794 cases, 224 of them repeats, 34.11 per
   * 10,000 women on SafeLives' own population base. Entered here as the four district Maracs' quarterly
   * returns (49 or 50 cases and 14 repeats each), so the year's totals are the published ones.
   */
  async function sendCleveland() {
    let extra = 794 - 16 * 49; // ten returns carry a 50th case
    for (const district of Object.values(DISTRICTS)) {
      for (const quarter of [1, 2, 3, 4]) {
        const period = `2019-20 Q${quarter}`;
        const cases = 49 + (extra-- > 0 ? 1 : 0);
        const sent = await sendReturn(app, admin, 'marac-quarter', {
          period,
          maracId: maracs[district],
          values: maracFigures(cases, 14),
        });
        expect(sent.version, `${district} ${period}`).toBe(1);
      }
    }
  }

  beforeAll(async () => {
    // The demo has Maracs for three of Cleveland's districts; Redcar and Cleveland's is added as a
    // partnership would (by the administrator), owing its returns from the same quarter as the others.
    admin = await app.caller('admin');
    await app.maracs.create(admin, {
      name: 'Redcar and Cleveland Marac',
      areaCode: DISTRICTS.redcar,
      scheduleFrom: '2019-20 Q1',
    });
    const all = await app.maracs.list(admin.scope, undefined);
    maracs = Object.fromEntries(all.map((m) => [m.areaCode, m.id]));
    expect(Object.keys(maracs).sort()).toEqual(Object.values(DISTRICTS).sort());
  });

  it('use the adult female population, not the male one', async () => {
    expect((await app.areas.get(admin.scope, DISTRICTS.hartlepool)).females16plus).toBe(39_200);
    expect((await app.areas.get(admin.scope, CLEVELAND)).females16plus).toBe(237_671);
    const [{ women }] = await app.query<{ women: number }>(
      `SELECT sum(females_16plus)::int AS women FROM area WHERE type = 'lad' AND parent_code IN (SELECT code FROM area WHERE parent_code = $1)`,
      [CLEVELAND],
    );
    expect(women).toBe(237_671);
    // Women are 51% of people aged 16+ in England and Wales in the file the database is seeded from.
    const rows = parse<Record<string, string>>(
      readFileSync('seeds/reference/derived_females16plus_by_lad21_mid2021.csv'),
      {
        columns: true,
        bom: true,
      },
    );
    const sum = (key: string) => rows.reduce((s, r) => s + Number(r[key]), 0);
    expect(sum('females_16plus') / sum('persons_16plus')).toBeGreaterThan(0.505);
    expect(sum('females_16plus') / sum('persons_16plus')).toBeLessThan(0.52);
  });

  it('give Cleveland’s published 2019-20 figures within 3% of SafeLives’ rate, against the right year’s benchmarks', async () => {
    await sendCleveland();
    const answer = await app.analytics.indicators(admin, { area: CLEVELAND, ...YEAR_2019_20 });
    const i = byId(answer.indicators);
    expect(i.marac_cases_per_10k.numerator).toBe(794);
    expect(i.marac_cases_per_10k.denominator).toBe(237_671);
    expect(i.marac_cases_per_10k.value).toBeCloseTo(33.41, 2);
    expect(Math.abs(i.marac_cases_per_10k.value! - 34.11) / 34.11).toBeLessThan(0.03);
    expect(i.marac_cases_per_10k.extra).toMatchObject({ recommendedCases: 951, shortfall: 157, surplus: 0 });
    expect(i.marac_repeat_rate).toMatchObject({
      numerator: 224,
      denominator: 794,
      status: 'complete',
      returns: { received: 16, due: 16 },
    });
    expect(answer.coverage).toMatchObject({
      districts: 4,
      districtsReporting: 4,
      label: '4 of 4 districts reporting',
      notReporting: [],
    });
    // No national figure covers April 2019 to March 2020: the nearest published period, said so.
    expect(i.marac_repeat_rate.benchmark).toMatchObject({ value: 0.3, period: { label: 'Jul 2018 to Jun 2019' } });
    expect(i.marac_repeat_rate.benchmark!.note).toMatch(/nearest/);
    expect(i.marac_cases_per_10k.reference).toMatchObject({ value: 39, period: { label: 'Jul 2018 to Jun 2019' } });
    expect(i.marac_victims_minoritised.benchmark).toMatchObject({
      value: 0.15,
      period: { label: 'Jul 2018 to Jun 2019' },
    });
    // A range that a published period covers is compared with that period's figure.
    const covered = await indicators({ area: CLEVELAND, from: '2023-24 Q3', to: '2024-25 Q2' });
    expect(covered.marac_repeat_rate.benchmark).toMatchObject({
      value: 0.31,
      period: { label: 'Oct 2023 to Sep 2024' },
    });
    expect(covered.marac_victims_minoritised.benchmark!.value).toBe(0.141);
    expect(covered.marac_victims_lgbt.benchmark!.value).toBe(0.016);
    expect(covered.marac_victims_disabled.benchmark!.value).toBe(0.101);
    expect(covered.marac_victims_male.benchmark!.value).toBe(0.064);
    expect(covered.marac_victims_16_17.benchmark!.value).toBe(0.013);
    const later = await indicators({ area: CLEVELAND, from: '2025-26 Q1', to: '2025-26 Q4' });
    expect(later.marac_repeat_rate.benchmark!.note).toMatch(/latest.*Oct 2023 to Sep 2024/);
  });

  it('count only the women of districts whose Marac returned, and name the districts left out', async () => {
    const quarter = { area: CLEVELAND, from: '2020-21 Q1', to: '2020-21 Q1' };
    expect((await indicators(quarter)).marac_cases_per_10k.status).toBe('no_returns');
    for (const district of [DISTRICTS.hartlepool, DISTRICTS.middlesbrough, DISTRICTS.stockton])
      await sendReturn(app, admin, 'marac-quarter', {
        period: '2020-21 Q1',
        maracId: maracs[district],
        values: maracFigures(50, 10),
      });
    const three = await app.analytics.indicators(admin, quarter);
    const i = byId(three.indicators);
    const women = 237_671 - 58_667; // Redcar and Cleveland's women are left out
    expect(i.marac_cases_per_10k.denominator).toBeCloseTo(women / 4, 6); // one quarter: a quarter of a year
    expect(i.marac_cases_per_10k.value).toBeCloseTo((150 * 10_000) / (women / 4), 6);
    expect(three.coverage).toMatchObject({
      districts: 4,
      districtsReporting: 3,
      label: '3 of 4 districts reporting',
      notReporting: [{ code: DISTRICTS.redcar, name: 'Redcar and Cleveland' }],
    });
    expect(i.marac_repeat_rate).toMatchObject({ status: 'partial', returns: { received: 3, due: 4 } });
  });

  it('give no value, no comparison and the state "no returns" where nothing was returned, never 0', async () => {
    const answer = byId(
      (await app.analytics.indicators(admin, { area: DISTRICTS.redcar, from: '2021-22 Q1', to: '2021-22 Q4' }))
        .indicators,
    );
    for (const id of ['marac_cases_per_10k', 'marac_repeat_rate', 'routine_enquiry_rate', 'case_repeat_rate']) {
      expect(answer[id], id).toMatchObject({
        value: null,
        numerator: null,
        denominator: null,
        comparison: 'not_compared',
        status: 'no_returns',
        comparisonLabel: 'No returns for this period',
        suppressed: false,
      });
    }
    expect(answer.marac_cases_per_10k.extra).toMatchObject({ shortfall: null, surplus: null });
    const trend = await app.analytics.trends(admin, {
      area: CLEVELAND,
      from: '2019-20 Q4',
      to: '2020-21 Q2',
      indicators: 'marac_cases_per_10k,marac_repeat_rate',
    });
    const points = trend.series[0].points;
    expect(points.map((p) => [p.period, p.status])).toEqual([
      ['2019-20 Q4', 'complete'],
      ['2020-21 Q1', 'partial'],
      ['2020-21 Q2', 'no_returns'],
    ]);
    expect(points[2].value).toBeNull();
    // A quarter's rate counts the women of the districts that returned that quarter, as a quarter of a year.
    expect(points[1].value).toBeCloseTo((150 * 10_000) / ((237_671 - 58_667) / 4), 6);
  });

  it('say how far above the recommended level a Marac is, not a shortfall of 0', async () => {
    const hartlepool = await indicators({ area: DISTRICTS.hartlepool, from: '2020-21 Q1', to: '2020-21 Q1' });
    // 50 cases in a quarter; 40 a year per 10,000 of 39,200 women is 156.8 a year, 39.2 a quarter.
    expect(hartlepool.marac_cases_per_10k.extra).toMatchObject({ recommendedCases: 39, shortfall: 0, surplus: 11 });
  });

  it('compare the shares of a view of every area with the published national shares, not with itself', async () => {
    const everything = await app.analytics.indicators(admin, { ...YEAR_2019_20, compare: 'national' });
    expect(everything.nationalNote).toMatch(/no other areas/);
    const i = byId(everything.indicators);
    expect(i.marac_victims_minoritised.national).toBeNull();
    expect(i.marac_victims_minoritised.benchmark!.value).toBe(0.15);
    // 9 of 49 or 50 cases in each return: far above the national 15%, and said to be higher.
    expect(everything.indicators.find((x) => x.id === 'marac_victims_minoritised')!.comparison).toBe('higher');
    const oneArea = await app.analytics.indicators(admin, {
      area: DISTRICTS.hartlepool,
      ...YEAR_2019_20,
      compare: 'national',
    });
    expect(oneArea.nationalNote).toBeNull();
    expect(byId(oneArea.indicators).marac_repeat_rate.national).toBeCloseTo(224 / 794, 10);
  });

  it('show a withheld figure’s published denominator and hide only the small part', async () => {
    await sendQuarterlyReturns(app, '2022-23 Q1');
    const shown = byId(
      (
        await app.analytics.indicators(await app.caller('viewer'), {
          area: DISTRICTS.hartlepool,
          from: '2022-23 Q1',
          to: '2022-23 Q1',
        })
      ).indicators,
    );
    // One victim aged 16–17 of 60 cases: the one is hidden, the 60 is not small.
    expect(shown.marac_victims_16_17).toMatchObject({
      suppressed: true,
      numerator: null,
      denominator: 60,
      value: null,
    });
  });
});
