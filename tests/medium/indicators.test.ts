import { AGENCY_QUARTER, INDICATORS, MARAC_QUARTER, type ReturnType } from '@waymark/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../apps/api/dist/apps/api/src/scope/area-scope.js';
import { expectIndicator } from './support/expect-figures.js';
import {
  CITY_OF_LONDON,
  CLEVELAND,
  FIXTURE_QUARTERS as Q,
  HARTLEPOOL,
  label,
  MIDDLESBROUGH,
  REDCAR,
  STOCKTON,
  storeFixture,
  storeReturns,
  type Owner,
  type QuarterlyReturn,
  type World,
} from './support/fixture-world.js';
import { sendReturn, statusOf, useMediumApp, type DemoAccount } from './support/medium-app.js';
import {
  auditYear,
  cellCount,
  cellTotal,
  coverage,
  episodesIn,
  expectedIndicators,
  returnsIn,
  shown,
  visible,
  type View,
} from './support/oracle.js';

/**
 * Indicator arithmetic, area scoping and disclosure control, checked in-process against the
 * services with a caller, as the controllers call them. Every expected figure is worked out in
 * support/oracle.ts from the rows support/fixture-world.ts stored, by each indicator's definition.
 */
const app = useMediumApp();

/** What the demo grants each account (seeds/demo.ts): the analyst the force area, the others Hartlepool. */
const GRANTED: Record<DemoAccount, readonly string[] | 'everything'> = {
  admin: 'everything',
  analyst: [CLEVELAND],
  viewer: [HARTLEPOOL],
  submitter: [HARTLEPOOL],
  marac: [HARTLEPOOL],
};
const EXACT: DemoAccount[] = ['admin', 'analyst'];
/** Indicators worked out from quarterly returns alone, so shown by quarter and by area. */
const FROM_QUARTERLY = INDICATORS.map((d) => d.id).filter(
  (id) => !['case_repeat_rate', 'standards_compliance', 'return_completeness'].includes(id),
);
const COMPARED = FROM_QUARTERLY.filter((id) => INDICATORS.find((d) => d.id === id)!.unit === 'percent');
/** The practice rates an agency is compared with its sector's other agencies on. */
const PEER_RATES = INDICATORS.filter((d) => d.source === 'agency' && d.unit === 'percent').map((d) => d.id);
const measures = (type: ReturnType) =>
  type.fields.filter((f) => f.kind === 'count' || f.kind === 'share').map((f) => f.key);

type Query = { area?: string; sector?: string };

let world: World;
const callers = {} as Record<DemoAccount, Caller>;

function viewOf(who: DemoAccount, query: Query, from: number, to: number): View {
  return {
    granted: GRANTED[who],
    agencyId: who === 'submitter' ? callers.submitter.agencyId : null,
    area: query.area ?? null,
    sector: query.sector ?? null,
    from,
    to,
    published: !EXACT.includes(who),
  };
}
const range = (from: number, to: number) => ({ from: label(from), to: label(to) });
/** The same fixture, its quarterly returns narrowed to some owners. */
const narrowed = (keep: (r: QuarterlyReturn) => boolean): World => ({ ...world, returns: world.returns.filter(keep) });

beforeAll(async () => {
  world = await storeFixture(app);
  for (const who of Object.keys(GRANTED) as DemoAccount[]) callers[who] = await app.caller(who);
}, 120_000);

