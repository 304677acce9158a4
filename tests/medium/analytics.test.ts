import { join } from 'node:path';
import { Warehouse } from '@waymark/analytics';
import { MARAC_REFERRAL_SOURCES, wilsonInterval } from '@waymark/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsService } from '../../apps/api/dist/apps/api/src/analytics/analytics.service.js';
import { ensureWarehouse } from '../../apps/api/dist/apps/api/src/analytics/ensure-warehouse.js';
import { PostgresWarehouseSource } from '../../apps/api/dist/apps/api/src/analytics/postgres-source.js';
import { APP_CONFIG } from '../../apps/api/dist/apps/api/src/common/tokens.js';
import type { AppConfig } from '../../apps/api/dist/apps/api/src/config.js';
import type { Caller } from '../../apps/api/dist/apps/api/src/scope/area-scope.js';
import { AGENCY_FIGURES, caseRows, MARAC_FIGURES } from '../support/returns-fixtures.js';
import { sendQuarterlyReturns, sendReturn, statusOf, thrownBy, useMediumApp } from './support/medium-app.js';

/**
 * Moved from tests/api/analytics.test.ts: the analytics answers for the fixture returns, asked of the
 * service in-process with each demo account as the caller. What stays there is HTTP: Arrow by
 * content negotiation, file downloads and the disclosure header.
 */
const app = useMediumApp();
const Q1 = { from: '2025-26 Q1', to: '2025-26 Q1' };
const HARTLEPOOL = 'E06000001';

/** An answer's indicators by id. */
const byId = <T extends { id: string }>(list: T[]) =>
  Object.fromEntries(list.map((i) => [i.id, i])) as Record<string, T>;

