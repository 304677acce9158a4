import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  addSums,
  computeIndicators,
  coveredWomenYears,
  EVERYONE,
  factSums,
  otherFigures,
  othersByQuarter,
  peerSums,
  publishedCell,
  scopedQuery,
  sqlFile,
  SUM_BASED,
  sumsOf,
  type DueInQuarter,
  type OtherFigures,
  type QuarterRange,
  type QueryFilter,
  type QueryScope,
  type Sums,
  type Warehouse,
} from '@waymark/analytics';
import {
  AGENCY_QUARTER,
  benchmarkFor,
  COMPARISON_LABELS,
  EXPECTED_CORE_ATTENDANCE,
  compareWithBenchmark,
  complianceBy,
  CORE_MARAC_AGENCIES,
  financialYearOf,
  funnelCurve,
  indicatorById,
  INDICATORS,
  isServiceGap,
  MARAC_QUARTER,
  MARAC_REFERRAL_SOURCES,
  checkQuarter,
  FIRST_YEAR,
  quarterFromIndex,
  quarterIndex,
  type StandardRating,
  quarterLabel,
  lastFinishedQuarter,
  SECTORS,
  seesExactFigures,
  ukDate,
  wilsonInterval,
  type ReturnCount,
  type IndicatorDef,
} from '@waymark/domain';
import type {
  ComparisonAnswer,
  ExplorerAnswer,
  GapsAnswer,
  IndicatorsAnswer,
  PathwaysAnswer,
  PeersAnswer,
  TrendPoint,
  TrendsAnswer,
} from '@waymark/domain';
import { isUuid } from '../common/ids.js';
import { unprocessable } from '../scope/submitting-owner.js';
import { APP_CONFIG, WAREHOUSE } from '../common/tokens.js';
import type { AppConfig } from '../config.js';
import type { Caller } from '../scope/area-scope.js';
import { AnswerCache } from './answer-cache.js';
import { describeCoverage } from './coverage.js';
import { DisclosureControl } from './disclosure.js';

export interface Range {
  area: string | null;
  sector: string | null;
  from: string;
  to: string;
}

const LEVELS = ['lad', 'csp', 'pfa'] as const;
type Level = (typeof LEVELS)[number];

/** For indicators computed from quarterly sums alone: no population, case-level or audit figures. */
const SUMS_ONLY: OtherFigures = {
  coveredWomenYears: null,
  repeatPeople: 0,
  casePeople: 0,
  standardsMet: 0,
  standardsApplicable: 0,
  maracReturns: null,
  agencyReturns: null,
};
/** The agency practice rates an agency is compared with its peers on. */
const PEER_INDICATORS = INDICATORS.filter((d) => d.source === 'agency' && d.unit === 'percent');
/** Fewer peers than this and their summed figures would come close to one other agency's own. */
export const MIN_PEERS = 2;
/** An indicator's description, with its benchmarks as they apply to the range. */
function describe(def: IndicatorDef, range: QuarterRange) {
  return {
    id: def.id,
    title: def.title,
    definition: def.definition,
    unit: def.unit,
    polarity: def.polarity,
    benchmark: benchmarkFor(def.benchmark, range.from, range.to),
    reference: benchmarkFor(def.reference, range.from, range.to),
    section: def.section,
    source: def.source,
  };
}

const NO_RETURNS_LABEL = 'No returns for this period';

@Injectable()
export class AnalyticsService {
  private readonly answers: AnswerCache;

  constructor(
    @Inject(WAREHOUSE) private readonly warehouse: Warehouse,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.answers = new AnswerCache(warehouse);
  }

  /** One view's answer for this caller and these filters, from the cache while the warehouse is unchanged. */
  private cached<T>(
    caller: Caller,
    view: string,
    query: Record<string, string | undefined>,
    compute: () => Promise<T>,
  ): Promise<T> {
    const scope = caller.scope.everything ? '*' : [...(caller.scope.areaCodes ?? [])].sort().join(',');
    const filters = Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    const key = JSON.stringify([
      view,
      seesExactFigures(caller.role),
      scope,
      caller.scope.onlyAgencyId,
      ukDate(),
      filters,
    ]);
    return this.answers.get(key, compute);
  }