describe('indicator arithmetic', () => {
  const MIDDLESBROUGH_PARTNERSHIP = () => world.parents.get(MIDDLESBROUGH)!;
  const CASES: [DemoAccount, () => Query, number, number][] = [
    ['admin', () => ({}), Q[0], Q[3]],
    ['admin', () => ({ area: CITY_OF_LONDON }), Q[0], Q[3]],
    ['analyst', () => ({}), Q[0], Q[3]],
    ['analyst', () => ({}), Q[1], Q[1]],
    ['analyst', () => ({ area: HARTLEPOOL }), Q[2], Q[2]],
    ['analyst', () => ({ area: MIDDLESBROUGH_PARTNERSHIP() }), Q[0], Q[1]],
    ['analyst', () => ({ area: CLEVELAND, sector: 'drug_alcohol_service' }), Q[0], Q[3]],
    ['analyst', () => ({ sector: 'housing' }), Q[2], Q[3]],
    ['analyst', () => ({ area: REDCAR }), Q[0], Q[3]],
    ['viewer', () => ({}), Q[0], Q[3]],
    ['viewer', () => ({}), Q[1], Q[1]],
    ['viewer', () => ({ area: HARTLEPOOL, sector: 'domestic_abuse_service' }), Q[0], Q[2]],
    ['submitter', () => ({}), Q[0], Q[3]],
    ['marac', () => ({}), Q[3], Q[3]],
  ];

  it('gives every indicator the numerator and denominator summed from the stored rows, for every scope and filter', async () => {
    let withheld = 0;
    for (const [who, query, from, to] of CASES) {
      const view = viewOf(who, query(), from, to);
      const where = `${who} ${JSON.stringify(query())} ${label(from)}–${label(to)}`;
      const answer = await app.analytics.indicators(callers[who], { ...query(), ...range(from, to) });
      const expected = expectedIndicators(world, view);
      expect(answer.indicators.map((i) => i.id).sort(), where).toEqual([...expected.keys()].sort());
      for (const got of answer.indicators) expectIndicator(got, expected.get(got.id)!, view, where);
      const { districts, reporting } = coverage(world, view);
      expect([answer.coverage.districts, answer.coverage.districtsReporting], `${where} coverage`).toEqual([
        districts,
        reporting,
      ]);
      expect(answer.disclosure.applied, where).toBe(view.published);
      withheld += answer.indicators.filter((i) => i.suppressed).length;
    }
    // The fixture's small counts are withheld somewhere, so the published cases above test withholding too.
    expect(withheld).toBeGreaterThan(10);
  }, 120_000);

  it('gives each quarter of a trend the figures of that quarter alone', async () => {
    for (const who of ['analyst', 'viewer', 'marac'] as const) {
      const trend = await app.analytics.trends(callers[who], {
        ...range(Q[0], Q[3]),
        indicators: FROM_QUARTERLY.join(','),
      });
      expect(trend.periods).toEqual(Q.map(label));
      for (const series of trend.series) {
        for (const [n, point] of series.points.entries()) {
          const view = viewOf(who, {}, Q[n], Q[n]);
          expectIndicator(
            { ...point, id: series.id },
            expectedIndicators(world, view).get(series.id)!,
            view,
            `${who} trend ${point.period}`,
          );
        }
      }
    }
  }, 120_000);

  it('sets areas side by side from their own figures, and the overall figure from the areas listed', async () => {
    for (const who of ['analyst', 'viewer'] as const) {
      for (const level of ['lad', 'csp', 'pfa'] as const) {
        // Every share by district; by partnership and force area, a Marac and an agency share.
        for (const id of level === 'lad' ? COMPARED : ['marac_victims_16_17', 'referral_conversion_made']) {
          const view = viewOf(who, {}, Q[0], Q[3]);
          const where = `${who} ${level} ${id}`;
          const answer = await app.analytics.comparison(callers[who], { level, indicator: id, ...range(Q[0], Q[3]) });
          const codes = [
            ...new Set(
              [...returnsIn(world, view, 'marac'), ...returnsIn(world, view, 'agency')].map((r) => r.owner.path[level]),
            ),
          ];
          const expected = new Map(
            codes.map((code) => [code, expectedIndicators(world, { ...view, area: code }).get(id)!]),
          );
          // Listed: the areas with a denominator to compare.
          const listed = codes.filter((code) => (expected.get(code)!.denominator ?? 0) > 0);
          expect(answer.areas.map((a) => a.code).sort(), where).toEqual(listed.sort());
          for (const area of answer.areas)
            expectIndicator({ ...area, id }, expected.get(area.code)!, view, `${where} ${area.code}`, {});
          const total = expectedIndicators(
            narrowed((r) => listed.includes(r.owner.path[level])),
            view,
          ).get(id)!;
          const overall = total.numerator === null || !total.denominator ? null : total.numerator / total.denominator;
          if (overall === null) expect(answer.overall, where).toBeNull();
          else expect(answer.overall!.value, where).toBeCloseTo(overall, 12);
        }
      }
    }
  }, 120_000);

  it('gives each district the figures the indicators answer gives it alone', async () => {
    for (const who of ['analyst', 'viewer'] as const) {
      const view = viewOf(who, {}, Q[1], Q[2]);
      const answer = await app.analytics.districts(callers[who], {
        ...range(Q[1], Q[2]),
        indicators: FROM_QUARTERLY.join(','),
      });
      const codes = new Set(
        [...returnsIn(world, view, 'marac'), ...returnsIn(world, view, 'agency')].map((r) => r.owner.path.lad),
      );
      expect([...answer.keys()].sort(), who).toEqual([...codes].sort());
      for (const [code, indicators] of answer) {
        const expected = expectedIndicators(world, { ...view, area: code });
        expect(indicators.map((i) => i.id).sort()).toEqual([...FROM_QUARTERLY].sort());
        for (const got of indicators) expectIndicator(got, expected.get(got.id)!, view, `${who} district ${code}`, {});
      }
    }
  }, 120_000);

  it('adds up the explorer’s table by quarter, area and sector, each figure as the caller may see it', async () => {
    for (const who of ['analyst', 'viewer', 'submitter'] as const) {
      for (const [source, type] of [
        ['marac', MARAC_QUARTER],
        ['agency', AGENCY_QUARTER],
      ] as const) {
        for (const groupBy of ['period', 'lad', 'csp', 'pfa', ...(source === 'agency' ? ['sector'] : [])]) {
          const view = viewOf(who, {}, Q[0], Q[3]);
          const answer = await app.analytics.explorer(callers[who], { source, groupBy, ...range(Q[0], Q[3]) });
          const keyOf = (r: QuarterlyReturn) =>
            groupBy === 'period'
              ? label(r.quarter)
              : groupBy === 'sector'
                ? r.owner.sector!
                : r.owner.path[groupBy as 'lad' | 'csp' | 'pfa'];
          const groups = new Map<string, QuarterlyReturn[]>();
          for (const r of returnsIn(world, view, source)) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
          const expected = [...groups].map(([group, returns]) => ({
            group,
            returns: returns.length,
            ...Object.fromEntries(measures(type).map((key) => [key, shown(view, cellTotal(view, returns, key))])),
          }));
          const sorted = <T extends { group: string }>(rows: T[]) =>
            [...rows].sort((a, b) => a.group.localeCompare(b.group));
          expect(sorted(answer.rows), `${who} ${source} by ${groupBy}`).toEqual(sorted(expected));
        }
      }
    }
  }, 120_000);

  it('draws pathways from the case-level rows, the agencies’ referral counts and the Marac referral sources', async () => {
    for (const who of ['analyst', 'viewer'] as const) {
      const view = viewOf(who, {}, Q[0], Q[3]);
      const answer = await app.analytics.pathways(callers[who], range(Q[0], Q[3]));
      const links: { source: string; target: string; raw: number; engaged: number | null; basis: string }[] = [];
      const episodes = episodesIn(world, view);
      const cell = (e: { owner: Owner; quarter: number }) => `${e.owner.id}|${e.quarter}`;
      for (const sector of new Set(episodes.map((e) => e.owner.sector!))) {
        const own = episodes.filter((e) => e.owner.sector === sector);
        for (const target of new Set(own.map((e) => e.referredTo).filter((t) => t !== null))) {
          const referred = own.filter((e) => e.referredTo === target);
          const engaged = referred.filter((e) => e.engaged === true);
          links.push({
            source: sector,
            target,
            raw: cellCount(view, referred, cell),
            engaged: cellCount(view, engaged, cell),
            basis: 'case-level',
          });
        }
        links.push({
          source: sector,
          target: 'marac',
          raw: cellCount(
            view,
            own.filter((e) => e.maracReferral),
            cell,
          ),
          engaged: null,
          basis: 'case-level',
        });
      }
      const agencies = returnsIn(world, view, 'agency');
      for (const sector of new Set(agencies.map((r) => r.owner.sector!))) {
        const own = agencies.filter((r) => r.owner.sector === sector);
        const total = (field: string) => cellTotal(view, own, field);
        links.push(
          {
            source: sector,
            target: 'partner_sector',
            raw: total('referrals_made'),
            engaged: total('referrals_made_engaged'),
            basis: 'agency returns',
          },
          {
            source: 'partner_sector',
            target: sector,
            raw: total('referrals_received'),
            engaged: total('referrals_received_engaged'),
            basis: 'agency returns',
          },
          { source: sector, target: 'marac', raw: total('marac_referrals'), engaged: null, basis: 'agency returns' },
        );
      }
      const maracs = returnsIn(world, view, 'marac');
      for (const field of MARAC_QUARTER.fields.filter((f) => f.key.startsWith('referrals_')))
        links.push({
          source: `source:${field.key.slice('referrals_'.length)}`,
          target: 'marac',
          raw: cellTotal(view, maracs, field.key),
          engaged: null,
          basis: 'Marac returns',
        });
      // Listed when their total (of published cells, for published figures) is above 0; each count then shown as the caller may see it.
      const expected = links
        .filter((l) => l.raw > 0)
        .map((l) => ({
          source: l.source,
          target: l.target,
          referrals: shown(view, l.raw),
          engaged: l.engaged === null ? null : shown(view, l.engaged),
          basis: l.basis,
        }));
      const key = (l: { source: string; target: string; basis: string }) => `${l.basis}|${l.source}|${l.target}`;
      const sorted = <T extends { source: string; target: string; basis: string }>(rows: T[]) =>
        [...rows].sort((a, b) => key(a).localeCompare(key(b)));
      expect(sorted(answer.links), who).toEqual(sorted(expected));
    }
  }, 120_000);

  it('compares an agency with the summed figures of the other agencies of its sector, and withholds too few peers from those who see published figures', async () => {
    const hartlepool = world.owners.filter((o) => o.kind === 'agency' && o.path.lad === HARTLEPOOL);
    let fewPeers = 0;
    for (const who of ['analyst', 'viewer', 'submitter'] as const) {
      for (const [from, to] of [
        [Q[0], Q[3]],
        [Q[2], Q[2]],
      ]) {
        for (const agency of who === 'submitter'
          ? hartlepool.filter((a) => a.id === callers.submitter.agencyId)
          : hartlepool) {
          const where = `${who} ${agency.name} ${label(from)}–${label(to)}`;
          const view = viewOf(who, {}, from, to);
          const inRange = (r: QuarterlyReturn) => r.quarter >= from && r.quarter <= to;
          const peers = (r: QuarterlyReturn) =>
            r.owner.kind === 'agency' && r.owner.sector === agency.sector && r.owner !== agency && inRange(r);
          const perQuarter = Array.from(
            { length: to - from + 1 },
            (_, i) => world.returns.filter((r) => peers(r) && r.quarter === from + i).length,
          );
          const enough = Math.min(...perQuarter) >= 2;
          if (!enough) fewPeers += 1;
          const everywhere: View = { granted: 'everything', from, to, published: view.published };
          const ownView = who === 'submitter' ? { ...everywhere, published: false } : everywhere; // its own staff read it exact
          const own = expectedIndicators(
            narrowed((r) => r.owner === agency),
            ownView,
          );
          const theirs = expectedIndicators(narrowed(peers), everywhere);
          const answer = await app.analytics.peers(callers[who], { agency: agency.id, ...range(from, to) });
          expect(answer.peerAgencies, where).toBe(new Set(world.returns.filter(peers).map((r) => r.owner)).size);
          expect(answer.peersWithheld === null, where).toBe(enough);
          expect(answer.indicators.map((i) => i.id).sort(), where).toEqual([...PEER_RATES].sort());
          for (const row of answer.indicators) {
            expectIndicator({ ...row.own, id: row.id }, own.get(row.id)!, ownView, `${where} own`, {});
            if (enough || !view.published)
              expectIndicator({ ...row.peers, id: row.id }, theirs.get(row.id)!, everywhere, `${where} peers`, {});
            else
              expect(row.peers, `${where} peers`).toMatchObject({
                numerator: null,
                denominator: null,
                value: null,
                suppressed: true,
              });
          }
        }
      }
    }
    expect(fewPeers, 'some comparisons have too few peers').toBeGreaterThan(0);
  }, 120_000);

  it('counts Marac attendance and lists the self-audit ratings of the audit year, moderated where moderated', async () => {
    for (const who of ['analyst', 'viewer'] as const) {
      for (const [from, to] of [
        [Q[0], Q[2]],
        [Q[3], Q[3]],
      ]) {
        const view = viewOf(who, {}, from, to);
        const answer = await app.analytics.gaps(callers[who], range(from, to));
        const maracs = returnsIn(world, view, 'marac');
        const meetings = shown(view, cellTotal(view, maracs, 'meetings_held'));
        for (const a of answer.attendance)
          expect([a.attended, a.meetings], `${who} ${a.agency}`).toEqual([
            shown(view, cellTotal(view, maracs, `attended_${a.agency}`)),
            meetings,
          ]);
        const ratings = world.ratings.filter((r) => r.year === auditYear(view) && visible(view, r.owner));
        expect(answer.heatmap.map((h) => `${h.agencyId} ${h.code} ${h.rating}`).sort()).toEqual(
          ratings.map((r) => `${r.owner.id} ${r.code} ${r.rating}`).sort(),
        );
      }
    }
  }, 120_000);
});

