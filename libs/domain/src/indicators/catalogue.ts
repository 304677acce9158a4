import type { Polarity } from '../statistics/comparison.js';
import { MARAC_REFERRAL_SOURCES } from '../returns/code-lists.js';
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

/** One indicator, declared once; the SQL that computes its numerator and denominator is in libs/analytics. */
export interface IndicatorDef {
  id: string;
  title: string;
  definition: string;
  numerator: string;
  denominator: string;
  unit: IndicatorUnit;
  polarity: Polarity;
  benchmark: BenchmarkDef | null;
  /** A second reference level shown beside the benchmark (for example the national figure). */
  reference?: BenchmarkDef;
  interval: 'wilson' | 'poisson' | 'none';
  source: IndicatorSource;
  section: string;
}

const NATIONAL = (national: NationalMaracFigure): BenchmarkDef => ({ national, label: 'England and Wales' });
const MARAC = 'Marac';
const PRACTICE = 'Dual-issue practice';
const PATHWAYS = 'Referral pathways';
const GOVERNANCE = 'Standards and data';

const share = (
  id: string,
  title: string,
  definition: string,
  numerator: string,
  denominator: string,
  source: IndicatorSource,
  section: string,
  polarity: Polarity = 'none',
  benchmark: BenchmarkDef | null = null,
): IndicatorDef => ({
  id,
  title,
  definition,
  numerator,
  denominator,
  unit: 'percent',
  polarity,
  benchmark,
  interval: 'wilson',
  source,
  section,
});