  /** The caller's scope and filter, checked: an area outside the scope is 404, a bad quarter 422. */
  private filter(
    caller: Caller,
    query: { area?: string; from?: string; to?: string; sector?: string },
  ): { scope: QueryScope; filter: QueryFilter; range: Range; control: DisclosureControl } {
    const area = query.area || null;
    const sector = query.sector || null;
    if (sector && !SECTORS.some((s) => s.code === sector))
      throw new UnprocessableEntityException(`sector must be one of ${SECTORS.map((s) => s.code).join(', ')}`);
    if (area && !caller.scope.includesArea(area))
      throw new NotFoundException(`No area ${area.slice(0, 12)} that you can see`);
    const today = ukDate();
    const lastComplete = quarterIndex(lastFinishedQuarter(today));
    const parse = (name: 'from' | 'to', fallback: number) => {
      if (!query[name]) return fallback;
      const checked = checkQuarter(query[name], today);
      if ('problem' in checked)
        throw unprocessable(`${name} is not a quarter Waymark can show`, [
          { row: null, column: name, rule: 'period', message: checked.problem },
        ]);
      return quarterIndex(checked.quarter);
    };
    const to = parse('to', lastComplete);
    const from = parse('from', Math.max(to - 3, quarterIndex({ startYear: FIRST_YEAR, quarter: 1 })));
    if (from > to) throw new UnprocessableEntityException('from must not be after to');
    if (to - from > 80) throw new UnprocessableEntityException('Choose a range of at most 20 years');
    const control = new DisclosureControl(!seesExactFigures(caller.role), this.config.disclosure);
    return {
      scope: {
        everything: caller.scope.everything,
        areaCodes: caller.scope.areaCodes ?? [],
        agencyId: caller.scope.onlyAgencyId,
      },
      filter: { area, from, to, sector },
      range: { area, sector, from: quarterLabel(quarterFromIndex(from)), to: quarterLabel(quarterFromIndex(to)) },
      control,
    };
  }

  /** Indicators worked out from the figures this caller may see, each described and marked when withheld. */
  private published(
    control: DisclosureControl,
    m: Sums,
    a: Sums,
    o: OtherFigures,
    range: QuarterRange,
    only?: (d: IndicatorDef) => boolean,
  ) {
    return computeIndicators(control.sums(m), control.sums(a), control.other(o), range, only).map((r) => {
      const shown = control.indicator(r);
      return {
        ...describe(indicatorById(r.id)!, range),
        ...shown,
        comparisonLabel: shown.status === 'no_returns' ? NO_RETURNS_LABEL : COMPARISON_LABELS[shown.comparison],
      };
    });
  }

  /** Every indicator for an area and range of quarters, with intervals, benchmarks and comparisons. */
  indicators(
    caller: Caller,
    query: { area?: string; from?: string; to?: string; compare?: string },
    options = { cache: true },
  ): Promise<IndicatorsAnswer> {
    // A data pack asks for hundreds of answers once each: kept out of the cache, they would push out the dashboard's.
    return options.cache
      ? this.cached(caller, 'indicators', query, () => this.indicatorsAnswer(caller, query))
      : this.indicatorsAnswer(caller, query);
  }

  private async indicatorsAnswer(
    caller: Caller,
    query: { area?: string; from?: string; to?: string; compare?: string },
  ) {
    const { scope, filter, range, control } = this.filter(caller, query);
    const [sums, { districts, ...other }, national] = await Promise.all([
      factSums(this.warehouse, scope, filter, 'all', control.cells),
      otherFigures(this.warehouse, scope, filter, control.cells),
      query.compare === 'national' ? this.nationalFigures(caller, filter, control) : Promise.resolve(null),
    ]);
    const quarters = filter.to - filter.from + 1;
    const indicators = this.published(
      control,
      sums.marac.get('all') ?? {},
      sums.agency.get('all') ?? {},
      other,
      filter,
    ).map((r) =>
      national?.figures
        ? { ...r, national: national.figures.get(r.id) ?? null }
        : national
          ? { ...r, national: null }
          : r,
    );
    const returns = { marac: other.maracReturns, agency: other.agencyReturns };
    return {
      ...range,
      quarters,
      coverage: describeCoverage(districts),
      returns,
      ...(national ? { nationalNote: national.note } : {}),
      disclosure: control.report(),
      indicators,
    };
  }

