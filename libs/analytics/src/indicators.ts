import {
  AGENCY_QUARTER,
  CORE_MARAC_AGENCIES,
  benchmarkFor,
  compareWithBenchmark,
  INDICATORS,
  MARAC_QUARTER,
  MARAC_REFERRAL_SOURCES,
  rateWithInterval,
  wilsonInterval,
  type Benchmark,
  type ReturnCount,
  type ReturnsStatus,
  type DisclosureRule,
  type Estimate,
  type IndicatorDef,
  type ReturnType,
} from '@waymark/domain';
import { EVERYONE, publishedCell, scopedQuery, sqlFile, sumsOf, type QueryFilter, type QueryScope } from './queries.js';
import type { Warehouse } from './warehouse.js';

/** Sums of a group's figures by field key; null where disclosure control withholds a figure. */
export type Sums = Record<string, number | null>;

/** The counts behind one indicator, and the figure, its 95% interval and how it compares. */
export interface IndicatorResult extends Estimate {
  id: string;
  status: ReturnsStatus;
  /** Returns of the indicator's kind received and due in the range (null when not counted). */
  returns: ReturnCount | null;
  /** The benchmark for this range (national figures from the period they describe). */
  benchmark: Benchmark | null;
  reference: Benchmark | null;
  /** Extra figures some indicators carry (for example the recommended number of Marac cases). */
  extra?: Record<string, number | null>;
}

/** The quarters an answer covers, by index (inclusive). */
export interface QuarterRange {
  from: number;
  to: number;
}

export const DUAL_ISSUE_SECTORS = [
  'domestic_abuse_service',
  'refuge',
  'idva_service',
  'drug_alcohol_service',
  'mental_health',
];

/** The agency figures the indicators use; summing only these keeps dashboard queries small. */
export const AGENCY_FIELDS_USED = new Set([
  'caseload',
  'asked',
  'disclosed',
  'disclosed_later',
  'referrals_made',
  'referrals_made_engaged',
  'referrals_received',
  'referrals_received_engaged',
  'child_safeguarding_referrals',
  'adult_safeguarding_referrals',
]);

function sumsSql(type: ReturnType, view: string, group: string, rule: DisclosureRule | null): string {
  const fields = type.fields.filter(
    (f) => (f.kind === 'count' || f.kind === 'share') && (type !== AGENCY_QUARTER || AGENCY_FIELDS_USED.has(f.key)),
  );
  const sums = [
    sumsOf(
      fields.map((f) => f.key),
      rule,
    ),
  ];
  if (type === AGENCY_QUARTER)
    sums.push(
      `coalesce(sum(${publishedCell('marac_referrals', rule)}) FILTER (WHERE sector IN (${DUAL_ISSUE_SECTORS.map((s) => `'${s}'`).join(', ')})), 0)::DOUBLE AS dual_issue_marac_referrals`,
    );
  return sqlFile('fact_sums', { fact: view, group, sums: sums.join(',\n       ') });
}

/**
 * Sums of every Marac and agency figure, overall (group "all") or by quarter or by area: exact, or,
 * given a disclosure rule, sums of each return's published figures.
 */
export async function factSums(
  warehouse: Warehouse,
  scope: QueryScope,
  filter: QueryFilter,
  by: 'all' | 'period' | 'lad' | 'csp' | 'pfa',
  rule: DisclosureRule | null = null,
): Promise<{ marac: Map<string, Sums>; agency: Map<string, Sums> }> {
  const group = by === 'all' ? "'all'" : by === 'period' ? 'CAST(period_index AS VARCHAR)' : `${by}_code`;
  const read = async (type: ReturnType, view: string) => {
    const rows = await scopedQuery(warehouse, sumsSql(type, view, group, rule), scope, filter);
    return new Map(
      rows
        .filter((r) => r.grp !== null)
        .map((r) => [String(r.grp), Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as Sums]),
    );
  };
  const [marac, agency] = await Promise.all([
    read(MARAC_QUARTER, 'scoped_marac'),
    read(AGENCY_QUARTER, 'scoped_agency'),
  ]);
  return { marac, agency };
}

/** Several groups' sums added field by field (before anything is withheld). */
export function addSums(groups: Sums[]): Sums {
  const total: Record<string, number> = {};
  for (const g of groups) for (const [key, value] of Object.entries(g)) total[key] = (total[key] ?? 0) + (value ?? 0);
  return total;
}

/** Peer group of one agency: its own sums and the summed figures of every other agency in its sector. */
export interface PeerSums {
  own: Sums;
  peers: Sums;
  peerAgencies: number;
  /** The fewest peers that sent a return in any one quarter of the range. */
  fewestPeers: number;
}