/** Every answer a caller gets for these ranges (the all-areas comparators left out: they sum every area on purpose). */
async function everything(caller: Caller, ranges: [number, number][], peersOf: string[] = []) {
  const answers: Record<string, unknown> = {};
  for (const [from, to] of ranges) {
    const r = range(from, to);
    const at = `${r.from}–${r.to}`;
    answers[`indicators ${at}`] = await app.analytics.indicators(caller, r);
    answers[`trends ${at}`] = await app.analytics.trends(caller, { ...r, indicators: FROM_QUARTERLY.join(',') });
    answers[`districts ${at}`] = [
      ...(await app.analytics.districts(caller, { ...r, indicators: FROM_QUARTERLY.join(',') })),
    ];
    for (const indicator of [
      'marac_repeat_rate',
      'marac_victims_16_17',
      'routine_enquiry_rate',
      'safeguarding_referral_rate',
    ])
      answers[`comparison ${indicator} ${at}`] = await app.analytics.comparison(caller, {
        level: 'lad',
        indicator,
        ...r,
      });
    // Links and nodes come in no set order: sorted, so only what they say is compared.
    const pathways = await app.analytics.pathways(caller, r);
    answers[`pathways ${at}`] = {
      ...pathways,
      nodes: [...pathways.nodes].sort((a, b) => a.id.localeCompare(b.id)),
      links: [...pathways.links].sort((a, b) =>
        `${a.basis}|${a.source}|${a.target}`.localeCompare(`${b.basis}|${b.source}|${b.target}`),
      ),
    };
    answers[`gaps ${at}`] = await app.analytics.gaps(caller, r);
    for (const [source, groupBy] of [
      ['marac', 'period'],
      ['marac', 'lad'],
      ['agency', 'period'],
      ['agency', 'sector'],
    ])
      answers[`explorer ${source} ${groupBy} ${at}`] = await app.analytics.explorer(caller, { source, groupBy, ...r });
    for (const agency of peersOf)
      answers[`peers ${agency} ${at}`] = await app.analytics.peers(caller, { agency, ...r });
  }
  return JSON.parse(JSON.stringify(answers)) as Record<string, unknown>;
}

