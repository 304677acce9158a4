import {
  AGENCY_QUARTER,
  CORE_MARAC_AGENCIES,
  compareWithBenchmark,
  INDICATORS,
  MARAC_QUARTER,
  MARAC_REFERRAL_SOURCES,
  rateWithInterval,
  wilsonInterval,
  type Estimate,
  type IndicatorDef,
  type ReturnType,
} from '@waymark/domain';
import { scopedQuery, sqlFile, sumsOf, type QueryFilter, type QueryScope } from './queries.js';
import type { Warehouse } from './warehouse.js';

export type Sums = Record<string, number>;

/** The counts behind one indicator, and the figure, its 95% interval and how it compares. */
export interface IndicatorResult extends Estimate {
  id: string;
  /** Extra figures some indicators carry (for example the recommended number of Marac cases). */
  extra?: Record<string, number | null>;
}

const DUAL_ISSUE_SECTORS = ['domestic_abuse_service', 'refuge', 'idva_service', 'drug_alcohol_service', 'mental_health'];

/** The agency figures the indicators use; summing only these keeps dashboard queries small. */
const AGENCY_FIELDS_USED = new Set(['caseload', 'asked', 'disclosed', 'disclosed_later', 'referrals_made', 'referrals_made_engaged', 'referrals_received', 'referrals_received_engaged', 'child_safeguarding_referrals', 'adult_safeguarding_referrals']);

function sumsSql(type: ReturnType, view: string, group: string): string {
  const fields = type.fields.filter((f) => (f.kind === 'count' || f.kind === 'share') && (type !== AGENCY_QUARTER || AGENCY_FIELDS_USED.has(f.key)));
  const sums = [sumsOf(fields.map((f) => f.key))];
  if (type === AGENCY_QUARTER) sums.push(`coalesce(sum(marac_referrals) FILTER (WHERE sector IN (${DUAL_ISSUE_SECTORS.map((s) => `'${s}'`).join(', ')})), 0)::DOUBLE AS dual_issue_marac_referrals`);
  return sqlFile('fact_sums', { fact: view, group, sums: sums.join(',\n       ') });
}

/** Sums of every Marac and agency figure, overall (group "all") or by quarter or by area. */
export async function factSums(warehouse: Warehouse, scope: QueryScope, filter: QueryFilter, by: 'all' | 'period' | 'lad' | 'csp' | 'pfa'): Promise<{ marac: Map<string, Sums>; agency: Map<string, Sums> }> {
  const group = by === 'all' ? "'all'" : by === 'period' ? 'CAST(period_index AS VARCHAR)' : `${by}_code`;
  const read = async (type: ReturnType, view: string) => {
    const rows = await scopedQuery(warehouse, sumsSql(type, view, group), scope, filter);
    return new Map(rows.filter((r) => r.grp !== null).map((r) => [String(r.grp), Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as Sums]));
  };
  const [marac, agency] = await Promise.all([read(MARAC_QUARTER, 'scoped_marac'), read(AGENCY_QUARTER, 'scoped_agency')]);
  return { marac, agency };
}

/** Peer group of one agency: its own sums and the summed figures of every other agency in its sector. */
export interface PeerSums {
  own: Sums;
  peers: Sums;
  peerAgencies: number;
}

/** An agency's figures beside its peers' (same sector, every area); the caller decides what may be shown. */
export async function peerSums(warehouse: Warehouse, agencyId: string, sector: string, filter: QueryFilter): Promise<PeerSums> {
  const fields = AGENCY_QUARTER.fields.filter((f) => AGENCY_FIELDS_USED.has(f.key));
  const everyone: QueryScope = { everything: true, areaCodes: [], agencyId: null };
  const rows = await scopedQuery(warehouse, sqlFile('peer_sums', { sums: sumsOf(fields.map((f) => f.key)) }), everyone, { ...filter, area: null }, { agency: agencyId, sector });
  const sums = (self: boolean) => {
    const row = rows.find((r) => Boolean(r.is_self) === self);
    return row ? (Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Sums) : {};
  };
  const peers = sums(false);
  return { own: sums(true), peers, peerAgencies: peers.agencies ?? 0 };
}

export interface OtherFigures {
  population: number | null;
  repeatPeople: number;
  casePeople: number;
  standardsMet: number;
  standardsApplicable: number;
  returnsReceived: number;
  returnsExpected: number;
}

export async function otherFigures(warehouse: Warehouse, scope: QueryScope, filter: QueryFilter): Promise<OtherFigures> {
  // Independent queries: the warehouse runs them on its reader connections side by side.
  const [[population], [repeat], [standards], [returns]] = await Promise.all(
    ['population', 'case_repeat', 'standards_compliance', 'return_completeness'].map((name) => scopedQuery(warehouse, sqlFile(name), scope, filter)),
  );
  const n = (v: unknown) => Number(v ?? 0);
  return {
    population: population.females_16plus === null ? null : n(population.females_16plus),
    repeatPeople: n(repeat.repeat_people),
    casePeople: n(repeat.people),
    standardsMet: n(standards.met),
    standardsApplicable: n(standards.applicable),
    returnsReceived: n(returns.received),
    returnsExpected: n(returns.expected),
  };
}

