import { tableFromIPC } from 'apache-arrow';
import { MARAC_REFERRAL_SOURCES, wilsonInterval } from '@waymark/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { startApi, DEMO_PASSWORD } from '../support/api-server.js';
import { sendQuarterlyReturns, useApi } from '../support/fixture.js';
import { Client, DEMO } from '../support/http.js';
import { AGENCY_FIGURES, caseRows, MARAC_FIGURES } from '../support/returns-fixtures.js';

const t = useApi();
const Q1 = 'from=2025-26%20Q1&to=2025-26%20Q1';
const HARTLEPOOL = 'E06000001';

type Indicator = {
  id: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
  comparison: string;
  extra?: Record<string, number>;
};
const byId = (list: Indicator[]) => Object.fromEntries(list.map((i) => [i.id, i]));

describe('analytics', () => {
  let analyst: Client;
  let viewer: Client;

  beforeAll(async () => {
    analyst = await t.as('analyst');
    viewer = await t.as('viewer');
    await sendQuarterlyReturns(t);
    const submitter = await t.as('submitter');
    expect((await submitter.post('/api/returns/case-level', { period: '2025-26 Q1', rows: caseRows(12) })).status).toBe(
      201,
    );
    // One self-audit: every standard met except two not met and one not applicable.
    const audit = (await submitter.post('/api/audits', { period: '2025-26' })).body;
    const ratings = audit.items.map((i: { code: string }, n: number) => ({
      code: i.code,
      rating: n < 2 ? 'not_met' : n === 2 ? 'not_applicable' : 'met',
      action: n < 2 ? 'Fix it' : null,
      targetDate: n < 2 ? '2026-03-31' : null,
    }));
    await submitter.request('PUT', `/api/audits/${audit.id}/ratings`, { ratings });
    expect((await submitter.post(`/api/audits/${audit.id}/submit`)).status).toBe(201);
  });

  it('computes every indicator for the fixture area as counted by hand', async () => {
    const answer = await analyst.get(`/api/analytics/indicators?area=${HARTLEPOOL}&${Q1}`);
    expect(answer.status).toBe(200);
    expect(answer.body.disclosure.applied).toBe(false);
    const i = byId(answer.body.indicators);
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
    const answer = await viewer.get(`/api/analytics/indicators?${Q1}`);
    expect(answer.body.disclosure).toMatchObject({ applied: true, threshold: 5, roundingBase: 5 });
    expect(answer.body.disclosure.note).toMatch(/rounded to the nearest 5/);
    expect(answer.body.disclosure.suppressedCells).toBeGreaterThan(0);
    const i = byId(answer.body.indicators);
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
    expect(answer.headers.get('x-disclosure-control')).toMatch(/^applied/);
    const explorer = (await viewer.get(`/api/analytics/explorer?source=marac&groupBy=lad&${Q1}`)).body;
    expect(explorer.rows[0]).toMatchObject({
      group: HARTLEPOOL,
      cases_discussed: 60,
      repeat_cases: 20,
      children_in_households: 85,
      victims_16_17: null,
      victims_lgbt: null,
      victims_male: null,
    });
    expect((await analyst.get(`/api/analytics/explorer?source=marac&groupBy=lad&${Q1}`)).body.rows[0]).toMatchObject({
      repeat_cases: 18,
      victims_16_17: 1,
      victims_lgbt: 2,
    });
  });

  it('keeps every analytics endpoint inside the caller’s areas', async () => {
    const admin = await t.as('admin');
    const middlesbrough = (await admin.get('/api/maracs?area=E06000002')).body[0];
    expect(
      (
        await admin.post('/api/returns/marac-quarter', {
          period: '2025-26 Q1',
          maracId: middlesbrough.id,
          values: { ...MARAC_FIGURES, cases_discussed: 100, referrals_police: 76 },
        })
      ).status,
    ).toBe(201);
    const endpoints = ['indicators', 'trends', 'comparison', 'pathways', 'gaps', 'explorer'];
    for (const endpoint of endpoints) {
      expect((await viewer.get(`/api/analytics/${endpoint}?area=E06000002&${Q1}`)).status, endpoint).toBe(404);
      expect((await t.anonymous().get(`/api/analytics/${endpoint}?${Q1}`)).status, endpoint).toBe(401);
    }
    const mine = byId((await viewer.get(`/api/analytics/indicators?${Q1}`)).body.indicators);
    expect(mine.marac_repeat_rate.denominator).toBe(60);
    const all = byId((await analyst.get(`/api/analytics/indicators?${Q1}`)).body.indicators);
    expect(all.marac_repeat_rate.denominator).toBe(160);
    const league = (await viewer.get(`/api/analytics/comparison?level=lad&indicator=marac_repeat_rate&${Q1}`)).body;
    expect(league.areas.map((a: { code: string }) => a.code)).toEqual([HARTLEPOOL]);
    const explorer = (await viewer.get(`/api/analytics/explorer?source=marac&groupBy=lad&${Q1}`)).body;
    expect(explorer.rows.map((r: { group: string }) => r.group)).toEqual([HARTLEPOOL]);
    // An agency submitter sees only their own agency's figures, and no Marac figures.
    const own = byId((await (await t.as('submitter')).get(`/api/analytics/indicators?${Q1}`)).body.indicators);
    expect(own.routine_enquiry_rate.denominator).toBe(120);
    expect(own.marac_repeat_rate.value).toBeNull(); // no Marac figures at all
  });

  it('gives the same numbers as JSON and as Arrow', async () => {
    const json = (await analyst.get(`/api/analytics/indicators?area=${HARTLEPOOL}&${Q1}`)).body
      .indicators as Indicator[];
    const response = await fetch(`${t.api.baseUrl}/api/analytics/indicators?area=${HARTLEPOOL}&${Q1}`, {
      headers: {
        Cookie: (analyst as unknown as { cookie: string }).cookie,
        Accept: 'application/vnd.apache.arrow.stream',
      },
    });
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    const arrow = table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
    expect(arrow.map((r) => r.id)).toEqual(json.map((r) => r.id));
    for (const [n, row] of arrow.entries()) {
      for (const key of ['numerator', 'denominator', 'value', 'lower', 'upper'] as const)
        expect(row[key], `${row.id}.${key}`).toEqual(json[n][key]);
    }
    const explorerJson = (await analyst.get(`/api/analytics/explorer?source=agency&groupBy=sector&${Q1}`)).body.rows;
    const explorerArrow = await fetch(`${t.api.baseUrl}/api/analytics/explorer?source=agency&groupBy=sector&${Q1}`, {
      headers: {
        Cookie: (analyst as unknown as { cookie: string }).cookie,
        Accept: 'application/vnd.apache.arrow.stream',
      },
    });
    expect(
      tableFromIPC(new Uint8Array(await explorerArrow.arrayBuffer()))
        .toArray()
        .map((r) => r.toJSON()),
    ).toEqual(explorerJson);
  });

  it('draws pathways with engaged counts, and a funnel around the national repeat rate', async () => {
    const pathways = (await analyst.get(`/api/analytics/pathways?area=${HARTLEPOOL}&${Q1}`)).body;
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
    const funnel = (await analyst.get(`/api/analytics/comparison?level=lad&indicator=marac_repeat_rate&${Q1}`)).body;
    expect(funnel.target).toBe(0.31);
    expect(funnel.funnel.length).toBeGreaterThan(10);
    expect(funnel.areas.map((a: { code: string; funnel95: string }) => [a.code, a.funnel95])).toEqual([
      [HARTLEPOOL, 'within'],
      ['E06000002', 'within'],
    ]);
  });

  it('exports the explorer table as formula-safe CSV, XLSX and Parquet', async () => {
    const csv = await analyst.download(`/api/analytics/explorer.csv?source=marac&groupBy=lad&${Q1}`);
    expect(csv.status).toBe(200);
    expect(csv.bytes.toString('utf8')).toContain('Area,Returns,Meetings held,Cases discussed');
    expect(csv.bytes.toString('utf8')).toContain(`${HARTLEPOOL},1,3,60,18`);
    expect(
      (await analyst.download(`/api/analytics/explorer.xlsx?source=marac&groupBy=lad&${Q1}`)).bytes
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(
      (await analyst.download(`/api/analytics/explorer.parquet?source=marac&groupBy=lad&${Q1}`)).bytes
        .subarray(0, 4)
        .toString(),
    ).toBe('PAR1');
  });

  it('compares an agency with the other agencies of its sector, and withholds peers while there are fewer than two', async () => {
    const Q2 = 'from=2025-26%20Q2&to=2025-26%20Q2';
    const admin = await t.as('admin');
    const submitter = await t.as('submitter');
    expect(
      (await submitter.post('/api/returns/agency-quarter', { period: '2025-26 Q2', values: AGENCY_FIGURES })).status,
    ).toBe(201);
    const peersOf = async () => (await submitter.get(`/api/analytics/peers?${Q2}`)).body;
    const routine = (answer: { indicators: { id: string; own: Indicator; peers: Indicator }[] }) =>
      answer.indicators.find((i) => i.id === 'routine_enquiry_rate')!;

    let answer = await peersOf();
    expect(answer.agency.sector).toBe('drug_alcohol_service');
    expect(answer.peerAgencies).toBe(0);
    expect(answer.peersWithheld).toMatch(/fewer than 2 other agencies/);
    expect([routine(answer).own.numerator, routine(answer).own.denominator]).toEqual([100, 120]);
    expect(routine(answer).peers.value).toBeNull();

    const agencies = (await admin.get('/api/agencies')).body as { id: string; sector: string; areaCode: string }[];
    const peers = agencies.filter((a) => a.sector === 'drug_alcohol_service' && a.areaCode !== HARTLEPOOL);
    expect(peers).toHaveLength(2);
    const enquiries = [90, 60];
    for (const [n, peer] of peers.entries()) {
      const figures = { ...AGENCY_FIGURES, asked: enquiries[n] };
      expect(
        (await admin.post('/api/returns/agency-quarter', { period: '2025-26 Q2', agencyId: peer.id, values: figures }))
          .status,
      ).toBe(201);
      answer = await peersOf();
      expect(answer.peerAgencies).toBe(n + 1);
    }
    expect(answer.peersWithheld).toBeNull();
    // Peers asked 90 + 60 of 240 people on their caseloads; this agency asked 100 of 120.
    expect([routine(answer).peers.numerator, routine(answer).peers.denominator]).toEqual([150, 240]);
    expect(routine(answer).comparison).toBe('better');
    // Over Q1 and Q2 together the peers stay withheld: Q1 had none, and Q1–Q2 less Q2 would be them.
    const twoQuarters = (await submitter.get(`/api/analytics/peers?from=2025-26%20Q1&to=2025-26%20Q2`)).body;
    expect(twoQuarters.peersWithheld).toMatch(/In at least one of these quarters/);
    expect(routine(twoQuarters).peers.value).toBeNull();
    // Another agency's comparison is not the submitter's to read.
    expect((await submitter.get(`/api/analytics/peers?agency=${peers[0].id}&${Q2}`)).status).toBe(404);
  });

  it('adds the all-areas figure beside each share when asked to compare nationally', async () => {
    const answer = (await analyst.get(`/api/analytics/indicators?area=${HARTLEPOOL}&${Q1}&compare=national`)).body;
    const i = byId(answer.indicators) as Record<string, Indicator & { national: number | null }>;
    // Every Marac return of the quarter is in the analyst's force area, so its total is the all-areas figure.
    const force = byId((await analyst.get(`/api/analytics/indicators?${Q1}`)).body.indicators);
    for (const id of ['marac_victims_minoritised', 'marac_repeat_rate', 'marac_victim_substance_use'])
      expect(i[id].national, id).toBeCloseTo(force[id].value!, 10);
    expect(i.marac_victims_minoritised.value).toBeCloseTo(9 / 60, 10);
    expect(
      (await analyst.get(`/api/analytics/indicators?area=${HARTLEPOOL}&${Q1}`)).body.indicators[0].national,
    ).toBeUndefined();
    // A viewer's all-areas figure would be their own plus Middlesbrough's one Marac: withheld.
    const viewers = byId(
      (await viewer.get(`/api/analytics/indicators?${Q1}&compare=national`)).body.indicators,
    ) as Record<string, Indicator & { national: number | null }>;
    expect(viewers.marac_victims_minoritised.national).toBeNull();
    expect(viewers.marac_repeat_rate.value).not.toBeNull();
  });

  it('narrows agency and case-level figures to one sector, leaves Marac figures whole, and refuses an unknown sector', async () => {
    const all = byId((await analyst.get(`/api/analytics/indicators?area=${HARTLEPOOL}&${Q1}`)).body.indicators);
    const drugAlcohol = byId(
      (await analyst.get(`/api/analytics/indicators?area=${HARTLEPOOL}&${Q1}&sector=drug_alcohol_service`)).body
        .indicators,
    );
    const housing = byId(
      (await analyst.get(`/api/analytics/indicators?area=${HARTLEPOOL}&${Q1}&sector=housing`)).body.indicators,
    );
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
    const explorer = (
      await analyst.get(
        `/api/analytics/explorer?source=agency&groupBy=sector&area=${HARTLEPOOL}&${Q1}&sector=drug_alcohol_service`,
      )
    ).body;
    expect(explorer.rows.map((r: { group: string }) => r.group)).toEqual(['drug_alcohol_service']);
    const refused = await analyst.get(`/api/analytics/indicators?${Q1}&sector=florist`);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/sector must be one of/);
  });

  it('rebuilds a deleted warehouse at start and gives identical answers', async () => {
    const before = (await analyst.get(`/api/analytics/indicators?${Q1}`)).body;
    await t.api.stop();
    const again = await startApi({ databaseUrl: t.db.url }); // a new data folder: no warehouse file at all
    try {
      expect(again.output()).toContain(
        'no complete warehouse yet (the file is new, was deleted, or was left half-built); building the warehouse from PostgreSQL',
      );
      const client = await new Client(again.baseUrl).signIn(DEMO.analyst, DEMO_PASSWORD);
      const after = (await client.get(`/api/analytics/indicators?${Q1}`)).body;
      expect(after).toEqual(before);
    } finally {
      await again.stop();
    }
  });
});
