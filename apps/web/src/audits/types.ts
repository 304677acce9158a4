import type { AuditItem, Compliance, StandardRating } from '@waymark/domain';

export type Rating = StandardRating;

export const RATINGS: { code: Rating; label: string; tag: string }[] = [
  { code: 'met', label: 'Met', tag: 'govuk-tag--green' },
  { code: 'partly_met', label: 'Partly met', tag: 'govuk-tag--yellow' },
  { code: 'not_met', label: 'Not met', tag: 'govuk-tag--red' },
  { code: 'not_applicable', label: 'Not applicable', tag: 'govuk-tag--grey' },
];

export type { AuditItem };

export type ComplianceSummary = Compliance;

export interface Audit {
  id: string;
  agencyId: string | null;
  maracId: string | null;
  ownerName: string;
  period: string;
  status: 'draft' | 'submitted';
  version: number | null;
  current: boolean;
  submittedAt: string | null;
  submittedBy: string | null;
  summary: {
    standards: number;
    unrated: number;
    selfRated: ComplianceSummary;
    afterModeration: ComplianceSummary;
    actions: number;
  };
  items: AuditItem[];
}

export const ratingLabel = (r: Rating | null) => RATINGS.find((x) => x.code === r)?.label ?? 'Not rated';
export const ratingTag = (r: Rating | null) => RATINGS.find((x) => x.code === r)?.tag ?? 'govuk-tag--grey';

/** "12 of 30 applicable standards met (40%)" */
export function describeCompliance(c: ComplianceSummary): string {
  if (c.applicable === 0) return 'No standards apply.';
  return `${c.met} of ${c.applicable} applicable standards met (${Math.round((c.metShare ?? 0) * 100)}%), ${c.partlyMet} partly met, ${c.notMet} not met; ${c.notApplicable} not applicable.`;
}
