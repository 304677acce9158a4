import { CORE_MARAC_AGENCIES, MARAC_REFERRAL_SOURCES, quarterFromIndex } from '@waymark/domain';
import type { AreaPath, Episode, Owner, QuarterlyReturn, World } from './fixture-world.js';

/**
 * The figures a caller should be shown, worked out here from the rows the fixture stored and the
 * definitions in words (the indicator catalogue's `definition`, `numerator` and `denominator`), never
 * from Waymark's own formulas, SQL or answers.
 */

/** Whose view, of what: the caller's granted areas (or everything), the filters asked for, and whether counts are published. */
export interface View {
  granted: readonly string[] | 'everything';
  /** An agency submitter sees their own agency only, and no Marac. */
  agencyId?: string | null;
  area?: string | null;
  sector?: string | null;
  from: number;
  to: number;
  /** Roles below analyst: each return's counts published (1–4 hidden, the rest rounded to 5), and every total again. */
  published: boolean;
}

/** The disclosure rule as the product states it: counts of 1 to 4 hidden, the rest rounded to the nearest 5. */
export const publish = (n: number): number | null => (n <= 0 ? 0 : n < 5 ? null : Math.round(n / 5) * 5);
/** What one hidden cell adds to a total of published cells. */
export const HIDDEN_CELL = 2;
const asCell = (n: number) => publish(n) ?? HIDDEN_CELL;

type Figure = number | null;
const plus = (...xs: Figure[]): Figure => (xs.some((x) => x === null) ? null : xs.reduce<number>((s, x) => s + x!, 0));
const minus = (a: Figure, b: Figure): Figure => (a === null || b === null ? null : a - b);
const times = (a: Figure, k: number): Figure => (a === null ? null : a * k);

const onPath = (path: AreaPath, code: string) => path.lad === code || path.csp === code || path.pfa === code;

export function inScope(view: View, path: AreaPath): boolean {
  return view.granted === 'everything' || view.granted.some((code) => onPath(path, code));
}

export function inArea(view: View, path: AreaPath): boolean {
  return !view.area || onPath(path, view.area);
}

/** Whether an owner's figures are in the view at all (before the range of quarters). */
export function visible(view: View, owner: Owner): boolean {
  if (!inScope(view, owner.path) || !inArea(view, owner.path)) return false;
  if (owner.kind === 'marac') return !view.agencyId;
  return (!view.agencyId || owner.id === view.agencyId) && (!view.sector || owner.sector === view.sector);
}

const inRange = (view: View, quarter: number) => quarter >= view.from && quarter <= view.to;

export function returnsIn(world: World, view: View, kind: 'agency' | 'marac'): QuarterlyReturn[] {
  return world.returns.filter((r) => r.owner.kind === kind && visible(view, r.owner) && inRange(view, r.quarter));
}

export function episodesIn(world: World, view: View): Episode[] {
  return world.episodes.filter((e) => visible(view, e.owner) && inRange(view, e.quarter));
}

/** A count as the view shows it: exact, or published. */
export const shown = (view: View, n: number): Figure => (view.published ? publish(n) : n);

/** The total of one field over returns, each return's figure published first for published views (not yet published itself). */
export function cellTotal(view: View, returns: QuarterlyReturn[], field: string): number {
  return returns.reduce((sum, r) => sum + (view.published ? asCell(r.values[field] ?? 0) : (r.values[field] ?? 0)), 0);
}

/** Counts of case-level cells (one agency's count for one quarter), each published first for published views. */
export function cellCount<T>(view: View, items: T[], cellOf: (item: T) => string): number {
  const cells = new Map<string, number>();
  for (const item of items) cells.set(cellOf(item), (cells.get(cellOf(item)) ?? 0) + 1);
  return [...cells.values()].reduce((sum, n) => sum + (view.published ? asCell(n) : n), 0);
}

