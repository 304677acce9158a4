import type { Polarity } from '../statistics/comparison.js';
import { CORE_MARAC_AGENCIES, MARAC_REFERRAL_SOURCES } from '../returns/code-lists.js';
import { returnFieldsUsed, type FigureKey, type Formula } from './formula.js';
import { inSentence } from '../text.js';
import { nationalFigureFor, type NationalMaracFigure } from './national-marac.js';

export type IndicatorUnit = 'per_10000_per_year' | 'percent' | 'per_case' | 'count';
export type IndicatorSource = 'marac' | 'agency' | 'case' | 'audit' | 'completeness';

/** A fixed level (for example a recommended one), or a national figure read from the period it describes. */
export type BenchmarkDef =
  { value: number; label: string; source: string } | { national: NationalMaracFigure; label: string };

/** A benchmark as an answer gives it: the value, and for a national figure the period it describes. */
export interface Benchmark {
  value: number;
  label: string;
  source: string;
  period: { label: string; start: string; end: string } | null;
  /** Which period is used and why (null for fixed levels). */
  note: string | null;
}

/**
 * What disclosure control may withhold from an indicator: parts that count people are published by
 * the rule (small counts hidden, the rest rounded); counts of services (standards, returns) and
 * published populations are shown as they are, and a population stays even when the rest is withheld.
 */
export interface SuppressionRule {
  numerator: 'people' | 'services';
  denominator: 'people' | 'services' | 'population' | null;
}

/** One indicator, declared once: its words, its formula and how its figures are judged and shown. */
export interface IndicatorDef {
  id: string;
  title: string;
  definition: string;
  /** The numerator and denominator in words; `formula` says which figures they are. */
  numerator: string;
  denominator: string;
  formula: Formula;
  unit: IndicatorUnit;
  polarity: Polarity;
  benchmark: BenchmarkDef | null;
  /** A second reference level shown beside the benchmark (for example the national figure). */
  reference?: BenchmarkDef;
  interval: 'wilson' | 'poisson' | 'none';
  suppression: SuppressionRule;
  /** Which returns it is worked out from (and so whether they arrived). */
  source: IndicatorSource;
  section: string;
}

const NATIONAL = (national: NationalMaracFigure): BenchmarkDef => ({ national, label: 'England and Wales' });
const MARAC = 'Marac';
const PRACTICE = 'Dual-issue practice';
const PATHWAYS = 'Referral pathways';
const GOVERNANCE = 'Standards and data';

const OF_PEOPLE: SuppressionRule = { numerator: 'people', denominator: 'people' };
const OF_SERVICES: SuppressionRule = { numerator: 'services', denominator: 'services' };

/** A formula whose parts are plain sums of figures. */
const sums = (numerator: readonly FigureKey[], denominator: readonly FigureKey[]): Formula => ({
  numerator: { add: numerator },
  denominator: { add: denominator },
});

/** Share of Marac cases discussed that have some feature. */
const ofCases = (field: string): Formula => sums([`marac.${field}`], ['marac.cases_discussed']);

type ShareFields = Pick<IndicatorDef, 'id' | 'title' | 'definition' | 'numerator' | 'denominator' | 'formula'> &
  Partial<Pick<IndicatorDef, 'polarity' | 'benchmark' | 'suppression'>> & {
    source: IndicatorSource;
    section: string;
  };

/** A share (a percentage with a Wilson interval), by default of people and with no benchmark. */
const share = (fields: ShareFields): IndicatorDef => ({
  unit: 'percent',
  polarity: 'none',
  benchmark: null,
  interval: 'wilson',
  suppression: OF_PEOPLE,
  ...fields,
});

