import type { IndicatorUnit } from '../indicators/catalogue.js';
import type { ReportKindId } from './kinds.js';

/**
 * A report as both the Word writer and the dashboard's print view read it. Tables hold the text a
 * reader sees (formatted once, by the domain's rules, from answers already published for the
 * reader's role); charts hold the numbers they are drawn from, so a picture can show no more than
 * the table beside it.
 */
export interface ReportTable {
  caption: string;
  head: string[];
  /** Which columns hold figures (right-aligned, as GOV.UK tables set numbers). */
  numeric: boolean[];
  rows: string[][];
}

/** A chart, drawn by the server as an image and by the print view as SVG from the same definition. */
export interface ReportChart {
  title: string;
  /** Horizontal bars for categories, a line for quarters. */
  kind: 'bars' | 'line';
  unit: IndicatorUnit;
  categories: string[];
  /** `missing` is written where a value is null (for example "withheld"); without it a null draws nothing. */
  series: { label: string; values: (number | null)[]; missing?: string }[];
  /** Levels drawn across the chart: a benchmark, the recommended level. */
  references: { label: string; value: number }[];
  /** What the chart shows, in a sentence: the text alternative. */
  description: string;
}

export interface ReportSection {
  id: string;
  title: string;
  /** What changed or stands out, in plain English. */
  summary: string;
  charts: ReportChart[];
  tables: ReportTable[];
  notes: string[];
}

export interface Report {
  kind: ReportKindId;
  title: string;
  /** The area and period in words, as a cover would put them. */
  subtitle: string;
  area: { code: string; name: string; type: string } | null;
  marac: { id: string; name: string } | null;
  from: string;
  to: string;
  /** ISO timestamp of when it was written. */
  madeAt: string;
  /** Whether small numbers are hidden, and which figures the paper holds in a sentence for its cover. */
  rules: { disclosureApplied: boolean; statement: string };
  /**
   * The Government Security Classification marking printed at the top of every page: OFFICIAL for
   * published figures, OFFICIAL-SENSITIVE when the paper holds exact small counts about people.
   */
  marking: { label: 'OFFICIAL' | 'OFFICIAL-SENSITIVE'; note: string };
  sections: ReportSection[];
  /** Every benchmark's source and period, and the population estimates used. */
  sources: string[];
  /** A file name without extension, safe on every system. */
  fileName: string;
}

/** Series colours for report charts (GOV.UK palette, each with enough contrast on white), in order; references are drawn in black. */
export const SERIES_COLOURS = ['#1d70b8', '#b34e00', '#00703c', '#4c2c92'] as const;
