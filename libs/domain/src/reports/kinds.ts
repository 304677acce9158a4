import type { AreaType } from '../areas.js';
import type { Role } from '../roles.js';

/** Who reads reports: the people who read the partnership's dashboards (not the accounts that send returns). */
export const REPORT_READERS: readonly Role[] = ['admin', 'analyst', 'viewer'];

export type ReportKindId = 'marac-steering-group' | 'partnership-performance' | 'needs-assessment';
export type ReportFormat = 'docx' | 'xlsx';

/** The papers Waymark writes for governance groups: what each covers, for whom, and in which formats. */
export interface ReportKind {
  id: ReportKindId;
  title: string;
  description: string;
  /** Word for reports read as papers, Excel for the data pack analysts work from. */
  format: ReportFormat;
  /** A print-ready page in the dashboard as well as the file. */
  printable: boolean;
  /** How the period is chosen: one quarter (with two years of trend), one financial year, or a run of years. */
  period: 'quarter' | 'year' | 'years';
  /** The area levels it is written for; a Marac report can also be chosen by Marac. */
  areaTypes: readonly AreaType[];
  byMarac: boolean;
}

export const REPORT_KINDS: readonly ReportKind[] = [
  {
    id: 'marac-steering-group',
    title: 'Marac steering group report',
    description:
      'A quarter at one Marac or area: volume against the recommended level, repeats, who refers and who the victims are, complex needs, attendance, returns and the Marac self-assessment, with two years of trend.',
    format: 'docx',
    printable: true,
    period: 'quarter',
    areaTypes: ['lad', 'csp', 'pfa'],
    byMarac: true,
  },
  {
    id: 'partnership-performance',
    title: 'Partnership performance report',
    description:
      'A financial year across a partnership or force area: dual-issue practice, referral pathways, practice standards, overdue actions, service gaps and every Marac side by side.',
    format: 'docx',
    printable: true,
    period: 'year',
    areaTypes: ['csp', 'pfa'],
    byMarac: false,
  },
  {
    id: 'needs-assessment',
    title: 'Needs-assessment data pack',
    description:
      'Every indicator by district and financial year with populations, counts, intervals and benchmarks, and a methods sheet: the evidence base for a safe-accommodation needs assessment or local strategy.',
    format: 'xlsx',
    printable: false,
    period: 'years',
    areaTypes: ['lad', 'csp', 'pfa'],
    byMarac: false,
  },
];

export const reportKind = (id: string): ReportKind | undefined => REPORT_KINDS.find((k) => k.id === id);
