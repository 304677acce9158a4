import { quarterFromIndex, quarterStart, quarterEnd } from '../periods.js';

/** The national Marac figures SafeLives publishes for a rolling 12 months, with that period. */
export interface NationalMaracPeriod {
  label: string;
  /** First and last day, ISO dates. */
  start: string;
  end: string;
  maracsSubmitting: number;
  cases: number;
  casesPer10kAdultFemales: number;
  /** Shares as proportions (the published percentages ÷ 100). */
  repeat: number;
  partnerAgencyReferral: number;
  minoritised: number;
  lgbt: number;
  disabled: number;
  male: number;
  aged16To17: number;
  source: string;
}

export type NationalMaracFigure =
  | 'casesPer10kAdultFemales'
  | 'repeat'
  | 'partnerAgencyReferral'
  | 'minoritised'
  | 'lgbt'
  | 'disabled'
  | 'male'
  | 'aged16To17';

const period = (
  label: string,
  start: string,
  end: string,
  maracs: number,
  cases: number,
  per10k: number,
  pct: [number, number, number, number, number, number, number],
  source: string,
): NationalMaracPeriod => {
  const [repeat, partnerAgencyReferral, minoritised, lgbt, disabled, male, aged16To17] = pct.map(
    (p) => Math.round(p * 10) / 1000,
  );
  return {
    label,
    start,
    end,
    maracsSubmitting: maracs,
    cases,
    casesPer10kAdultFemales: per10k,
    repeat,
    partnerAgencyReferral,
    minoritised,
    lgbt,
    disabled,
    male,
    aged16To17,
    source,
  };
};

const LATEST_DATA = 'https://safelives.org.uk/research-policy/practitioner-datasets/marac-data';
const OLDER_DATA = 'https://safelives.org.uk/practice-support/resources-marac-meetings/latest-marac-data';

/**
 * SafeLives' national Marac dataset headlines, newest first (seeds/reference/safelives_national_marac_by_period.csv
 * holds the same figures as published; a test keeps the two equal). Percentages: repeat, partner-agency
 * referral, Black/Asian/minoritised, LGBT+, disabled, male, aged 16–17.
 */
export const NATIONAL_MARAC_PERIODS: readonly NationalMaracPeriod[] = [
  period(
    'Oct 2023 to Sep 2024',
    '2023-10-01',
    '2024-09-30',
    276,
    119985,
    47,
    [31, 36.1, 14.1, 1.6, 10.1, 6.4, 1.3],
    LATEST_DATA,
  ),
  period(
    'Jul 2023 to Jun 2024',
    '2023-07-01',
    '2024-06-30',
    282,
    127594,
    48,
    [32, 35, 15.0, 1.6, 9.3, 6.2, 1.3],
    LATEST_DATA,
  ),
  period(
    'Jul 2022 to Jun 2023',
    '2022-07-01',
    '2023-06-30',
    273,
    108775,
    45,
    [32, 36, 16.1, 1.6, 10.0, 6.5, 1.3],
    OLDER_DATA,
  ),
  period(
    'Jul 2018 to Jun 2019',
    '2018-07-01',
    '2019-06-30',
    284,
    99945,
    39,
    [30, 35, 15.0, 1.2, 6.4, 5.2, 1.6],
    'http://www.safelives.org.uk/practice-support/resources-marac-meetings/latest-marac-data',
  ),
];

/** How a national figure was chosen for a range of quarters. */
export type NationalMatch = 'same_period' | 'nearest' | 'latest';

export interface DatedNational {
  period: NationalMaracPeriod;
  match: NationalMatch;
  /** Plain words for the page and the report: which period is used and why. */
  note: string;
}

/** Months since year 0, for overlap arithmetic. */
const monthOf = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

/**
 * The published 12 months to compare a range of quarters with: the period that shares at least half
 * of the range (or six months of it, for ranges over a year), else the latest when the range is after
 * every published period, else the nearest. The note says which, so no figure is read against a year
 * it does not describe without saying so.
 */
export function nationalFigureFor(
  fromQuarter: number,
  toQuarter: number,
  periods: readonly NationalMaracPeriod[] = NATIONAL_MARAC_PERIODS,
): DatedNational {
  const first = monthOf(quarterStart(quarterFromIndex(fromQuarter)));
  const last = monthOf(quarterEnd(quarterFromIndex(toQuarter)));
  const span = last - first + 1;
  const overlap = (p: NationalMaracPeriod) =>
    Math.max(0, Math.min(last, monthOf(p.end)) - Math.max(first, monthOf(p.start)) + 1);
  const best = [...periods].sort((a, b) => overlap(b) - overlap(a) || monthOf(b.end) - monthOf(a.end))[0];
  if (overlap(best) >= Math.min(6, Math.ceil(span / 2))) {
    return {
      period: best,
      match: 'same_period',
      note: `SafeLives national figure for ${best.label}, the published period that covers this range.`,
    };
  }
  const latest = periods.reduce((a, b) => (monthOf(b.end) > monthOf(a.end) ? b : a));
  if (first > monthOf(latest.end)) {
    return {
      period: latest,
      match: 'latest',
      note: `No national figure is published for this range yet; the latest, for ${latest.label}, is used.`,
    };
  }
  const middle = (first + last) / 2;
  const distance = (p: NationalMaracPeriod) => Math.abs((monthOf(p.start) + monthOf(p.end)) / 2 - middle);
  const nearest = [...periods].sort((a, b) => distance(a) - distance(b))[0];
  return {
    period: nearest,
    match: 'nearest',
    note: `No national figure is published for this range; the nearest, for ${nearest.label}, is used.`,
  };
}