/** Every range of the fixture's quarters. */
const RANGES: [number, number][] = Q.flatMap((from) =>
  Q.filter((to) => to >= from).map((to): [number, number] => [from, to]),
);

/** Stored returns restated with other figures, all at once (as new versions, in one transaction). */
function restate(returns: QuarterlyReturn[], change: (r: QuarterlyReturn) => Record<string, number>) {
  return storeReturns(
    app,
    world,
    returns.map((r) => ({
      type: r.owner.kind === 'marac' ? MARAC_QUARTER : AGENCY_QUARTER,
      owner: r.owner,
      quarter: r.quarter,
      rows: [change(r)],
    })),
  );
}

/** A resubmission of one stored return with some figures changed, sent by the administrator through the returns service. */
async function resubmit(
  owner: Owner,
  quarter: number,
  change: (values: Record<string, number>) => Record<string, number>,
) {
  const stored = world.returns.find((r) => r.owner === owner && r.quarter === quarter)!;
  const values = change({ ...stored.values });
  await sendReturn(app, callers.admin, owner.kind === 'marac' ? 'marac-quarter' : 'agency-quarter', {
    period: label(quarter),
    ...(owner.kind === 'marac' ? { maracId: owner.id } : { agencyId: owner.id }),
    values,
  });
  stored.values = values;
}