/** Numerator and denominator of every share indicator, from the sums. */
function shareParts(m: Sums, a: Sums, o: OtherFigures): Record<string, [number, number]> {
  const cases = m.cases_discussed ?? 0;
  const parts: Record<string, [number, number]> = {
    marac_repeat_rate: [m.repeat_cases, cases],
    marac_partner_referral_share: [cases - (m.referrals_police ?? 0), cases],
    marac_victims_minoritised: [m.victims_minoritised, cases],
    marac_victims_lgbt: [m.victims_lgbt, cases],
    marac_victims_disabled: [m.victims_disabled, cases],
    marac_victims_male: [m.victims_male, cases],
    marac_victims_16_17: [m.victims_16_17, cases],
    marac_core_attendance: [CORE_MARAC_AGENCIES.reduce((s, c) => s + (m[`attended_${c.code}`] ?? 0), 0), (m.meetings_held ?? 0) * CORE_MARAC_AGENCIES.length],
    marac_specialist_spoc: [(m.spoc_substance_misuse ?? 0) + (m.spoc_mental_health ?? 0), m.spoc_assigned],
    marac_victim_substance_use: [m.victim_substance_use, cases],
    marac_perpetrator_substance_use: [m.perpetrator_substance_use, cases],
    marac_victim_mental_health: [m.victim_mental_health, cases],
    marac_perpetrator_mental_health: [m.perpetrator_mental_health, cases],
    routine_enquiry_rate: [a.asked, a.caseload],
    disclosure_rate: [a.disclosed, a.asked],
    later_disclosure_share: [a.disclosed_later, a.disclosed],
    referral_conversion_made: [a.referrals_made_engaged, a.referrals_made],
    referral_conversion_received: [a.referrals_received_engaged, a.referrals_received],
    safeguarding_referral_rate: [(a.child_safeguarding_referrals ?? 0) + (a.adult_safeguarding_referrals ?? 0), a.caseload],
    case_repeat_rate: [o.repeatPeople, o.casePeople],
    standards_compliance: [o.standardsMet, o.standardsApplicable],
    return_completeness: [o.returnsReceived, o.returnsExpected],
  };
  for (const s of MARAC_REFERRAL_SOURCES) parts[`marac_source_${s.code}`] = [m[`referrals_${s.code}`], cases];
  return parts;
}

/** Every indicator in the catalogue from the sums of one group (an area, a quarter, or everything). */
export function computeIndicators(m: Sums, a: Sums, o: OtherFigures, quarters: number, only?: (d: IndicatorDef) => boolean): IndicatorResult[] {
  const parts = shareParts(m, a, o);
  return INDICATORS.filter((d) => !only || only(d)).map((def): IndicatorResult => {
    const benchmark = def.benchmark?.value ?? null;
    if (def.id === 'marac_cases_per_10k') {
      const cases = m.cases_discussed ?? 0;
      const perYear = quarters > 0 ? 4 / quarters : 0;
      const rate = o.population && quarters > 0 ? rateWithInterval(cases, o.population, 10_000) : null;
      const recommended = o.population && quarters > 0 ? (benchmark! * o.population) / 10_000 / perYear : null;
      return {
        id: def.id,
        numerator: cases,
        denominator: o.population,
        value: rate ? rate.value * perYear : null,
        lower: rate ? rate.interval.lower * perYear : null,
        upper: rate ? rate.interval.upper * perYear : null,
        comparison: compareWithBenchmark(rate ? { lower: rate.interval.lower * perYear, upper: rate.interval.upper * perYear } : null, benchmark, def.polarity),
        extra: { recommendedCases: recommended === null ? null : Math.round(recommended), shortfall: recommended === null ? null : Math.max(0, Math.round(recommended - cases)), quarters },
      };
    }
    if (def.id === 'marac_children_per_case') {
      const cases = m.cases_discussed ?? 0;
      return { id: def.id, numerator: m.children_in_households ?? 0, denominator: cases, value: cases ? (m.children_in_households ?? 0) / cases : null, lower: null, upper: null, comparison: 'not_compared' };
    }
    if (def.id === 'dual_issue_marac_referrals') {
      return { id: def.id, numerator: a.dual_issue_marac_referrals ?? 0, denominator: null, value: a.dual_issue_marac_referrals ?? 0, lower: null, upper: null, comparison: 'not_compared' };
    }
    const [x, n] = (parts[def.id] ?? [0, 0]).map((v) => v ?? 0);
    const interval = n > 0 && x <= n ? wilsonInterval(x, n) : null;
    return { id: def.id, numerator: x, denominator: n, value: n > 0 ? x / n : null, lower: interval?.lower ?? null, upper: interval?.upper ?? null, comparison: compareWithBenchmark(interval, benchmark, def.polarity) };
  });
}

/** The ids of the indicators whose figures come from the quarterly sums alone (so can be trended by quarter or area). */
export const SUM_BASED = (d: IndicatorDef) => d.source === 'marac' || (d.source === 'agency');