  /**
   * The same shares over every area reporting to Waymark, where no published national figure exists
   * (diversity, complex needs): a comparator for a partnership, never a breakdown of other areas. For
   * published figures a share is withheld when, in some quarter, fewer than MIN_PEERS agencies (or
   * Maracs) outside the reader's areas reported: all areas less the reader's own would be one other's.
   */
  private async nationalFigures(
    caller: Caller,
    filter: QueryFilter,
    control: DisclosureControl,
  ): Promise<{ figures: Map<string, number | null> | null; note: string | null }> {
    // A view of every area compared with every area would be compared with itself.
    if (caller.scope.everything && !filter.area)
      return {
        figures: null,
        note: 'This view already covers every area reporting to Waymark, so there are no other areas to compare it with; shares are compared with the published national figures instead.',
      };
    const [sums, others] = await Promise.all([
      factSums(this.warehouse, EVERYONE, { ...filter, area: null }, 'all', control.cells),
      control.applied ? othersByQuarter(this.warehouse, caller.scope.areaCodes ?? [], filter) : null,
    ]);
    const enough = (d: IndicatorDef) =>
      !others || (d.source === 'marac' ? others.maracs : others.agencies) >= MIN_PEERS;
    const results = computeIndicators(
      control.sums(sums.marac.get('all') ?? {}),
      control.sums(sums.agency.get('all') ?? {}),
      SUMS_ONLY,
      filter,
      (d) => d.unit === 'percent' && SUM_BASED(d),
    );
    return { figures: new Map(results.map((r) => [r.id, enough(indicatorById(r.id)!) ? r.value : null])), note: null };
  }

  /**
   * One agency's practice rates beside the summed rates of the other agencies in its sector. Peers'
   * figures are withheld when there are too few of them or their counts are small; the agency's own
   * figures are exact for its own staff.
   */
  peers(caller: Caller, query: { agency?: string; from?: string; to?: string }): Promise<PeersAnswer> {
    return this.cached(caller, 'peers', query, () => this.peersAnswer(caller, query));
  }

  private async peersAnswer(caller: Caller, query: { agency?: string; from?: string; to?: string }) {
    const agencyId = query.agency || caller.scope.onlyAgencyId;
    if (!agencyId || !isUuid(agencyId)) throw new UnprocessableEntityException('Choose an agency (agency=<id>)');
    const { scope, filter, range, control } = this.filter(caller, { from: query.from, to: query.to });
    const [agency] = await scopedQuery(this.warehouse, sqlFile('agency_in_view'), scope, filter, { agency: agencyId });
    if (!agency) throw new NotFoundException('No agency with that id that you can see');
    const sums = await peerSums(this.warehouse, agencyId, String(agency.sector), filter, control.cells);
    const only = (d: IndicatorDef) => PEER_INDICATORS.includes(d);
    // An agency's own staff sent its figures and read them exact; everyone else's are published.
    const ownStaff = caller.scope.onlyAgencyId === agencyId;
    const ownSums =
      ownStaff && control.applied
        ? (await peerSums(this.warehouse, agencyId, String(agency.sector), filter)).own
        : sums.own;
    const own = computeIndicators({}, ownStaff ? ownSums : control.sums(ownSums), SUMS_ONLY, filter, only);
    const peers = computeIndicators({}, control.sums(sums.peers), SUMS_ONLY, filter, only);
    // Enough peers in every quarter, or one range less another would give a lone agency's figures.
    const enoughPeers = sums.fewestPeers >= MIN_PEERS;
    const rows = own.map((o, i) => {
      const def = indicatorById(o.id)!;
      const mine = ownStaff ? { ...o, suppressed: false } : control.indicator(o);
      const theirs = control.indicator(peers[i], !enoughPeers);
      const comparison =
        mine.lower === null || theirs.value === null
          ? 'not_compared'
          : compareWithBenchmark({ lower: mine.lower, upper: mine.upper! }, theirs.value, def.polarity);
      return {
        ...describe(def, filter),
        own: mine,
        peers: theirs,
        comparison,
        comparisonLabel: COMPARISON_LABELS[comparison].replace('the benchmark', 'peers'),
      };
    });
    return {
      ...range,
      agency: {
        id: agencyId,
        name: String(agency.name),
        sector: String(agency.sector),
        sectorLabel: SECTORS.find((s) => s.code === agency.sector)?.label ?? String(agency.sector),
      },
      peerAgencies: sums.peerAgencies,
      peersWithheld: enoughPeers
        ? null
        : `In at least one of these quarters fewer than ${MIN_PEERS} other agencies in this sector sent returns, so their figures are not shown.`,
      disclosure: control.report(),
      indicators: rows,
    };
  }