describe('area scoping', () => {
  it('never gives a district’s viewer another area’s figures: changing every other area’s returns changes nothing they are shown, and other areas are not found', async () => {
    // The whole range, and the quarter whose returns change (ranges without it cannot move).
    const ranges: [number, number][] = [
      [Q[0], Q[3]],
      [Q[1], Q[1]],
    ];
    const before = await everything(callers.viewer, ranges);
    const analystBefore = await everything(callers.analyst, [[Q[0], Q[3]]]);
    // Every Marac and agency return of the quarter outside Hartlepool gets other figures.
    await restate(
      world.returns.filter((x) => x.owner.path.lad !== HARTLEPOOL && x.quarter === Q[1]),
      ({ owner, values: v }) =>
        owner.kind === 'marac'
          ? {
              ...v,
              repeat_cases: Math.max(0, v.repeat_cases - 1),
              children_in_households: v.children_in_households + 7,
            }
          : { ...v, caseload: v.caseload + 9, child_safeguarding_referrals: v.child_safeguarding_referrals + 3 },
    );
    expect(await everything(callers.analyst, [[Q[0], Q[3]]]), 'the change is seen where it may be').not.toEqual(
      analystBefore,
    );
    expect(await everything(callers.viewer, ranges)).toEqual(before);

    // Asked about another area, or an area above their own, every answer is "not found".
    const partnership = world.parents.get(HARTLEPOOL)!;
    for (const area of [MIDDLESBROUGH, STOCKTON, REDCAR, CITY_OF_LONDON, partnership, CLEVELAND]) {
      const q = { area, ...range(Q[0], Q[3]) };
      const asked = {
        indicators: () => app.analytics.indicators(callers.viewer, q),
        trends: () => app.analytics.trends(callers.viewer, q),
        comparison: () => app.analytics.comparison(callers.viewer, q),
        districts: () => app.analytics.districts(callers.viewer, { ...q, indicators: 'marac_repeat_rate' }),
        pathways: () => app.analytics.pathways(callers.viewer, q),
        gaps: () => app.analytics.gaps(callers.viewer, q),
        explorer: () => app.analytics.explorer(callers.viewer, q),
      };
      for (const [name, ask] of Object.entries(asked)) expect(await statusOf(ask), `${name} ${area}`).toBe(404);
    }
    for (const agency of world.owners.filter((o) => o.kind === 'agency' && o.path.lad !== HARTLEPOOL))
      expect(await statusOf(() => app.analytics.peers(callers.viewer, { agency: agency.id })), agency.name).toBe(404);
  }, 120_000);

  it('gives an agency submitter only their own agency’s figures and no Marac’s', async () => {
    const own = callers.submitter.agencyId!;
    const before = await everything(callers.submitter, [[Q[0], Q[3]]], [own]);
    const analystBefore = await everything(callers.analyst, [[Q[0], Q[3]]]);
    // Every other return from the submitter's own district changes: its Marac's and the other agencies'.
    const neighbours = world.owners.filter((o) => o.path.lad === HARTLEPOOL && o.id !== own);
    await restate(
      world.returns.filter((r) => neighbours.includes(r.owner) && r.quarter === Q[2]),
      ({ owner, values: v }) =>
        owner.kind === 'marac'
          ? { ...v, children_in_households: v.children_in_households + 11 }
          : { ...v, caseload: v.caseload + 13 },
    );
    expect(await everything(callers.analyst, [[Q[0], Q[3]]])).not.toEqual(analystBefore);
    // Its peers are the sector's other agencies, none of them in Hartlepool: nothing it is shown moves.
    expect(await everything(callers.submitter, [[Q[0], Q[3]]], [own])).toEqual(before);
    for (const owner of neighbours.filter((o) => o.kind === 'agency'))
      expect(await statusOf(() => app.analytics.peers(callers.submitter, { agency: owner.id })), owner.name).toBe(404);
  }, 120_000);
});