/** An agency's figures beside its peers' (same sector, every area); the caller decides what may be shown. */
export async function peerSums(
  warehouse: Warehouse,
  agencyId: string,
  sector: string,
  filter: QueryFilter,
  rule: DisclosureRule | null = null,
): Promise<PeerSums> {
  const fields = AGENCY_QUARTER.fields.filter((f) => AGENCY_FIELDS_USED.has(f.key));
  const rows = await scopedQuery(
    warehouse,
    sqlFile('peer_sums', {
      sums: sumsOf(
        fields.map((f) => f.key),
        rule,
      ),
    }),
    EVERYONE,
    { ...filter, area: null },
    { agency: agencyId, sector },
  );
  const sums = (self: boolean) => {
    const row = rows.find((r) => Boolean(r.is_self) === self);
    return row ? (Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Sums) : {};
  };
  const peers = sums(false);
  return { own: sums(true), peers, peerAgencies: peers.agencies ?? 0, fewestPeers: Number(rows[0]?.fewest_peers ?? 0) };
}

/**
 * The fewest agencies and Maracs outside these areas that sent a return in any one quarter of the
 * range (a comparator over every area is only shown when both leave at least two others).
 */
export async function othersByQuarter(
  warehouse: Warehouse,
  ownAreas: string[],
  filter: QueryFilter,
): Promise<{ agencies: number; maracs: number }> {
  const [row] = await scopedQuery(
    warehouse,
    sqlFile('others_by_quarter'),
    EVERYONE,
    { ...filter, area: null },
    { own_areas: ownAreas },
  );
  return { agencies: Number(row?.fewest_agencies ?? 0), maracs: Number(row?.fewest_maracs ?? 0) };
}

/** A district in view, and the quarters in which a Marac covering it sent a return. */
export interface CoveredDistrict {
  code: string;
  name: string;
  females16plus: number | null;
  quarters: number[];
}

export interface OtherFigures {
  /**
   * Women aged 16+ in the districts covered by Maracs that returned, counted for the quarters they
   * returned in, as years of population (a district covered for two quarters counts half its women).
   * Null when no Marac returned or a covered district has no population figure.
   */
  coveredWomenYears: number | null;
  /** Case-level people (null when withheld by disclosure control). */
  repeatPeople: number | null;
  casePeople: number | null;
  standardsMet: number;
  standardsApplicable: number;
  /** Null where the caller judges returns by the sums alone (comparisons and peers). */
  maracReturns: ReturnCount | null;
  agencyReturns: ReturnCount | null;
}

/** The districts in view and the quarters each was covered by a Marac return. */
export async function maracCoverage(
  warehouse: Warehouse,
  scope: QueryScope,
  filter: QueryFilter,
): Promise<CoveredDistrict[]> {
  const byCode = new Map<string, CoveredDistrict>();
  for (const r of await scopedQuery(warehouse, sqlFile('marac_coverage'), scope, filter)) {
    const code = String(r.code);
    const district = byCode.get(code) ?? {
      code,
      name: String(r.name),
      females16plus: r.females_16plus === null ? null : Number(r.females_16plus),
      quarters: [],
    };
    if (r.period_index !== null) district.quarters.push(Number(r.period_index));
    byCode.set(code, district);
  }
  return [...byCode.values()];
}

/** Women-years covered in the given quarters (null when none, or when a covered district has no figure). */
export function coveredWomenYears(
  districts: CoveredDistrict[],
  inQuarter: (q: number) => boolean = () => true,
): number | null {
  let quarters = 0;
  let womenQuarters = 0;
  for (const d of districts) {
    const covered = d.quarters.filter(inQuarter).length;
    if (covered === 0) continue;
    if (d.females16plus === null) return null;
    quarters += covered;
    womenQuarters += d.females16plus * covered;
  }
  return quarters === 0 ? null : womenQuarters / 4;
}

/** Quarterly returns due in one quarter, by kind. */
export interface DueInQuarter {
  marac: number;
  agency: number;
}