  /** The quarterly series of the chosen indicators (those computed from quarterly returns). */
  trends(
    caller: Caller,
    query: { area?: string; from?: string; to?: string; indicators?: string },
  ): Promise<TrendsAnswer> {
    return this.cached(caller, 'trends', query, () => this.trendsAnswer(caller, query));
  }

  private async trendsAnswer(
    caller: Caller,
    query: { area?: string; from?: string; to?: string; indicators?: string },
  ) {
    const { scope, filter, range, control } = this.filter(caller, query);
    const wanted = (query.indicators ?? 'marac_repeat_rate').split(',').filter(Boolean);
    for (const id of wanted)
      if (!INDICATORS.some((d) => d.id === id && SUM_BASED(d)))
        throw new UnprocessableEntityException(`${id.slice(0, 40)} cannot be shown by quarter`);
    const [sums, other] = await Promise.all([
      factSums(this.warehouse, scope, filter, 'period', control.cells),
      otherFigures(this.warehouse, scope, filter, control.cells),
    ]);
    // Each quarter's returns received and due are its own.
    const perQuarter = (index: number, kind: keyof DueInQuarter, sums: Sums): ReturnCount => ({
      received: Number(sums.returns ?? 0),
      due: other.dueByQuarter.get(index)?.[kind] ?? 0,
    });
    const periods: string[] = [];
    const series = new Map<string, TrendPoint[]>(wanted.map((id) => [id, []]));
    for (let index = filter.from; index <= filter.to; index++) {
      const label = quarterLabel(quarterFromIndex(index));
      periods.push(label);
      const m = sums.marac.get(String(index)) ?? {};
      const a = sums.agency.get(String(index)) ?? {};
      const quarter: OtherFigures = {
        ...SUMS_ONLY,
        coveredWomenYears: coveredWomenYears(other.districts, (q) => q === index),
        maracReturns: perQuarter(index, 'marac', m),
        agencyReturns: perQuarter(index, 'agency', a),
      };
      for (const r of this.published(control, m, a, quarter, { from: index, to: index }, (d) =>
        wanted.includes(d.id),
      )) {
        series.get(r.id)!.push({
          period: label,
          numerator: r.numerator,
          denominator: r.denominator,
          value: r.value,
          lower: r.lower,
          upper: r.upper,
          suppressed: r.suppressed,
          status: r.status,
          returns: r.returns,
        });
      }
    }
    return {
      ...range,
      periods,
      disclosure: control.report(),
      series: wanted.map((id) => ({ ...describe(indicatorById(id)!, filter), points: series.get(id)! })),
    };
  }

  /** Areas side by side for one indicator: a league table and the funnel limits around the overall value. */
  comparison(
    caller: Caller,
    query: { level?: string; indicator?: string; from?: string; to?: string; area?: string },
  ): Promise<ComparisonAnswer> {
    return this.cached(caller, 'comparison', query, () => this.comparisonAnswer(caller, query));
  }