describe('disclosure control', () => {
  it('answers a viewer and a Marac coordinator the same whichever of 1 to 4 a hidden count is, or wherever in its rounding band a shown one is, in every range around it', async () => {
    const marac = world.owners.find((o) => o.kind === 'marac' && o.path.lad === HARTLEPOOL)!;
    const small = (r: QuarterlyReturn, field: string) => r.values[field] >= 1 && r.values[field] <= 4;
    const hiddenMarac = world.returns.find((r) => r.owner === marac && small(r, 'victims_16_17'))!;
    expect(hiddenMarac, 'the fixture has a small Marac count in Hartlepool').toBeDefined();
    const q = hiddenMarac.quarter;
    const hiddenAgency = world.returns.find(
      (r) =>
        r.owner.path.lad === HARTLEPOOL &&
        r.owner.kind === 'agency' &&
        r.quarter === q &&
        small(r, 'child_safeguarding_referrals'),
    )!;
    expect(hiddenAgency, 'the fixture has a small agency count in Hartlepool that quarter').toBeDefined();
    const peersOf = [hiddenAgency.owner.id];
    // The quarter alone, the ranges a quarter either side would be subtracted from, and the whole range
    // (a range without the quarter cannot move); the coordinator (of the same district) the first and last.
    const changed: [number, number][] = [[q, q]];
    const holding = RANGES.filter(([from, to]) => from <= q && q <= to && to - from <= 1).concat([[Q[0], Q[3]]]);
    const maracRanges: [number, number][] = [[Q[0], Q[3]], ...changed];
    const before = {
      viewer: await everything(callers.viewer, holding, peersOf),
      marac: await everything(callers.marac, maracRanges),
    };
    const analystBefore = await everything(callers.analyst, changed);
    const other = (n: number) => (n % 4) + 1; // another of 1 to 4
    const withinBand = (n: number) => (Math.round((n + 1) / 5) === Math.round(n / 5) ? n + 1 : n - 1);
    await resubmit(hiddenMarac.owner, hiddenMarac.quarter, (v) => ({
      ...v,
      victims_16_17: other(v.victims_16_17),
      children_in_households: withinBand(v.children_in_households),
    }));
    await resubmit(hiddenAgency.owner, hiddenAgency.quarter, (v) => ({
      ...v,
      child_safeguarding_referrals: other(v.child_safeguarding_referrals),
    }));
    expect(await everything(callers.analyst, changed), 'an analyst sees the change').not.toEqual(analystBefore);
    expect(await everything(callers.viewer, holding, peersOf)).toEqual(before.viewer);
    expect(await everything(callers.marac, maracRanges)).toEqual(before.marac);
  }, 180_000);

  it('still gives every figure as published after the corrections', async () => {
    // The corrections above are in the fixture too: the published totals follow them exactly.
    for (const who of ['viewer', 'marac', 'analyst'] as const) {
      const view = viewOf(who, {}, Q[0], Q[3]);
      const answer = await app.analytics.indicators(callers[who], range(Q[0], Q[3]));
      const expected = expectedIndicators(world, view);
      for (const got of answer.indicators) expectIndicator(got, expected.get(got.id)!, view, `${who} after`);
      if (view.published)
        for (const got of answer.indicators.filter(
          (i) => !['marac_cases_per_10k', 'standards_compliance', 'return_completeness'].includes(i.id),
        ))
          for (const n of [got.numerator, got.denominator].filter((x) => x !== null))
            expect(n % 5, `${who} ${got.id} shows only multiples of 5`).toBe(0);
    }
  }, 120_000);
});