/** Case-level people (of published cells, given a rule), standards, returns (in all and due by quarter) and the Marac coverage. */
export async function otherFigures(
  warehouse: Warehouse,
  scope: QueryScope,
  filter: QueryFilter,
  rule: DisclosureRule | null = null,
): Promise<OtherFigures & { districts: CoveredDistrict[]; dueByQuarter: Map<number, DueInQuarter> }> {
  // Independent queries: the warehouse runs them on its reader connections side by side.
  const [districts, [[repeat], [standards], quarters]] = await Promise.all([
    maracCoverage(warehouse, scope, filter),
    Promise.all(
      ['case_repeat', 'standards_compliance', 'return_completeness'].map((name) =>
        scopedQuery(warehouse, sqlFile(name, {}, rule), scope, filter),
      ),
    ),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  const returns = Object.fromEntries(
    ['marac_expected', 'marac_received', 'agency_expected', 'agency_received'].map((k) => [
      k,
      quarters.reduce((sum, q) => sum + n(q[k]), 0),
    ]),
  );
  return {
    coveredWomenYears: coveredWomenYears(districts),
    districts,
    dueByQuarter: new Map(
      quarters.map((q) => [n(q.period_index), { marac: n(q.marac_expected), agency: n(q.agency_expected) }]),
    ),
    repeatPeople: n(repeat.repeat_people),
    casePeople: n(repeat.people),
    standardsMet: n(standards.met),
    standardsApplicable: n(standards.applicable),
    maracReturns: { received: n(returns.marac_received), due: n(returns.marac_expected) },
    agencyReturns: { received: n(returns.agency_received), due: n(returns.agency_expected) },
  };
}

/** A figure from the sums: a number, or null when disclosure control withholds it. */
type Figure = number | null;

/** Absent figures (no rows) count as 0; a withheld one makes the whole sum withheld. */
function total(...figures: (Figure | undefined)[]): Figure {
  let sum = 0;
  for (const f of figures) {
    if (f === null) return null;
    sum += f ?? 0;
  }
  return sum;
}

const difference = (a: Figure, b: Figure): Figure => (a === null || b === null ? null : a - b);
const times = (a: Figure, k: number): Figure => (a === null ? null : a * k);

/** Numerator and denominator of every share indicator, from the sums. */
function shareParts(m: Sums, a: Sums, o: OtherFigures): Record<string, [Figure, Figure]> {
  const cases = total(m.cases_discussed);
  const parts: Record<string, [Figure, Figure]> = {
    marac_repeat_rate: [total(m.repeat_cases), cases],
    marac_partner_referral_share: [difference(cases, total(m.referrals_police)), cases],
    marac_victims_minoritised: [total(m.victims_minoritised), cases],
    marac_victims_lgbt: [total(m.victims_lgbt), cases],
    marac_victims_disabled: [total(m.victims_disabled), cases],
    marac_victims_male: [total(m.victims_male), cases],
    marac_victims_16_17: [total(m.victims_16_17), cases],
    marac_core_attendance: [
      total(...CORE_MARAC_AGENCIES.map((c) => m[`attended_${c.code}`])),
      times(total(m.meetings_held), CORE_MARAC_AGENCIES.length),
    ],
    marac_specialist_spoc: [total(m.spoc_substance_misuse, m.spoc_mental_health), total(m.spoc_assigned)],
    marac_victim_substance_use: [total(m.victim_substance_use), cases],
    marac_perpetrator_substance_use: [total(m.perpetrator_substance_use), cases],
    marac_victim_mental_health: [total(m.victim_mental_health), cases],
    marac_perpetrator_mental_health: [total(m.perpetrator_mental_health), cases],
    routine_enquiry_rate: [total(a.asked), total(a.caseload)],
    disclosure_rate: [total(a.disclosed), total(a.asked)],
    later_disclosure_share: [total(a.disclosed_later), total(a.disclosed)],
    referral_conversion_made: [total(a.referrals_made_engaged), total(a.referrals_made)],
    referral_conversion_received: [total(a.referrals_received_engaged), total(a.referrals_received)],
    safeguarding_referral_rate: [
      total(a.child_safeguarding_referrals, a.adult_safeguarding_referrals),
      total(a.caseload),
    ],
    case_repeat_rate: [o.repeatPeople, o.casePeople],
    standards_compliance: [o.standardsMet, o.standardsApplicable],
    return_completeness: [
      (o.maracReturns?.received ?? 0) + (o.agencyReturns?.received ?? 0),
      (o.maracReturns?.due ?? 0) + (o.agencyReturns?.due ?? 0),
    ],
  };
  for (const s of MARAC_REFERRAL_SOURCES) parts[`marac_source_${s.code}`] = [total(m[`referrals_${s.code}`]), cases];
  return parts;
}

const WITHHELD = { value: null, lower: null, upper: null, comparison: 'not_compared' } as const;

/** Whether the returns behind an indicator arrived; without counts, any figures at all mean returned. */
function returnsFor(
  def: IndicatorDef,
  m: Sums,
  a: Sums,
  o: OtherFigures,
): { status: ReturnsStatus; returns: ReturnCount | null } {
  const judged = (count: ReturnCount | null, sums: Sums) => {
    if (!count) return { status: Object.keys(sums).length ? 'complete' : 'no_returns', returns: null } as const;
    return {
      status: count.received === 0 ? 'no_returns' : count.received < count.due ? 'partial' : 'complete',
      returns: count,
    } as const;
  };
  if (def.source === 'marac') return judged(o.maracReturns, m);
  if (def.source === 'agency') return judged(o.agencyReturns, a);
  if (def.source === 'case') return { status: o.casePeople === 0 ? 'no_returns' : 'complete', returns: null };
  if (def.source === 'audit') return { status: o.standardsApplicable === 0 ? 'no_returns' : 'complete', returns: null };
  const all =
    o.maracReturns && o.agencyReturns
      ? { received: o.maracReturns.received + o.agencyReturns.received, due: o.maracReturns.due + o.agencyReturns.due }
      : null;
  return { status: all && all.due === 0 ? 'no_returns' : 'complete', returns: all };
}

const NO_LEVEL = { recommendedCases: null, shortfall: null, surplus: null };

/** Marac cases a year per 10,000 women covered, with how far the area is from the recommended level. */
function casesPer10k(
  def: IndicatorDef,
  m: Sums,
  o: OtherFigures,
  benchmark: number,
): Omit<IndicatorResult, 'id' | 'status' | 'returns' | 'benchmark' | 'reference'> {
  const cases = total(m.cases_discussed);
  const women = o.coveredWomenYears;
  const recommended = women === null ? null : (benchmark * women) / 10_000;
  const gap = recommended === null || cases === null ? null : Math.round(cases - recommended);
  const extra = {
    recommendedCases: recommended === null ? null : Math.round(recommended),
    shortfall: gap === null ? null : Math.max(0, -gap),
    surplus: gap === null ? null : Math.max(0, gap),
  };
  const rate = women && cases !== null ? rateWithInterval(cases, women, 10_000) : null;
  if (!rate) return { numerator: cases, denominator: women, ...WITHHELD, extra };
  return {
    numerator: cases,
    denominator: women,
    value: rate.value,
    ...rate.interval,
    comparison: compareWithBenchmark(rate.interval, benchmark, def.polarity),
    extra,
  };
}

/**
 * Every indicator in the catalogue from the sums of one group (an area, a quarter, or everything).
 * Sums may hold withheld figures (null) when disclosure control has published them: any indicator
 * that needs one is withheld too, and everything else is worked out from the figures as given. An
 * indicator whose returns never arrived has no value at all (never 0) and is not compared.
 */
export function computeIndicators(
  m: Sums,
  a: Sums,
  o: OtherFigures,
  range: QuarterRange,
  only?: (d: IndicatorDef) => boolean,
): IndicatorResult[] {
  const parts = shareParts(m, a, o);
  return INDICATORS.filter((d) => !only || only(d)).map((def): IndicatorResult => {
    const described = {
      id: def.id,
      ...returnsFor(def, m, a, o),
      benchmark: benchmarkFor(def.benchmark, range.from, range.to),
      reference: benchmarkFor(def.reference, range.from, range.to),
    };
    if (described.status === 'no_returns')
      return {
        ...described,
        numerator: null,
        denominator: null,
        ...WITHHELD,
        ...(def.id === 'marac_cases_per_10k' ? { extra: NO_LEVEL } : {}),
      };
    const benchmark = described.benchmark?.value ?? null;
    if (def.id === 'marac_cases_per_10k') return { ...described, ...casesPer10k(def, m, o, benchmark!) };
    if (def.id === 'marac_children_per_case') {
      const [children, cases] = [total(m.children_in_households), total(m.cases_discussed)];
      return {
        ...described,
        numerator: children,
        denominator: cases,
        ...WITHHELD,
        value: children !== null && cases ? children / cases : null,
      };
    }
    if (def.id === 'dual_issue_marac_referrals') {
      const referrals = total(a.dual_issue_marac_referrals);
      return { ...described, numerator: referrals, denominator: null, ...WITHHELD, value: referrals };
    }
    const [x, n] = parts[def.id] ?? [0, 0];
    const interval = x !== null && n !== null && n > 0 && x <= n ? wilsonInterval(x, n) : null;
    return {
      ...described,
      numerator: x,
      denominator: n,
      value: x !== null && n ? x / n : null,
      lower: interval?.lower ?? null,
      upper: interval?.upper ?? null,
      comparison: compareWithBenchmark(interval, benchmark, def.polarity),
    };
  });
}

/** The ids of the indicators whose figures come from the quarterly sums alone (so can be trended by quarter or area). */
export const SUM_BASED = (d: IndicatorDef) => d.source === 'marac' || d.source === 'agency';