  private async comparisonAnswer(
    caller: Caller,
    query: { level?: string; indicator?: string; from?: string; to?: string; area?: string },
  ) {
    const level = (query.level ?? 'lad') as Level;
    if (!LEVELS.includes(level)) throw new UnprocessableEntityException('level must be lad, csp or pfa');
    const def = indicatorById(query.indicator ?? 'marac_repeat_rate');
    if (!def || !SUM_BASED(def) || def.unit !== 'percent')
      throw new UnprocessableEntityException('Choose a percentage indicator computed from quarterly returns');
    const { scope, filter, range, control } = this.filter(caller, query);
    const sums = await factSums(this.warehouse, scope, filter, level, control.cells);
    const names = new Map(
      (await scopedQuery(this.warehouse, sqlFile('areas_in_view'), scope, filter)).map((r) => [
        String(r.code),
        String(r.name),
      ]),
    );
    const only = (d: IndicatorDef) => d.id === def.id;
    // Each area's figure, and the overall one, from the areas' sums as this caller may see them;
    // areas are listed when they have a denominator to compare.
    const published = (m: Sums, a: Sums) =>
      computeIndicators(control.sums(m), control.sums(a), SUMS_ONLY, filter, only)[0];
    const listed = [...new Set([...sums.marac.keys(), ...sums.agency.keys()])]
      .map((code) => ({ code, marac: sums.marac.get(code) ?? {}, agency: sums.agency.get(code) ?? {} }))
      .map((area) => ({ ...area, result: published(area.marac, area.agency) }))
      .filter((area) => (area.result.denominator ?? 0) > 0);
    const rows = listed.map(({ code, result }) => ({
      code,
      name: names.get(code) ?? code,
      shown: control.indicator(result),
    }));
    const total = published(addSums(listed.map((a) => a.marac)), addSums(listed.map((a) => a.agency)));
    const overall =
      total.value === null ? null : { value: total.value, ...wilsonInterval(total.numerator!, total.denominator!) };
    const benchmark = benchmarkFor(def.benchmark, filter.from, filter.to);
    const target = benchmark?.value ?? overall?.value ?? null;
    // Drawn a little beyond the smallest and largest area shown, so a lone area still sits inside a funnel.
    const ns = rows.map((r) => r.shown.denominator).filter((n): n is number => n !== null && n > 0);
    const funnel =
      target === null || ns.length === 0
        ? []
        : funnelCurve(target, Math.max(1, Math.floor(Math.min(...ns) / 2)), Math.ceil(Math.max(...ns) * 1.2)).map(
            (f) => ({
              n: f.n,
              lower95: f.limits95.lower,
              upper95: f.limits95.upper,
              lower998: f.limits998.lower,
              upper998: f.limits998.upper,
            }),
          );
    const areas = rows
      .map(({ code, name, shown }) => {
        const limits =
          target === null || !shown.denominator
            ? null
            : funnelCurve(target, shown.denominator, shown.denominator, 0)[0];
        const outside = (l: { lower: number; upper: number } | undefined) =>
          shown.value === null || !l
            ? null
            : shown.value < l.lower
              ? 'below'
              : shown.value > l.upper
                ? 'above'
                : 'within';
        return {
          code,
          name,
          numerator: shown.numerator,
          denominator: shown.denominator,
          value: shown.value,
          lower: shown.lower,
          upper: shown.upper,
          comparison: shown.comparison,
          suppressed: shown.suppressed,
          funnel95: outside(limits?.limits95),
          funnel998: outside(limits?.limits998),
        };
      })
      .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
    return {
      ...range,
      level,
      indicator: describe(def, filter),
      target,
      benchmark,
      overall,
      disclosure: control.report(),
      areas,
      funnel,
    };
  }