/** People with an episode, once per agency and quarter, and those whose episodes that quarter include one within 12 months of an earlier one. */
export function casePeople(world: World, view: View): { people: number; repeatPeople: number } {
  // Earlier episodes are looked for in everything the agency sent, whatever the range asked for.
  const again = (e: Episode) =>
    world.episodes.some(
      (x) => x.owner === e.owner && x.person === e.person && x.month < e.month && x.month >= e.month - 12,
    );
  const people = new Map<string, { owner: Owner; quarter: number; repeat: boolean }>();
  for (const e of episodesIn(world, view)) {
    const key = `${e.owner.id}|${e.quarter}|${e.person}`;
    const seen = people.get(key) ?? { owner: e.owner, quarter: e.quarter, repeat: false };
    seen.repeat ||= again(e);
    people.set(key, seen);
  }
  const list = [...people.values()];
  const cell = (p: { owner: Owner; quarter: number }) => `${p.owner.id}|${p.quarter}`;
  return {
    people: cellCount(view, list, cell),
    repeatPeople: cellCount(
      view,
      list.filter((p) => p.repeat),
      cell,
    ),
  };
}

/** The financial year a range's last quarter is in: the year whose self-audits count. */
export function auditYear(view: View): string {
  const { startYear } = quarterFromIndex(view.to);
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Women aged 16+ in the districts in view, for each quarter a Marac covering them returned, as years. */
export function womenYears(world: World, view: View): number | null {
  const maracReturns = returnsIn(world, view, 'marac');
  let womenQuarters = 0;
  let covered = 0;
  for (const d of world.districts.filter((x) => inScope(view, x.path) && inArea(view, x.path))) {
    const quarters = new Set(maracReturns.filter((r) => r.owner.path.lad === d.code).map((r) => r.quarter));
    if (quarters.size === 0) continue;
    if (d.women === null) return null;
    covered += quarters.size;
    womenQuarters += d.women * quarters.size;
  }
  return covered === 0 ? null : womenQuarters / 4;
}

/** Districts in view, and those a Marac return covered in the range. */
export function coverage(world: World, view: View): { districts: number; reporting: number } {
  const districts = world.districts.filter((d) => inScope(view, d.path) && inArea(view, d.path));
  const lads = new Set(returnsIn(world, view, 'marac').map((r) => r.owner.path.lad));
  return { districts: districts.length, reporting: districts.filter((d) => lads.has(d.code)).length };
}

export interface Expected {
  numerator: Figure;
  denominator: Figure;
  status: 'complete' | 'partial' | 'no_returns';
  returns: { received: number; due: number } | null;
}

/** Quarterly returns due in the range (every owner in view is due each quarter since 2019) and received. */
export function returnCounts(world: World, view: View, kind: 'agency' | 'marac') {
  const owners = world.owners.filter((o) => o.kind === kind && visible(view, o));
  return { received: returnsIn(world, view, kind).length, due: owners.length * (view.to - view.from + 1) };
}

/** The dual-issue services whose Marac referrals are counted: domestic abuse, refuge, Idva, drug and alcohol and mental-health services. */
const DUAL_ISSUE = ['domestic_abuse_service', 'refuge', 'idva_service', 'drug_alcohol_service', 'mental_health'];

/** Every indicator's numerator and denominator for a view, by the indicator's definition in words. */
export function expectedIndicators(world: World, view: View): Map<string, Expected> {
  const maracs = returnsIn(world, view, 'marac');
  const agencies = returnsIn(world, view, 'agency');
  const m = (field: string) => shown(view, cellTotal(view, maracs, field));
  const a = (field: string, sectors?: string[]) =>
    shown(
      view,
      cellTotal(
        view,
        agencies.filter((r) => !sectors || sectors.includes(r.owner.sector!)),
        field,
      ),
    );
  const cases = m('cases_discussed');
  const ofCases = (field: string): [Figure, Figure] => [m(field), cases];
  const people = casePeople(world, view);
  const ratings = world.ratings.filter((x) => x.year === auditYear(view) && visible(view, x.owner));
  const maracCount = returnCounts(world, view, 'marac');
  const agencyCount = returnCounts(world, view, 'agency');

  const formulas: Record<string, [Figure, Figure | null]> = {
    marac_cases_per_10k: [cases, womenYears(world, view)],
    marac_repeat_rate: ofCases('repeat_cases'),
    marac_partner_referral_share: [minus(cases, m('referrals_police')), cases],
    ...Object.fromEntries(
      MARAC_REFERRAL_SOURCES.map((s) => [`marac_source_${s.code}`, ofCases(`referrals_${s.code}`)]),
    ),
    marac_victims_minoritised: ofCases('victims_minoritised'),
    marac_victims_lgbt: ofCases('victims_lgbt'),
    marac_victims_disabled: ofCases('victims_disabled'),
    marac_victims_male: ofCases('victims_male'),
    marac_victims_16_17: ofCases('victims_16_17'),
    marac_children_per_case: ofCases('children_in_households'),
    marac_core_attendance: [
      plus(...CORE_MARAC_AGENCIES.map((c) => m(`attended_${c.code}`))),
      times(m('meetings_held'), CORE_MARAC_AGENCIES.length),
    ],
    marac_specialist_spoc: [plus(m('spoc_substance_misuse'), m('spoc_mental_health')), m('spoc_assigned')],
    marac_victim_substance_use: ofCases('victim_substance_use'),
    marac_perpetrator_substance_use: ofCases('perpetrator_substance_use'),
    marac_victim_mental_health: ofCases('victim_mental_health'),
    marac_perpetrator_mental_health: ofCases('perpetrator_mental_health'),
    routine_enquiry_rate: [a('asked'), a('caseload')],
    disclosure_rate: [a('disclosed'), a('asked')],
    later_disclosure_share: [a('disclosed_later'), a('disclosed')],
    referral_conversion_made: [a('referrals_made_engaged'), a('referrals_made')],
    referral_conversion_received: [a('referrals_received_engaged'), a('referrals_received')],
    dual_issue_marac_referrals: [a('marac_referrals', DUAL_ISSUE), null],
    safeguarding_referral_rate: [
      plus(a('child_safeguarding_referrals'), a('adult_safeguarding_referrals')),
      a('caseload'),
    ],
    case_repeat_rate: [shown(view, people.repeatPeople), shown(view, people.people)],
    // Standards and returns describe services, not people: exact for everyone.
    standards_compliance: [
      ratings.filter((x) => x.rating === 'met').length,
      ratings.filter((x) => x.rating !== 'not_applicable').length,
    ],
    return_completeness: [maracCount.received + agencyCount.received, maracCount.due + agencyCount.due],
  };
  const judged = (count: { received: number; due: number }) =>
    count.received === 0 ? 'no_returns' : count.received < count.due ? 'partial' : 'complete';
  const describe = (id: string): Pick<Expected, 'status' | 'returns'> => {
    if (id.startsWith('marac_')) return { status: judged(maracCount), returns: maracCount };
    if (id === 'case_repeat_rate')
      return { status: shown(view, people.people) === 0 ? 'no_returns' : 'complete', returns: null };
    if (id === 'standards_compliance')
      return { status: formulas.standards_compliance[1] === 0 ? 'no_returns' : 'complete', returns: null };
    if (id === 'return_completeness') {
      const all = { received: formulas.return_completeness[0]!, due: formulas.return_completeness[1]! };
      return { status: all.due === 0 ? 'no_returns' : 'complete', returns: all };
    }
    return { status: judged(agencyCount), returns: agencyCount };
  };
  return new Map(
    Object.entries(formulas).map(([id, [numerator, denominator]]) => {
      const d = describe(id);
      return [
        id,
        d.status === 'no_returns' ? { ...d, numerator: null, denominator: null } : { ...d, numerator, denominator },
      ];
    }),
  );
}
