import type { StandardRating } from './ratings.js';

/** One standard in a self-audit as the API returns it: the standard, the self-rating and any moderation. */
export interface AuditItem {
  code: string;
  themeId: string;
  themeTitle: string;
  statement: string;
  evidence: string;
  quickWin: boolean;
  origin: 'framework' | 'local';
  selfRating: StandardRating | null;
  evidenceRef: string | null;
  action: string | null;
  targetDate: string | null;
  moderatedRating: StandardRating | null;
  moderationReason: string | null;
  moderatedBy: string | null;
  moderatedAt: string | null;
}
