import { ABUSE_TYPES, AGE_BANDS, ETHNIC_GROUPS, GENDERS, SUBSTANCES } from './code-lists.js';
import { runSteps, runStepsWithPauses, type Steps } from './steps.js';
import type { TypedRow } from './validate.js';

type Person = TypedRow[];

/**
 * How a person counts towards an agency-quarter figure: true when any of their episodes says so.
 * Characteristics are read from the person's latest episode.
 */
const PERSON_MEASURES: Record<string, (episodes: Person) => boolean> = {
  caseload: () => true,
  asked: (p) => p.some((e) => e.asked === true),
  disclosed: (p) => p.some((e) => e.disclosed === true),
  disclosed_at_assessment: (p) => first(p)?.disclosure_timing === 'at_assessment',
  disclosed_later: (p) => first(p)?.disclosure_timing === 'later',
  disclosed_current: (p) => p.some((e) => e.disclosure_recency === 'current'),
  disclosed_past: (p) => p.some((e) => e.disclosed === true) && !p.some((e) => e.disclosure_recency === 'current'),
  victims_identified: (p) => p.some((e) => e.role === 'victim'),
  perpetrators_identified: (p) => p.some((e) => e.role === 'perpetrator'),
  households_with_children: (p) => p.some((e) => e.children_in_household === true),
  ...Object.fromEntries(
    ABUSE_TYPES.map((c) => [
      `abuse_${c.code}`,
      (p: Person) => p.some((e) => (e.abuse_types as string[]).includes(c.code)),
    ]),
  ),
  ...Object.fromEntries(
    SUBSTANCES.map((c) => [
      `substance_${c.code}`,
      (p: Person) => p.some((e) => (e.substances as string[]).includes(c.code)),
    ]),
  ),
  ...merged(GENDERS.map((c) => disclosingBy(`disclosing_gender_${c.code}`, (e) => e.gender === c.code))),
  ...merged(AGE_BANDS.map((c) => disclosingBy(`disclosing_age_${c.code}`, (e) => e.age_band === c.code))),
  ...merged(ETHNIC_GROUPS.map((c) => disclosingBy(`disclosing_ethnic_${c.code}`, (e) => e.ethnic_group === c.code))),
  ...disclosingBy('disclosing_disabled', (e) => e.disabled === true),
  ...disclosingBy('disclosing_lgbt', (e) => e.lgbt === true),
  ...disclosingBy('disclosing_first_language_not_english', (e) => e.first_language_not_english === true),
};

/** Episode counts: every episode counts, not every person. */
const EPISODE_MEASURES: Record<string, (e: TypedRow) => boolean> = {
  referrals_made: (e) => e.referred_to !== null && e.referred_to !== undefined,
  referrals_made_engaged: (e) => e.referred_to != null && e.referral_engaged === true,
  marac_referrals: (e) => e.marac_referral === true,
};

function first(p: Person): TypedRow | undefined {
  return p
    .filter((e) => e.disclosed === true)
    .sort((a, b) => String(a.referral_month).localeCompare(String(b.referral_month)))[0];
}

function disclosingBy(key: string, test: (e: TypedRow) => boolean): Record<string, (p: Person) => boolean> {
  return { [key]: (p) => p.some((e) => e.disclosed === true) && test(p[p.length - 1]) };
}

/** Several records of measures as one; a later key wins, as with Object.assign. */
function merged(records: Record<string, (p: Person) => boolean>[]): Record<string, (p: Person) => boolean> {
  return Object.fromEntries(records.flatMap((r) => Object.entries(r)));
}

/**
 * The agency-quarter figures that case-level rows can tell: people are counted once, by their
 * pseudonymous key. Figures the rows cannot tell (staff, exits, referrals received) are absent.
 */
export function deriveAgencyQuarter(rows: readonly TypedRow[]): Record<string, number> {
  return runSteps(deriving(rows));
}

/** The same figures, awaiting `pause` every thousand rows or people (a case-level return can have 100,000 rows). */
export function deriveAgencyQuarterInSteps(
  rows: readonly TypedRow[],
  pause: () => Promise<void>,
): Promise<Record<string, number>> {
  return runStepsWithPauses(deriving(rows), pause);
}

const ITEMS_PER_STEP = 1_000;

function* deriving(rows: readonly TypedRow[]): Steps<Record<string, number>> {
  let items = 0;
  const people = new Map<string, Person>();
  for (const row of rows) {
    if (++items % ITEMS_PER_STEP === 0) yield;
    const key = String(row.person_key);
    const episodes = people.get(key);
    if (episodes) episodes.push(row);
    else people.set(key, [row]);
  }
  const personMeasures = Object.entries(PERSON_MEASURES);
  const episodeMeasures = Object.entries(EPISODE_MEASURES);
  const figures: Record<string, number> = {};
  for (const [measure] of [...personMeasures, ...episodeMeasures]) figures[measure] = 0;
  for (const person of people.values()) {
    if (++items % ITEMS_PER_STEP === 0) yield;
    for (const [measure, counts] of personMeasures) if (counts(person)) figures[measure]++;
  }
  for (const row of rows) {
    if (++items % ITEMS_PER_STEP === 0) yield;
    for (const [measure, counts] of episodeMeasures) if (counts(row)) figures[measure]++;
  }
  return figures;
}
