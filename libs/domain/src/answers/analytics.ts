import type { AttendanceLevel, Benchmark, IndicatorSource, IndicatorUnit } from '../indicators/catalogue.js';
import type { Coverage, ReturnCount, ReturnsStatus } from '../indicators/returns-coverage.js';
import type { ReturnTypeId } from '../returns/return-type.js';
import type { AreaType } from '../areas.js';
import type { Comparison, Estimate, Polarity } from '../statistics/comparison.js';
import type { StandardRating } from '../standards/ratings.js';
import type { AnswerRange, DisclosureReport } from './common.js';

/** An indicator as the catalogue describes it, with its benchmarks as they apply to the answer's quarters. */
export interface IndicatorDescription {
  id: string;
  title: string;
  definition: string;
  unit: IndicatorUnit;
  polarity: Polarity;
  benchmark: Benchmark | null;
  /** A second level shown beside the benchmark (for example the national figure). */
  reference: Benchmark | null;
  section: string;
  source: IndicatorSource;
}

/** A figure as published for the reader: `suppressed` when it had to be withheld. */
export interface PublishedEstimate extends Estimate {
  suppressed: boolean;
}

/** Figures an indicator with a gap to its benchmark carries (Marac case volume against the recommended level). */
export interface IndicatorExtra {
  /** The count the benchmark implies for this denominator. */
  recommendedCases: number | null;
  shortfall: number | null;
  surplus: number | null;
}

/** One indicator worked out for the reader: its figure, and whether the returns behind it arrived. */
export interface PublishedIndicator extends PublishedEstimate {
  id: string;
  status: ReturnsStatus;
  /** Returns of the indicator's kind received and due in the range (null when not counted). */
  returns: ReturnCount | null;
  benchmark: Benchmark | null;
  reference: Benchmark | null;
  extra?: IndicatorExtra;
}

/** One indicator of GET /api/analytics/indicators: described, worked out and compared. */
export interface IndicatorFigure extends IndicatorDescription, PublishedIndicator {
  comparisonLabel: string;
  /** With compare=national: the share over every area reporting to Waymark, or null when withheld. */
  national?: number | null;
}

/** GET /api/analytics/indicators: every indicator for an area and range of quarters. */
export interface IndicatorsAnswer extends AnswerRange {
  quarters: number;
  coverage: Coverage;
  returns: { marac: ReturnCount | null; agency: ReturnCount | null };
  /** With compare=national: why no all-areas comparison is shown, or null. */
  nationalNote?: string | null;
  disclosure: DisclosureReport;
  indicators: IndicatorFigure[];
}

/** One quarter of a trend: its figure, counts, interval and whether its returns arrived. */
export interface TrendPoint extends Omit<Estimate, 'comparison'> {
  period: string;
  suppressed: boolean;
  status: ReturnsStatus;
  returns: ReturnCount | null;
}

export interface TrendSeries extends IndicatorDescription {
  points: TrendPoint[];
}

/** GET /api/analytics/trends: the quarterly series of the chosen indicators. */
export interface TrendsAnswer extends AnswerRange {
  periods: string[];
  disclosure: DisclosureReport;
  series: TrendSeries[];
}

/** One practice rate of an agency beside the summed rate of its sector's other agencies. */
export interface PeerIndicator extends IndicatorDescription {
  own: PublishedIndicator;
  peers: PublishedIndicator;
  comparison: Comparison;
  comparisonLabel: string;
}

/** GET /api/analytics/peers: one agency's practice rates beside its peers'. */
export interface PeersAnswer extends AnswerRange {
  agency: { id: string; name: string; sector: string; sectorLabel: string };
  peerAgencies: number;
  /** Why the peers' figures are not shown, or null. */
  peersWithheld: string | null;
  disclosure: DisclosureReport;
  indicators: PeerIndicator[];
}

/**
 * One area of a comparison: its figure, and where it lies against the 95% and 99.8% limits ("below",
 * "within" or "above"; null when it cannot be placed). A table row, so a type with every column.
 */
export type ComparisonArea = {
  code: string;
  name: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  comparison: Comparison;
  suppressed: boolean;
  funnel95: string | null;
  funnel998: string | null;
};

/** The funnel limits at one denominator. */
export interface FunnelPoint {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/** GET /api/analytics/comparison: areas side by side for one indicator, with funnel limits. */
export interface ComparisonAnswer extends AnswerRange {
  level: AreaType;
  indicator: IndicatorDescription;
  /** The rate the limits are drawn around: the benchmark, or the rate over every area shown when there is none. */
  target: number | null;
  benchmark: Benchmark | null;
  /** The rate over every area shown, with its interval where there is one. */
  overall: { value: number; lower?: number; upper?: number } | null;
  disclosure: DisclosureReport;
  areas: ComparisonArea[];
  funnel: FunnelPoint[];
}

export interface PathwayNode {
  id: string;
  label: string;
}

/** Referrals from one sector (or Marac referrer) to another, and how many engaged (null when not known). */
export type PathwayLink = {
  source: string;
  target: string;
  referrals: number | null;
  engaged: number | null;
  /** What the figures come from: "case-level", "agency returns" or "Marac returns". */
  basis: string;
};

/** GET /api/analytics/pathways: referral pathways between sectors and into Marac. */
export interface PathwaysAnswer extends AnswerRange {
  disclosure: DisclosureReport;
  nodes: PathwayNode[];
  links: PathwayLink[];
}

/** One agency's effective rating of one standard in its current self-audit (a table row). */
export type HeatmapCell = {
  agencyId: string;
  agencyName: string;
  sector: string;
  code: string;
  themeId: string;
  themeTitle: string;
  rating: StandardRating;
};

/** A standard no agency meets. */
export interface UnmetStandard {
  code: string;
  statement: string;
  themeTitle: string;
  met: number;
  applicable: number;
}

/** A core agency's attendance at Marac meetings; `meetings` is null when withheld and 0 when none were recorded. */
export interface MaracAttendance {
  agency: string;
  label: string;
  attended: number | null;
  meetings: number | null;
  share: number | null;
}

/** An agency that heard many disclosures of the other issue but saw few referrals engage. */
export interface ServiceGap {
  agencyName: string;
  sector: string;
  disclosed: number | null;
  referralsMade: number | null;
  referralsEngaged: number | null;
}

/** GET /api/analytics/gaps: standards heatmap, core agencies missing from Marac, service gaps. */
export interface GapsAnswer extends AnswerRange {
  /** The financial year whose self-audits the heatmap shows. */
  auditYear: string;
  disclosure: DisclosureReport;
  heatmap: HeatmapCell[];
  standardsNoAgencyMeets: UnmetStandard[];
  /** Core agencies below the expected attendance. */
  missingAtMarac: MaracAttendance[];
  attendance: MaracAttendance[];
  expectedAttendance: AttendanceLevel;
  serviceGaps: ServiceGap[];
}

export interface ExplorerColumn {
  key: string;
  label: string;
}

/** One group of the explorer's table: its name, and each figure (null when withheld). */
export interface ExplorerRow {
  group: string;
  [figure: string]: string | number | null;
}

/** GET /api/analytics/explorer: figures from the agency or Marac returns, grouped as asked. */
export interface ExplorerAnswer extends AnswerRange {
  source: ReturnTypeId;
  groupBy: string;
  disclosure: DisclosureReport;
  columns: ExplorerColumn[];
  rows: ExplorerRow[];
}
