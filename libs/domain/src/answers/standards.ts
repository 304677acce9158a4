import type { Compliance, StandardRating } from '../standards/ratings.js';
import type { Framework, FrameworkKind } from '../standards/framework.js';

/** A framework version: GET /api/standards/frameworks (a list) and what importing one answers. */
export interface FrameworkSummary {
  id: string;
  key: string;
  version: string;
  kind: FrameworkKind;
  title: string;
  importedAt: string;
  /** How many standards it has. */
  standards: number;
}

/** GET /api/standards/frameworks/:id: a framework version with its themes and standards. */
export interface FrameworkDetail
  extends Omit<FrameworkSummary, 'standards'>, Pick<Framework, 'themes' | 'standards' | 'sources' | 'description'> {}

/** An area's current choice of framework: GET /api/standards/adoptions (a list). */
export interface Adoption {
  id: string;
  areaCode: string;
  areaName: string;
  kind: FrameworkKind;
  frameworkId: string;
  frameworkTitle: string;
  frameworkVersion: string;
  adoptedAt: string;
}

/** A standard as an area adopted it: from the framework or its own, in use or switched off. */
export interface AdoptedStandard {
  code: string;
  themeId: string;
  themeTitle: string;
  statement: string;
  evidence: string;
  sectors: string[];
  quickWin: boolean;
  origin: 'framework' | 'local';
  active: boolean;
  /** Why the area switched it off; null while it is in use. */
  switchedOffReason: string | null;
}

/** An adoption with its standards: GET /api/standards/adoptions/:id, and what adopting and switching answer. */
export interface AdoptionDetail extends Adoption {
  standards: AdoptedStandard[];
}

/** POST /api/standards/adoptions/:id/standards (201): the adoption with the new local standard, and its code. */
export interface LocalStandardAdded extends AdoptionDetail {
  code: string;
}

/** Compliance of one standard, theme, agency or sector: GET /api/standards/compliance (a list). */
export interface ComplianceGroup extends Compliance {
  key: string;
  label: string;
}

/** An action on a partly met or unmet standard, past its target date. */
export interface OverdueAction {
  agencyId: string;
  agencyName: string;
  code: string;
  statement: string;
  rating: Extract<StandardRating, 'partly_met' | 'not_met'>;
  action: string | null;
  targetDate: string;
  auditId: string;
}

/** An agency's share of standards met in a year and in the year before. */
export interface AuditChange {
  agencyId: string;
  agencyName: string;
  metShare: number | null;
  previousMetShare: number | null;
  change: number | null;
}

/** GET /api/standards/gaps: standards nobody meets, overdue actions, and change since the last audit. */
export interface StandardsGapsAnswer {
  area: string | null;
  period: string;
  previousPeriod: string;
  standardsNoAgencyMeets: ComplianceGroup[];
  overdueActions: OverdueAction[];
  changeSinceLastAudit: AuditChange[];
}
