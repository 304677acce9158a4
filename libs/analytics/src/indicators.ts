import {
  AGENCY_QUARTER,
  complianceOf,
  MARAC_QUARTER,
  returnFieldsInUse,
  SECTOR_SUMS,
  type DisclosureRule,
  type ReturnCount,
  type ReturnType,
} from '@waymark/domain';
import { EVERYONE, publishedCell, scopedQuery, sqlFile, sumsOf, type QueryFilter, type QueryScope } from './queries.js';
import type { Warehouse } from './warehouse.js';

/** Sums of a group's figures by field key; null where disclosure control withholds a figure. */
export type Sums = Record<string, number | null>;

/** The agency figures the indicators' formulas use; summing only these keeps dashboard queries small. */
export const AGENCY_FIELDS_USED = new Set(returnFieldsInUse('agency'));

/** `sum(field) FILTER (WHERE sector IN (…)) AS name` for each sum over some sectors that formulas name. */
const sectorSums = (rule: DisclosureRule | null): string[] =>
  Object.entries(SECTOR_SUMS).map(
    ([name, { field, sectors }]) =>
      `coalesce(sum(${publishedCell(field, rule)}) FILTER (WHERE sector IN (${sectors.map((s) => `'${s}'`).join(', ')})), 0)::DOUBLE AS ${name}`,
  );

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
  if (type === AGENCY_QUARTER) sums.push(...sectorSums(rule));
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
  const rated = complianceOf({
    met: n(standards.met),
    partlyMet: n(standards.partly_met),
    notMet: n(standards.not_met),
    notApplicable: n(standards.not_applicable),
  });
  return {
    coveredWomenYears: coveredWomenYears(districts),
    districts,
    dueByQuarter: new Map(
      quarters.map((q) => [n(q.period_index), { marac: n(q.marac_expected), agency: n(q.agency_expected) }]),
    ),
    repeatPeople: n(repeat.repeat_people),
    casePeople: n(repeat.people),
    standardsMet: rated.met,
    standardsApplicable: rated.applicable,
    maracReturns: { received: n(returns.marac_received), due: n(returns.marac_expected) },
    agencyReturns: { received: n(returns.agency_received), due: n(returns.agency_expected) },
  };
}