  /**
   * Chosen indicators for every district in view, side by side, from one grouped query rather than one
   * per district: each district's figures are those the indicators answer gives for it alone (its
   * own women-years for rates), keyed by district code. Districts with no returns are left out.
   */
  districts(caller: Caller, query: { area?: string; from?: string; to?: string; indicators: string }) {
    return this.cached(caller, 'districts', query, async () => {
      const { scope, filter, control } = this.filter(caller, query);
      const wanted = query.indicators.split(',');
      const [sums, other] = await Promise.all([
        factSums(this.warehouse, scope, filter, 'lad', control.cells),
        otherFigures(this.warehouse, scope, filter, control.cells),
      ]);
      const codes = [...new Set([...sums.marac.keys(), ...sums.agency.keys()])];
      return new Map(
        codes.map((code) => {
          const own: OtherFigures = {
            ...SUMS_ONLY,
            coveredWomenYears: coveredWomenYears(other.districts.filter((d) => d.code === code)),
          };
          return [
            code,
            this.published(control, sums.marac.get(code) ?? {}, sums.agency.get(code) ?? {}, own, filter, (d) =>
              wanted.includes(d.id),
            ),
          ] as const;
        }),
      );
    });
  }

  /** Referral pathways between sectors and into Marac, with how many engaged. */
  pathways(caller: Caller, query: { area?: string; from?: string; to?: string }): Promise<PathwaysAnswer> {
    return this.cached(caller, 'pathways', query, () => this.pathwaysAnswer(caller, query));
  }

  private async pathwaysAnswer(caller: Caller, query: { area?: string; from?: string; to?: string }) {
    const { scope, filter, range, control } = this.filter(caller, query);
    const sourceSums = MARAC_REFERRAL_SOURCES.map(
      (s) => `coalesce(sum(${publishedCell(`referrals_${s.code}`, control.cells)}), 0)::DOUBLE AS "${s.code}"`,
    ).join(', ');
    const rows = await scopedQuery(
      this.warehouse,
      sqlFile('pathways', { source_sums: sourceSums }, control.cells),
      scope,
      filter,
    );
    const sectorLabel = new Map<string, string>([
      ...SECTORS.map((s) => [s.code, s.label] as [string, string]),
      ['marac', 'Marac'],
      ['partner_sector', 'Partner-sector services'],
      ...MARAC_REFERRAL_SOURCES.map((s) => [`source:${s.code}`, `${s.label} (Marac referrer)`] as [string, string]),
    ]);
    const links = rows
      .map((r) => ({
        source: r.basis === 'Marac returns' ? `source:${String(r.source)}` : String(r.source),
        target: String(r.target),
        referrals: r.referrals === null ? 0 : Number(r.referrals),
        engaged: r.engaged === null ? null : Number(r.engaged),
        basis: String(r.basis),
      }))
      // Listed when its total (of published cells, for published figures) is above 0.
      .filter((l) => l.referrals > 0);
    const shown = links.map((l) => ({
      ...l,
      referrals: control.count(l.referrals),
      engaged: l.engaged === null ? null : control.count(l.engaged),
    }));
    const ids = [...new Set(shown.flatMap((l) => [l.source, l.target]))];
    return {
      ...range,
      disclosure: control.report(),
      nodes: ids.map((id) => ({ id, label: sectorLabel.get(id) ?? id })),
      links: shown,
    };
  }

  /** Gaps for a governance group: standards heatmap, core agencies missing from Marac, service gaps. */
  gaps(caller: Caller, query: { area?: string; from?: string; to?: string }): Promise<GapsAnswer> {
    return this.cached(caller, 'gaps', query, () => this.gapsAnswer(caller, query));
  }