export const INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'marac_cases_per_10k',
    title: 'Marac cases per 10,000 adult females',
    definition:
      'Cases heard at Marac in a year for every 10,000 women aged 16 and over; over shorter or longer ranges the count is scaled to a year.',
    numerator: 'Cases discussed (Marac return), scaled to a year',
    denominator: 'Women aged 16+ (ONS mid-2021) ÷ 10,000',
    formula: {
      numerator: { add: ['marac.cases_discussed'] },
      denominator: { add: ['population.covered_women_years'] },
      per: 10_000,
      gapToBenchmark: true,
    },
    unit: 'per_10000_per_year',
    polarity: 'higher_is_better',
    benchmark: { value: 40, label: 'SafeLives recommended level', source: 'SafeLives guidance on Marac volume' },
    reference: NATIONAL('casesPer10kAdultFemales'),
    interval: 'poisson',
    suppression: { numerator: 'people', denominator: 'population' },
    source: 'marac',
    section: MARAC,
  },
  share({
    id: 'marac_repeat_rate',
    title: 'Marac repeat rate',
    definition:
      'Share of cases heard that were repeats: further abuse between the same people within 12 months of the last Marac referral. Very low rates can mean repeats are not being spotted.',
    numerator: 'Repeat cases',
    denominator: 'Cases discussed',
    formula: ofCases('repeat_cases'),
    benchmark: NATIONAL('repeat'),
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'marac_partner_referral_share',
    title: 'Referrals from partner agencies',
    definition: 'Share of Marac cases referred by agencies other than the police.',
    numerator: 'Cases referred by agencies other than the police',
    denominator: 'Cases discussed',
    formula: {
      numerator: { add: ['marac.cases_discussed'], subtract: ['marac.referrals_police'] },
      denominator: { add: ['marac.cases_discussed'] },
    },
    polarity: 'higher_is_better',
    benchmark: NATIONAL('partnerAgencyReferral'),
    source: 'marac',
    section: MARAC,
  }),
  ...MARAC_REFERRAL_SOURCES.map((s) =>
    share({
      id: `marac_source_${s.code}`,
      title: `Referred by ${inSentence(s.label)}`,
      definition: `Share of Marac cases referred by ${inSentence(s.label)} (joint referrals count in part).`,
      numerator: `Cases referred by ${inSentence(s.label)}`,
      denominator: 'Cases discussed',
      formula: ofCases(`referrals_${s.code}`),
      source: 'marac',
      section: PATHWAYS,
    }),
  ),
  share({
    id: 'marac_victims_minoritised',
    title: 'Black, Asian and racially minoritised victims',
    definition:
      'Share of Marac cases where the victim is from a Black, Asian or other racially minoritised group; compare with the local population.',
    numerator: 'Cases with a minoritised victim',
    denominator: 'Cases discussed',
    formula: ofCases('victims_minoritised'),
    benchmark: NATIONAL('minoritised'),
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'marac_victims_lgbt',
    title: 'LGBT+ victims',
    definition: 'Share of Marac cases where the victim is LGBT+.',
    numerator: 'Cases with an LGBT+ victim',
    denominator: 'Cases discussed',
    formula: ofCases('victims_lgbt'),
    benchmark: NATIONAL('lgbt'),
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'marac_victims_disabled',
    title: 'Disabled victims',
    definition: 'Share of Marac cases where the victim is disabled.',
    numerator: 'Cases with a disabled victim',
    denominator: 'Cases discussed',
    formula: ofCases('victims_disabled'),
    benchmark: NATIONAL('disabled'),
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'marac_victims_male',
    title: 'Male victims',
    definition: 'Share of Marac cases where the victim is male.',
    numerator: 'Cases with a male victim',
    denominator: 'Cases discussed',
    formula: ofCases('victims_male'),
    benchmark: NATIONAL('male'),
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'marac_victims_16_17',
    title: 'Victims aged 16 to 17',
    definition: 'Share of Marac cases where the victim is 16 or 17.',
    numerator: 'Cases with a victim aged 16 or 17',
    denominator: 'Cases discussed',
    formula: ofCases('victims_16_17'),
    benchmark: NATIONAL('aged16To17'),
    source: 'marac',
    section: MARAC,
  }),
  {
    id: 'marac_children_per_case',
    title: 'Children per case',
    definition: 'Children living in the households of Marac cases, per case.',
    numerator: 'Children in the households',
    denominator: 'Cases discussed',
    formula: ofCases('children_in_households'),
    unit: 'per_case',
    polarity: 'none',
    benchmark: null,
    interval: 'none',
    suppression: OF_PEOPLE,
    source: 'marac',
    section: MARAC,
  },
  share({
    id: 'marac_core_attendance',
    title: 'Core agency attendance',
    definition: 'Share of the meetings each of the nine core agencies could have attended that they did attend.',
    numerator: 'Attendances by core agencies',
    denominator: `Meetings held × ${CORE_MARAC_AGENCIES.length} core agencies`,
    formula: {
      numerator: { add: CORE_MARAC_AGENCIES.map((c) => `marac.attended_${c.code}` as const) },
      denominator: { add: ['marac.meetings_held'], times: CORE_MARAC_AGENCIES.length },
    },
    polarity: 'higher_is_better',
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'marac_specialist_spoc',
    title: 'Specialist single points of contact',
    definition:
      'Share of cases with a single point of contact where that contact is a substance-use or mental-health practitioner.',
    numerator: 'Cases with a substance-use or mental-health contact',
    denominator: 'Cases with a single point of contact',
    formula: sums(['marac.spoc_substance_misuse', 'marac.spoc_mental_health'], ['marac.spoc_assigned']),
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'marac_victim_substance_use',
    title: 'Victim uses substances',
    definition: 'Share of Marac cases where the victim misuses drugs or alcohol.',
    numerator: 'Cases where the victim misuses substances',
    denominator: 'Cases discussed',
    formula: ofCases('victim_substance_use'),
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'marac_perpetrator_substance_use',
    title: 'Person causing harm uses substances',
    definition: 'Share of Marac cases where the person causing harm misuses drugs or alcohol.',
    numerator: 'Cases where the person causing harm misuses substances',
    denominator: 'Cases discussed',
    formula: ofCases('perpetrator_substance_use'),
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'marac_victim_mental_health',
    title: 'Victim has mental ill-health',
    definition: 'Share of Marac cases where the victim has mental ill-health.',
    numerator: 'Cases where the victim has mental ill-health',
    denominator: 'Cases discussed',
    formula: ofCases('victim_mental_health'),
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'marac_perpetrator_mental_health',
    title: 'Person causing harm has mental ill-health',
    definition: 'Share of Marac cases where the person causing harm has mental ill-health.',
    numerator: 'Cases where the person causing harm has mental ill-health',
    denominator: 'Cases discussed',
    formula: ofCases('perpetrator_mental_health'),
    source: 'marac',
    section: MARAC,
  }),
  share({
    id: 'routine_enquiry_rate',
    title: 'Routine enquiry',
    definition: 'Share of the caseload asked about the other issue.',
    numerator: 'People asked',
    denominator: 'Caseload',
    formula: sums(['agency.asked'], ['agency.caseload']),
    polarity: 'higher_is_better',
    source: 'agency',
    section: PRACTICE,
  }),
  share({
    id: 'disclosure_rate',
    title: 'Disclosure',
    definition: 'Share of people asked who disclosed the other issue.',
    numerator: 'People who disclosed',
    denominator: 'People asked',
    formula: sums(['agency.disclosed'], ['agency.asked']),
    source: 'agency',
    section: PRACTICE,
  }),
  share({
    id: 'later_disclosure_share',
    title: 'Later disclosure',
    definition:
      'Share of disclosures made later in the working relationship rather than at assessment: a sign that asking again matters.',
    numerator: 'Disclosed later',
    denominator: 'People who disclosed',
    formula: sums(['agency.disclosed_later'], ['agency.disclosed']),
    source: 'agency',
    section: PRACTICE,
  }),
  share({
    id: 'referral_conversion_made',
    title: 'Referrals made that engaged',
    definition: 'Share of referrals made to the partner sector where the person went on to engage.',
    numerator: 'Referrals made that engaged',
    denominator: 'Referrals made',
    formula: sums(['agency.referrals_made_engaged'], ['agency.referrals_made']),
    polarity: 'higher_is_better',
    source: 'agency',
    section: PATHWAYS,
  }),
  share({
    id: 'referral_conversion_received',
    title: 'Referrals received that engaged',
    definition: 'Share of referrals received from the partner sector where the person engaged.',
    numerator: 'Referrals received that engaged',
    denominator: 'Referrals received',
    formula: sums(['agency.referrals_received_engaged'], ['agency.referrals_received']),
    polarity: 'higher_is_better',
    source: 'agency',
    section: PATHWAYS,
  }),
  {
    id: 'dual_issue_marac_referrals',
    title: 'Marac referrals from dual-issue agencies',
    definition: 'Cases referred to Marac by domestic abuse, refuge, Idva, drug and alcohol and mental-health services.',
    numerator: 'Marac referrals (agency returns)',
    denominator: '—',
    formula: { numerator: { add: ['agency.dual_issue_marac_referrals'] }, denominator: null },
    unit: 'count',
    polarity: 'none',
    benchmark: null,
    interval: 'none',
    suppression: { numerator: 'people', denominator: null },
    source: 'agency',
    section: PATHWAYS,
  },
  share({
    id: 'safeguarding_referral_rate',
    title: 'Safeguarding referrals',
    definition: "Children's and adult safeguarding referrals for each person on the caseload.",
    numerator: 'Safeguarding referrals',
    denominator: 'Caseload',
    formula: sums(['agency.child_safeguarding_referrals', 'agency.adult_safeguarding_referrals'], ['agency.caseload']),
    source: 'agency',
    section: PRACTICE,
  }),
  share({
    id: 'case_repeat_rate',
    title: 'Repeat episodes (case-level)',
    definition:
      'Share of people with an episode who had another episode within the 12 months before it, matched by pseudonymous key and counted once in each quarter (and agency) they had an episode in.',
    numerator: 'People with an earlier episode within 12 months, by quarter',
    denominator: 'People with an episode, by quarter',
    formula: sums(['case.repeat_people'], ['case.people']),
    source: 'case',
    section: PRACTICE,
  }),
  share({
    id: 'standards_compliance',
    title: 'Practice standards met',
    definition:
      'Share of applicable standards met in the current self-audits of the year the period ends in, after moderation.',
    numerator: 'Standards met',
    denominator: 'Standards that apply',
    formula: sums(['audit.met'], ['audit.applicable']),
    polarity: 'higher_is_better',
    suppression: OF_SERVICES,
    source: 'audit',
    section: GOVERNANCE,
  }),
  share({
    id: 'return_completeness',
    title: 'Returns received',
    definition: 'Share of expected quarterly returns (agencies and Maracs) that have been received.',
    numerator: 'Returns received',
    denominator: 'Returns expected',
    formula: sums(['returns.received'], ['returns.due']),
    polarity: 'higher_is_better',
    suppression: OF_SERVICES,
    source: 'completeness',
    section: GOVERNANCE,
  }),
];