describe('analytics', () => {
  let analyst: Caller;
  let viewer: Caller;
  let submitter: Caller;
  let admin: Caller;

  beforeAll(async () => {
    analyst = await app.caller('analyst');
    viewer = await app.caller('viewer');
    submitter = await app.caller('submitter');
    admin = await app.caller('admin');
    await sendQuarterlyReturns(app);
    await sendReturn(app, submitter, 'case-level', { period: '2025-26 Q1', rows: caseRows(12) });
    // One self-audit: every standard met except two not met and one not applicable.
    const { audit } = await app.audits.open(submitter, { period: '2025-26' });
    const ratings = audit.items.map((i, n) => ({
      code: i.code,
      rating: n < 2 ? 'not_met' : n === 2 ? 'not_applicable' : 'met',
      action: n < 2 ? 'Fix it' : null,
      targetDate: n < 2 ? '2026-03-31' : null,
    }));
    await app.audits.saveRatings(submitter, audit.id, { body: { ratings } });
    expect((await app.audits.submit(submitter, audit.id)).status).toBe('submitted');
  });

  it('computes every indicator for the fixture area as counted by hand', async () => {
    const answer = await app.analytics.indicators(analyst, { area: HARTLEPOOL, ...Q1 });
    expect(answer.disclosure.applied).toBe(false);
    const i = byId(answer.indicators);
    // 60 cases in one quarter, scaled to a year, per 10,000 of Hartlepool's 39,200 women aged 16+.
    expect(i.marac_cases_per_10k.value).toBeCloseTo((60 * 4 * 10_000) / 39_200, 6);
    expect(i.marac_cases_per_10k.extra).toMatchObject({ recommendedCases: 39, shortfall: 0, surplus: 21 });
    expect(i.marac_cases_per_10k.comparison).toBe('better');
    const share = (id: string, x: number, n: number) =>
      expect([i[id].numerator, i[id].denominator, i[id].value], id).toEqual([x, n, x / n]);
    share('marac_repeat_rate', 18, 60);
    share('marac_partner_referral_share', 24, 60);
    share('marac_source_childrens_social_care', 3.5, 60);
    share('marac_victims_minoritised', 9, 60);
    share('marac_victims_16_17', 1, 60);
    share('marac_core_attendance', 22, 27);
    share('marac_specialist_spoc', 10, 55);
    share('marac_perpetrator_substance_use', 28, 60);
    share('routine_enquiry_rate', 100, 120);
    share('disclosure_rate', 30, 100);
    share('later_disclosure_share', 12, 30);
    share('referral_conversion_made', 8, 12);
    share('referral_conversion_received', 6, 9);
    share('safeguarding_referral_rate', 6, 120);
    share('case_repeat_rate', 2, 10); // references 0 and 1 came back within the quarter
    share('return_completeness', 2, 14); // one agency return and one Marac return of 13 agencies and 1 Marac
    expect(i.marac_children_per_case.value).toBeCloseTo(85 / 60, 10);
    expect(i.dual_issue_marac_referrals.value).toBe(3);
    const applicable = i.standards_compliance.denominator!;
    expect(i.standards_compliance.numerator).toBe(applicable - 2);
    // Wilson by hand: centre (0.3 + z²/120) / (1 + z²/60) = 0.31203, half-width 0.11305 (z = 1.96).
    expect(i.marac_repeat_rate.lower).toBeCloseTo(0.199, 4);
    expect(i.marac_repeat_rate.upper).toBeCloseTo(0.4251, 4);
    expect(i.marac_repeat_rate.comparison).toBe('similar');
  });

  it('hides counts of 1 to 4 from a viewer, rounds the rest to 5, works rates out from what is shown, and keeps hidden sources from being worked out', async () => {
    const answer = await app.analytics.indicators(viewer, Q1);
    expect(answer.disclosure).toMatchObject({ applied: true, threshold: 5, roundingBase: 5 });
    expect(answer.disclosure.note).toMatch(/rounded to the nearest 5/);
    expect(answer.disclosure.suppressedCells).toBeGreaterThan(0);
    const i = byId(answer.indicators);
    for (const id of [
      'marac_victims_16_17',
      'marac_victims_lgbt',
      'marac_victims_male',
      'dual_issue_marac_referrals',
    ]) {
      expect(i[id], id).toMatchObject({ numerator: null, value: null, lower: null, upper: null, suppressed: true });
    }
    // 18 repeats of 60 cases are shown as 20 of 60, and the rate, interval and comparison follow the shown counts.
    expect(i.marac_repeat_rate).toMatchObject({ numerator: 20, denominator: 60, suppressed: false });
    expect(i.marac_repeat_rate.value).toBeCloseTo(20 / 60, 12);
    expect(i.marac_repeat_rate.lower).toBeCloseTo(wilsonInterval(20, 60)!.lower, 12);
    const sources = MARAC_REFERRAL_SOURCES.map((s) => i[`marac_source_${s.code}`]);
    const hidden = sources.filter((s) => s.suppressed);
    // Shown sources plus cases discussed never pin down a single hidden one.
    expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
    expect(sources.find((s) => s.id === 'marac_source_police')!.value).toBeCloseTo(35 / 60, 10);
    const explorer = await app.analytics.explorer(viewer, { source: 'marac', groupBy: 'lad', ...Q1 });
    expect(explorer.rows[0]).toMatchObject({
      group: HARTLEPOOL,
      cases_discussed: 60,
      repeat_cases: 20,
      children_in_households: 85,
      victims_16_17: null,
      victims_lgbt: null,
      victims_male: null,
    });
    expect((await app.analytics.explorer(analyst, { source: 'marac', groupBy: 'lad', ...Q1 })).rows[0]).toMatchObject({
      repeat_cases: 18,
      victims_16_17: 1,
      victims_lgbt: 2,
    });
  });

  it('keeps every analytics answer inside the caller’s areas', async () => {
    const [middlesbrough] = await app.maracs.list(admin.scope, 'E06000002');
    await sendReturn(app, admin, 'marac-quarter', {
      period: '2025-26 Q1',
      maracId: middlesbrough.id,
      values: { ...MARAC_FIGURES, cases_discussed: 100, referrals_police: 76 },
    });
    const outside = { area: 'E06000002', ...Q1 };
    const asked = {
      indicators: () => app.analytics.indicators(viewer, outside),
      trends: () => app.analytics.trends(viewer, outside),
      comparison: () => app.analytics.comparison(viewer, outside),
      pathways: () => app.analytics.pathways(viewer, outside),
      gaps: () => app.analytics.gaps(viewer, outside),
      explorer: () => app.analytics.explorer(viewer, outside),
    };
    for (const [name, ask] of Object.entries(asked)) expect(await statusOf(ask), name).toBe(404);
    const mine = byId((await app.analytics.indicators(viewer, Q1)).indicators);
    expect(mine.marac_repeat_rate.denominator).toBe(60);
    const all = byId((await app.analytics.indicators(analyst, Q1)).indicators);
    expect(all.marac_repeat_rate.denominator).toBe(160);
    const league = await app.analytics.comparison(viewer, { level: 'lad', indicator: 'marac_repeat_rate', ...Q1 });
    expect(league.areas.map((a) => a.code)).toEqual([HARTLEPOOL]);
    const explorer = await app.analytics.explorer(viewer, { source: 'marac', groupBy: 'lad', ...Q1 });
    expect(explorer.rows.map((r) => r.group)).toEqual([HARTLEPOOL]);
    // An agency submitter sees only their own agency's figures, and no Marac figures.
    const own = byId((await app.analytics.indicators(submitter, Q1)).indicators);
    expect(own.routine_enquiry_rate.denominator).toBe(120);
    expect(own.marac_repeat_rate.value).toBeNull(); // no Marac figures at all
  });

  it('draws pathways with engaged counts, and a funnel around the national repeat rate', async () => {
    const pathways = await app.analytics.pathways(analyst, { area: HARTLEPOOL, ...Q1 });
    expect(pathways.links).toContainEqual({
      source: 'drug_alcohol_service',
      target: 'idva_service',
      referrals: 4,
      engaged: 2,
      basis: 'case-level',
    });
    expect(pathways.links).toContainEqual({
      source: 'drug_alcohol_service',
      target: 'partner_sector',
      referrals: 12,
      engaged: 8,
      basis: 'agency returns',
    });
    expect(pathways.links).toContainEqual({
      source: 'source:police',
      target: 'marac',
      referrals: 36,
      engaged: null,
      basis: 'Marac returns',
    });
    expect(pathways.nodes).toContainEqual({ id: 'marac', label: 'Marac' });
    const funnel = await app.analytics.comparison(analyst, { level: 'lad', indicator: 'marac_repeat_rate', ...Q1 });
    expect(funnel.target).toBe(0.31);
    expect(funnel.funnel.length).toBeGreaterThan(10);
    expect(funnel.areas.map((a) => [a.code, a.funnel95])).toEqual([
      [HARTLEPOOL, 'within'],
      ['E06000002', 'within'],
    ]);
  });

  it('compares an agency with the other agencies of its sector, and withholds peers while there are fewer than two', async () => {
    const Q2 = { from: '2025-26 Q2', to: '2025-26 Q2' };
    await sendReturn(app, submitter, 'agency-quarter', { period: '2025-26 Q2', values: AGENCY_FIGURES });
    const peersOf = () => app.analytics.peers(submitter, Q2);
    const routine = (answer: Awaited<ReturnType<typeof peersOf>>) =>
      answer.indicators.find((i) => i.id === 'routine_enquiry_rate')!;

    let answer = await peersOf();
    expect(answer.agency.sector).toBe('drug_alcohol_service');
    expect(answer.peerAgencies).toBe(0);
    expect(answer.peersWithheld).toMatch(/fewer than 2 other agencies/);
    expect([routine(answer).own.numerator, routine(answer).own.denominator]).toEqual([100, 120]);
    expect(routine(answer).peers.value).toBeNull();

    const agencies = await app.agencies.list(admin.scope, {});
    const peers = agencies.filter((a) => a.sector === 'drug_alcohol_service' && a.areaCode !== HARTLEPOOL);
    expect(peers).toHaveLength(2);
    const enquiries = [90, 60];
    for (const [n, peer] of peers.entries()) {
      const figures = { ...AGENCY_FIGURES, asked: enquiries[n] };
      await sendReturn(app, admin, 'agency-quarter', { period: '2025-26 Q2', agencyId: peer.id, values: figures });
      answer = await peersOf();
      expect(answer.peerAgencies).toBe(n + 1);
    }
    expect(answer.peersWithheld).toBeNull();
    // Peers asked 90 + 60 of 240 people on their caseloads; this agency asked 100 of 120.
    expect([routine(answer).peers.numerator, routine(answer).peers.denominator]).toEqual([150, 240]);
    expect(routine(answer).comparison).toBe('better');
    // Over Q1 and Q2 together the peers stay withheld: Q1 had none, and Q1–Q2 less Q2 would be them.
    const twoQuarters = await app.analytics.peers(submitter, { from: '2025-26 Q1', to: '2025-26 Q2' });
    expect(twoQuarters.peersWithheld).toMatch(/In at least one of these quarters/);
    expect(routine(twoQuarters).peers.value).toBeNull();
    // Another agency's comparison is not the submitter's to read.
    expect(await statusOf(() => app.analytics.peers(submitter, { agency: peers[0].id, ...Q2 }))).toBe(404);
  });

  it('adds the all-areas figure beside each share when asked to compare nationally', async () => {
    const answer = await app.analytics.indicators(analyst, { area: HARTLEPOOL, ...Q1, compare: 'national' });
    const i = byId(answer.indicators);
    // Every Marac return of the quarter is in the analyst's force area, so its total is the all-areas figure.
    const force = byId((await app.analytics.indicators(analyst, Q1)).indicators);
    for (const id of ['marac_victims_minoritised', 'marac_repeat_rate', 'marac_victim_substance_use'])
      expect(i[id].national, id).toBeCloseTo(force[id].value!, 10);
    expect(i.marac_victims_minoritised.value).toBeCloseTo(9 / 60, 10);
    expect(
      byId((await app.analytics.indicators(analyst, { area: HARTLEPOOL, ...Q1 })).indicators).marac_repeat_rate,
    ).not.toHaveProperty('national');
    // A viewer's all-areas figure would be their own plus Middlesbrough's one Marac: withheld.
    const viewers = byId((await app.analytics.indicators(viewer, { ...Q1, compare: 'national' })).indicators);
    expect(viewers.marac_victims_minoritised.national).toBeNull();
    expect(viewers.marac_repeat_rate.value).not.toBeNull();
  });

  it('narrows agency and case-level figures to one sector, leaves Marac figures whole, and refuses an unknown sector', async () => {
    // The controller passes every query parameter on; `sector` narrows agency figures.
    const inHartlepool = (sector?: string) => {
      const query: Record<string, string> = { area: HARTLEPOOL, ...Q1, ...(sector ? { sector } : {}) };
      return app.analytics.indicators(analyst, query);
    };
    const all = byId((await inHartlepool()).indicators);
    const drugAlcohol = byId((await inHartlepool('drug_alcohol_service')).indicators);
    const housing = byId((await inHartlepool('housing')).indicators);
    expect([drugAlcohol.routine_enquiry_rate.numerator, drugAlcohol.routine_enquiry_rate.denominator]).toEqual([
      100, 120,
    ]);
    // No housing agency sent a return: no figures at all, rather than a rate of nothing.
    expect(housing.routine_enquiry_rate).toMatchObject({
      status: 'no_returns',
      numerator: null,
      denominator: null,
      value: null,
    });
    expect(housing.case_repeat_rate).toMatchObject({ status: 'no_returns', denominator: null });
    expect(drugAlcohol.marac_repeat_rate.value).toBe(all.marac_repeat_rate.value);
    const narrowed: Record<string, string> = {
      source: 'agency',
      groupBy: 'sector',
      area: HARTLEPOOL,
      ...Q1,
      sector: 'drug_alcohol_service',
    };
    const explorer = await app.analytics.explorer(analyst, narrowed);
    expect(explorer.rows.map((r) => r.group)).toEqual(['drug_alcohol_service']);
    const florist: Record<string, string> = { ...Q1, sector: 'florist' };
    const refused = await thrownBy(() => app.analytics.indicators(analyst, florist));
    expect(refused.status).toBe(422);
    expect(refused.message).toMatch(/sector must be one of/);
  });

  it('rebuilds a deleted warehouse from PostgreSQL and gives identical answers', async () => {
    const before = await app.analytics.indicators(analyst, Q1);
    // A new warehouse file, as a start finds when the old one was deleted.
    const rebuilt = await Warehouse.open(join(app.dir, 'rebuilt', 'warehouse.duckdb'));
    try {
      const lines: string[] = [];
      expect(await ensureWarehouse(rebuilt, new PostgresWarehouseSource(app.dataSource), (l) => lines.push(l))).toMatch(
        /^rebuilt: /,
      );
      expect(lines).toContain(
        'no complete warehouse yet (the file is new, was deleted, or was left half-built); building the warehouse from PostgreSQL',
      );
      const fresh = new AnalyticsService(rebuilt, app.context.get<AppConfig>(APP_CONFIG));
      expect(await fresh.indicators(analyst, Q1)).toEqual(before);
    } finally {
      rebuilt.close();
    }
  });
});
