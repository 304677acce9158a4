import type { AuditItem } from '../standards/audit-item.js';
import type { Compliance } from '../standards/ratings.js';
import type { SectorCode } from '../sectors.js';

/** One version of a self-audit without its ratings: GET /api/audits and GET /api/audits/:id/versions (lists). */
export interface AuditListing {
  id: string;
  agencyId: string | null;
  maracId: string | null;
  period: string;
  status: 'draft' | 'submitted';
  version: number | null;
  current: boolean;
  supersededBy: string | null;
  adoptionId: string;
  ownerName: string;
  sector: SectorCode | null;
  areaCode: string;
  createdAt: string;
  submittedAt: string | null;
  submittedBy: string | null;
}

/** A self-audit's ratings summed up, as rated and after moderation. */
export interface AuditSummary {
  standards: number;
  unrated: number;
  selfRated: Compliance;
  afterModeration: Compliance;
  /** Standards with an action in the plan. */
  actions: number;
}

/**
 * A self-audit with every standard's rating: GET /api/audits/:id (and its .json export), and what opening,
 * saving, submitting and moderating answer.
 */
export interface Audit extends AuditListing {
  summary: AuditSummary;
  items: AuditItem[];
}