export const INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'marac_cases_per_10k',
    title: 'Marac cases per 10,000 adult females',
    definition:
      'Cases heard at Marac in a year for every 10,000 women aged 16 and over; over shorter or longer ranges the count is scaled to a year.',
    numerator: 'Cases discussed (Marac return), scaled to a year',
    denominator: 'Women aged 16+ (ONS mid-2021) ÷ 10,000',
    unit: 'per_10000_per_year',
    polarity: 'higher_is_better',
    benchmark: { value: 40, label: 'SafeLives recommended level', source: 'SafeLives guidance on Marac volume' },
    reference: NATIONAL('casesPer10kAdultFemales'),
    interval: 'poisson',
    source: 'marac',
    section: MARAC,
  },
  share(
    'marac_repeat_rate',
    'Marac repeat rate',
    'Share of cases heard that were repeats: further abuse between the same people within 12 months of the last Marac referral. Very low rates can mean repeats are not being spotted.',
    'Repeat cases',
    'Cases discussed',
    'marac',
    MARAC,
    'none',
    NATIONAL('repeat'),
  ),
  share(
    'marac_partner_referral_share',
    'Referrals from partner agencies',
    'Share of Marac cases referred by agencies other than the police.',
    'Cases referred by agencies other than the police',
    'Cases discussed',
    'marac',
    MARAC,
    'higher_is_better',
    NATIONAL('partnerAgencyReferral'),
  ),
  ...MARAC_REFERRAL_SOURCES.map((s) =>
    share(
      `marac_source_${s.code}`,
      `Referred by ${inSentence(s.label)}`,
      `Share of Marac cases referred by ${inSentence(s.label)} (joint referrals count in part).`,
      `Cases referred by ${inSentence(s.label)}`,
      'Cases discussed',
      'marac',
      PATHWAYS,
    ),
  ),
  share(
    'marac_victims_minoritised',
    'Black, Asian and racially minoritised victims',
    'Share of Marac cases where the victim is from a Black, Asian or other racially minoritised group; compare with the local population.',
    'Cases with a minoritised victim',
    'Cases discussed',
    'marac',
    MARAC,
    'none',
    NATIONAL('minoritised'),
  ),
  share(
    'marac_victims_lgbt',
    'LGBT+ victims',
    'Share of Marac cases where the victim is LGBT+.',
    'Cases with an LGBT+ victim',
    'Cases discussed',
    'marac',
    MARAC,
    'none',
    NATIONAL('lgbt'),
  ),
  share(
    'marac_victims_disabled',
    'Disabled victims',
    'Share of Marac cases where the victim is disabled.',
    'Cases with a disabled victim',
    'Cases discussed',
    'marac',
    MARAC,
    'none',
    NATIONAL('disabled'),
  ),
  share(
    'marac_victims_male',
    'Male victims',
    'Share of Marac cases where the victim is male.',
    'Cases with a male victim',
    'Cases discussed',
    'marac',
    MARAC,
    'none',
    NATIONAL('male'),
  ),
  share(
    'marac_victims_16_17',
    'Victims aged 16 to 17',
    'Share of Marac cases where the victim is 16 or 17.',
    'Cases with a victim aged 16 or 17',
    'Cases discussed',
    'marac',
    MARAC,
    'none',
    NATIONAL('aged16To17'),
  ),
  {
    id: 'marac_children_per_case',
    title: 'Children per case',
    definition: 'Children living in the households of Marac cases, per case.',
    numerator: 'Children in the households',
    denominator: 'Cases discussed',
    unit: 'per_case',
    polarity: 'none',
    benchmark: null,
    interval: 'none',
    source: 'marac',
    section: MARAC,
  },
  share(
    'marac_core_attendance',
    'Core agency attendance',
    'Share of the meetings each of the nine core agencies could have attended that they did attend.',
    'Attendances by core agencies',
    'Meetings held × 9 core agencies',
    'marac',
    MARAC,
    'higher_is_better',
  ),
  share(
    'marac_specialist_spoc',
    'Specialist single points of contact',
    'Share of cases with a single point of contact where that contact is a substance-use or mental-health practitioner.',
    'Cases with a substance-use or mental-health contact',
    'Cases with a single point of contact',
    'marac',
    MARAC,
  ),
  share(
    'marac_victim_substance_use',
    'Victim uses substances',
    'Share of Marac cases where the victim misuses drugs or alcohol.',
    'Cases where the victim misuses substances',
    'Cases discussed',
    'marac',
    MARAC,
  ),
  share(
    'marac_perpetrator_substance_use',
    'Person causing harm uses substances',
    'Share of Marac cases where the person causing harm misuses drugs or alcohol.',
    'Cases where the person causing harm misuses substances',
    'Cases discussed',
    'marac',
    MARAC,
  ),
  share(
    'marac_victim_mental_health',
    'Victim has mental ill-health',
    'Share of Marac cases where the victim has mental ill-health.',
    'Cases where the victim has mental ill-health',
    'Cases discussed',
    'marac',
    MARAC,
  ),
  share(
    'marac_perpetrator_mental_health',
    'Person causing harm has mental ill-health',
    'Share of Marac cases where the person causing harm has mental ill-health.',
    'Cases where the person causing harm has mental ill-health',
    'Cases discussed',
    'marac',
    MARAC,
  ),
  share(
    'routine_enquiry_rate',
    'Routine enquiry',
    'Share of the caseload asked about the other issue.',
    'People asked',
    'Caseload',
    'agency',
    PRACTICE,
    'higher_is_better',
  ),
  share(
    'disclosure_rate',
    'Disclosure',
    'Share of people asked who disclosed the other issue.',
    'People who disclosed',
    'People asked',
    'agency',
    PRACTICE,
  ),
  share(
    'later_disclosure_share',
    'Later disclosure',
    'Share of disclosures made later in the working relationship rather than at assessment: a sign that asking again matters.',
    'Disclosed later',
    'People who disclosed',
    'agency',
    PRACTICE,
  ),
  share(
    'referral_conversion_made',
    'Referrals made that engaged',
    'Share of referrals made to the partner sector where the person went on to engage.',
    'Referrals made that engaged',
    'Referrals made',
    'agency',
    PATHWAYS,
    'higher_is_better',
  ),
  share(
    'referral_conversion_received',
    'Referrals received that engaged',
    'Share of referrals received from the partner sector where the person engaged.',
    'Referrals received that engaged',
    'Referrals received',
    'agency',
    PATHWAYS,
    'higher_is_better',
  ),
  {
    id: 'dual_issue_marac_referrals',
    title: 'Marac referrals from dual-issue agencies',
    definition: 'Cases referred to Marac by domestic abuse, refuge, Idva, drug and alcohol and mental-health services.',
    numerator: 'Marac referrals (agency returns)',
    denominator: '—',
    unit: 'count',
    polarity: 'none',
    benchmark: null,
    interval: 'none',
    source: 'agency',
    section: PATHWAYS,
  },
  share(
    'safeguarding_referral_rate',
    'Safeguarding referrals',
    "Children's and adult safeguarding referrals for each person on the caseload.",
    'Safeguarding referrals',
    'Caseload',
    'agency',
    PRACTICE,
  ),
  share(
    'case_repeat_rate',
    'Repeat episodes (case-level)',
    'Share of people with an episode who had another episode within the 12 months before it, matched by pseudonymous key and counted once in each quarter (and agency) they had an episode in.',
    'People with an earlier episode within 12 months, by quarter',
    'People with an episode, by quarter',
    'case',
    PRACTICE,
  ),
  share(
    'standards_compliance',
    'Practice standards met',
    'Share of applicable standards met in the current self-audits of the year the period ends in, after moderation.',
    'Standards met',
    'Standards that apply',
    'audit',
    GOVERNANCE,
    'higher_is_better',
  ),
  share(
    'return_completeness',
    'Returns received',
    'Share of expected quarterly returns (agencies and Maracs) that have been received.',
    'Returns received',
    'Returns expected',
    'completeness',
    GOVERNANCE,
    'higher_is_better',
  ),
];

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
