import type { ReportKind } from '../reports/kinds.js';

/** A kind of report with the quarters it covers unless asked otherwise. */
export interface OfferedReportKind extends ReportKind {
  from: string;
  to: string;
}

/** GET /api/reports: the kinds of report. GET /api/reports/:kind answers a `Report`. */
export interface ReportKindsAnswer {
  kinds: OfferedReportKind[];
}