  private async gapsAnswer(caller: Caller, query: { area?: string; from?: string; to?: string }): Promise<GapsAnswer> {
    const { scope, filter, range, control } = this.filter(caller, query);
    const heatmap = (await scopedQuery(this.warehouse, sqlFile('standards_heatmap'), scope, filter)).map((h) => ({
      agencyId: String(h.agency_id),
      agencyName: String(h.agency_name),
      sector: String(h.sector),
      code: String(h.code),
      statement: String(h.statement),
      themeId: String(h.theme_id),
      themeTitle: String(h.theme_title),
      rating: h.rating as StandardRating,
    }));
    const byStandard = complianceBy(heatmap, (h) => h.code);
    const sums = (await factSums(this.warehouse, scope, filter, 'all', control.cells)).marac.get('all') ?? {};
    const meetings = control.count(sums.meetings_held ?? 0);
    const attendance = CORE_MARAC_AGENCIES.map((a) => {
      const attended = control.count(sums[`attended_${a.code}`] ?? 0);
      return {
        agency: a.code,
        label: a.label,
        attended,
        meetings,
        share: attended !== null && meetings ? attended / meetings : null,
      };
    });
    // Which agencies are gaps is judged on the figures this caller sees, so the list reveals no more than they do.
    const serviceGaps = (await scopedQuery(this.warehouse, sqlFile('service_gaps', {}, control.cells), scope, filter))
      .filter((g) =>
        isServiceGap(
          control.shown(Number(g.disclosed)),
          control.shown(Number(g.referrals_engaged)),
          control.rule.threshold,
        ),
      )
      .map((g) => ({
        agencyName: String(g.agency_name),
        sector: String(g.sector),
        disclosed: control.count(Number(g.disclosed)),
        referralsMade: control.count(Number(g.referrals_made)),
        referralsEngaged: control.count(Number(g.referrals_engaged)),
      }));
    return {
      ...range,
      auditYear: financialYearOf(quarterFromIndex(filter.to)),
      disclosure: control.report(),
      heatmap: heatmap.map(({ statement: _statement, ...cell }) => cell),
      standardsNoAgencyMeets: [...byStandard.values()]
        .filter(({ compliance }) => compliance.applicable > 0 && compliance.met === 0)
        .map(({ first, compliance }) => ({
          code: first.code,
          statement: first.statement,
          themeTitle: first.themeTitle,
          met: compliance.met,
          applicable: compliance.applicable,
        })),
      missingAtMarac: meetings
        ? attendance.filter((a) => a.share !== null && a.share < EXPECTED_CORE_ATTENDANCE.share)
        : [],
      attendance,
      expectedAttendance: EXPECTED_CORE_ATTENDANCE,
      serviceGaps,
    };
  }

  /** Figures grouped as the person asks, from the agency or Marac returns; every column comes from the dictionary. */
  explorer(
    caller: Caller,
    query: { source?: string; groupBy?: string; area?: string; from?: string; to?: string },
  ): Promise<ExplorerAnswer> {
    return this.cached(caller, 'explorer', query, () => this.explorerAnswer(caller, query));
  }

  private async explorerAnswer(
    caller: Caller,
    query: { source?: string; groupBy?: string; area?: string; from?: string; to?: string },
  ) {
    const type =
      query.source === 'marac' ? MARAC_QUARTER : query.source === 'agency' || !query.source ? AGENCY_QUARTER : null;
    if (!type) throw new UnprocessableEntityException('source must be agency or marac');
    const groupBy = query.groupBy ?? 'period';
    const allowed = ['period', 'lad', 'csp', 'pfa', ...(type === AGENCY_QUARTER ? ['sector'] : [])];
    if (!allowed.includes(groupBy))
      throw new UnprocessableEntityException(`groupBy must be one of ${allowed.join(', ')}`);
    const { scope, filter, range, control } = this.filter(caller, query);
    const measures = type.fields.filter((f) => f.kind === 'count' || f.kind === 'share');
    const group = groupBy === 'period' ? 'period' : groupBy === 'sector' ? 'sector' : `${groupBy}_code`;
    const sql = sqlFile('fact_sums', {
      fact: type === MARAC_QUARTER ? 'scoped_marac' : 'scoped_agency',
      group,
      sums: sumsOf(
        measures.map((f) => f.key),
        control.cells,
      ),
    });
    const rows = await scopedQuery(this.warehouse, sql, scope, filter);
    const columns = [
      { key: 'group', label: groupBy === 'period' ? 'Quarter' : groupBy === 'sector' ? 'Sector' : 'Area' },
      { key: 'returns', label: 'Returns' },
      ...measures.map((f) => ({ key: f.key, label: f.label })),
    ];
    const table = control.table(
      rows.map((r) => ({
        group: String(r.grp),
        returns: Number(r.returns),
        ...Object.fromEntries(measures.map((f) => [f.key, Number(r[f.key])])),
      })),
      measures.map((f) => f.key),
    );
    return { ...range, source: type.id, groupBy, disclosure: control.report(), columns, rows: table };
  }
}