/** The attendance expected of each core agency at Marac meetings; an agency below it is a gap. */
export interface AttendanceLevel {
  share: number;
  /** The level in words, as in "attended fewer than three in four meetings". */
  inWords: string;
}

export const EXPECTED_CORE_ATTENDANCE: AttendanceLevel = { share: 0.75, inWords: 'three in four meetings' };

/** A benchmark as it applies to a range of quarters: national figures come from the period they describe. */
export function benchmarkFor(
  def: BenchmarkDef | null | undefined,
  fromQuarter: number,
  toQuarter: number,
): Benchmark | null {
  if (!def) return null;
  if ('value' in def) return { ...def, period: null, note: null };
  const dated = nationalFigureFor(fromQuarter, toQuarter);
  const { label, start, end, source } = dated.period;
  return {
    value: dated.period[def.national],
    label: def.label,
    source: `SafeLives Marac national dataset, ${label} (${source})`,
    period: { label, start, end },
    note: dated.note,
  };
}

export function indicatorById(id: string): IndicatorDef | undefined {
  return INDICATORS.find((i) => i.id === id);
}

/** The fields of one kind of quarterly return that the indicators use. */
export const returnFieldsInUse = (kind: 'marac' | 'agency'): string[] =>
  returnFieldsUsed(
    INDICATORS.map((d) => d.formula),
    kind,
  );
