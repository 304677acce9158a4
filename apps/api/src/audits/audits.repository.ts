import { Injectable } from '@nestjs/common';
import type { AuditItem, StandardRating, AuditListing } from '@waymark/domain';
import { DataSource } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';

export interface AuditOwner {
  agencyId: string | null;
  maracId: string | null;
}

/** A self-audit version without its ratings, as the API answers it (the shared answer type). */
export type AuditView = AuditListing;

export type { AuditItem } from '@waymark/domain';

export interface RatingInput {
  code: string;
  rating: StandardRating | null;
  evidenceRef: string | null;
  action: string | null;
  targetDate: string | null;
}

const SELECT_AUDIT = `
  SELECT au.id, au.agency_id AS "agencyId", au.marac_id AS "maracId", au.period, au.status, au.version, au.is_current AS "current",
         au.superseded_by AS "supersededBy", au.adoption_id AS "adoptionId", coalesce(g.name, m.name) AS "ownerName", g.sector,
         coalesce(g.area_code, m.area_code) AS "areaCode", au.created_at AS "createdAt", au.submitted_at AS "submittedAt",
         u.display_name AS "submittedBy"
  FROM audit au
  LEFT JOIN agency g ON g.id = au.agency_id
  LEFT JOIN marac m ON m.id = au.marac_id
  LEFT JOIN app_user u ON u.id = au.submitted_by`;

const IN_SCOPE = `($1::text[] IS NULL OR coalesce(g.area_code, m.area_code) = ANY($1)) AND ($2::uuid IS NULL OR au.agency_id = $2)`;

@Injectable()
export class AuditsRepository {
  constructor(private readonly db: DataSource) {}

  async find(scope: AreaScope, id: string): Promise<AuditView | null> {
    return (
      (
        await this.db.query<AuditView[]>(`${SELECT_AUDIT} WHERE ${IN_SCOPE} AND au.id = $3`, [
          scope.areaCodes,
          scope.onlyAgencyId,
          id,
        ])
      )[0] ?? null
    );
  }

  list(
    scope: AreaScope,
    filter: { agencyId: string | null; maracId: string | null; period: string | null },
  ): Promise<AuditView[]> {
    return this.db.query(
      `${SELECT_AUDIT} WHERE ${IN_SCOPE} AND (au.is_current OR au.status = 'draft')
         AND ($3::uuid IS NULL OR au.agency_id = $3) AND ($4::uuid IS NULL OR au.marac_id = $4) AND ($5::text IS NULL OR au.period = $5)
       ORDER BY au.period DESC, "ownerName", au.status`,
      [scope.areaCodes, scope.onlyAgencyId, filter.agencyId, filter.maracId, filter.period],
    );
  }

  /** Every submitted version and any draft of one owner's audit for a period, newest first. */
  versions(audit: AuditView): Promise<AuditView[]> {
    return this.db.query(
      `${SELECT_AUDIT} WHERE coalesce(au.agency_id, au.marac_id) = $1 AND au.period = $2 ORDER BY au.status = 'draft' DESC, au.version DESC`,
      [audit.agencyId ?? audit.maracId, audit.period],
    );
  }

  async draftId(owner: AuditOwner, period: string): Promise<string | null> {
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM audit WHERE coalesce(agency_id, marac_id) = $1 AND period = $2 AND status = 'draft'`,
      [owner.agencyId ?? owner.maracId, period],
    );
    return rows[0]?.id ?? null;
  }

  async currentId(owner: AuditOwner, period: string): Promise<string | null> {
    const rows = await this.db.query<{ id: string }[]>(
      'SELECT id FROM audit WHERE coalesce(agency_id, marac_id) = $1 AND period = $2 AND is_current',
      [owner.agencyId ?? owner.maracId, period],
    );
    return rows[0]?.id ?? null;
  }

  /** A draft listing the given standards, optionally carrying over the answers of an earlier audit. */
  createDraft(
    owner: AuditOwner,
    adoptionId: string,
    period: string,
    codes: string[],
    createdBy: string,
    copyFrom: string | null,
  ): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }[]>(
        `INSERT INTO audit (agency_id, marac_id, adoption_id, period, status, created_by) VALUES ($1, $2, $3, $4, 'draft', $5) RETURNING id`,
        [owner.agencyId, owner.maracId, adoptionId, period, createdBy],
      );
      await tx.query(
        `INSERT INTO audit_rating (audit_id, code, self_rating, evidence_ref, action, target_date)
         SELECT $1, c.code, p.self_rating, p.evidence_ref, p.action, p.target_date
         FROM unnest($2::text[]) AS c(code)
         LEFT JOIN audit_rating p ON p.audit_id = $3 AND p.code = c.code`,
        [row.id, codes, copyFrom],
      );
      return row.id;
    });
  }

  items(auditId: string): Promise<AuditItem[]> {
    return this.db.query(
      `SELECT r.code, s.theme_id AS "themeId", s.theme_title AS "themeTitle", s.statement, s.evidence, s.quick_win AS "quickWin", s.origin,
              r.self_rating AS "selfRating", r.evidence_ref AS "evidenceRef", r.action, to_char(r.target_date, 'YYYY-MM-DD') AS "targetDate",
              r.moderated_rating AS "moderatedRating", r.moderation_reason AS "moderationReason", u.display_name AS "moderatedBy", r.moderated_at AS "moderatedAt"
       FROM audit_rating r
       JOIN audit au ON au.id = r.audit_id
       JOIN adopted_standard s ON s.adoption_id = au.adoption_id AND s.code = r.code
       LEFT JOIN app_user u ON u.id = r.moderated_by
       WHERE r.audit_id = $1 ORDER BY s.position`,
      [auditId],
    );
  }

  async saveRatings(auditId: string, ratings: RatingInput[]): Promise<void> {
    await this.db.query(
      `UPDATE audit_rating r SET self_rating = x.rating, evidence_ref = x.evidence_ref, action = x.action, target_date = x.target_date::date
       FROM jsonb_to_recordset($2::jsonb) AS x(code text, rating text, evidence_ref text, action text, target_date text)
       WHERE r.audit_id = $1 AND r.code = x.code`,
      [
        auditId,
        JSON.stringify(
          ratings.map((r) => ({
            code: r.code,
            rating: r.rating,
            evidence_ref: r.evidenceRef,
            action: r.action,
            target_date: r.targetDate,
          })),
        ),
      ],
    );
  }

  /** The draft becomes the next submitted version and the current one; the previous version is kept and points at it. */
  submit(audit: AuditView, userId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const owner = audit.agencyId ?? audit.maracId;
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`audit/${owner}/${audit.period}`]);
      const [previous] = await tx.query<{ id: string; version: number }[]>(
        'SELECT id, version FROM audit WHERE coalesce(agency_id, marac_id) = $1 AND period = $2 AND is_current',
        [owner, audit.period],
      );
      const [{ next }] = await tx.query<{ next: number }[]>(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM audit WHERE coalesce(agency_id, marac_id) = $1 AND period = $2`,
        [owner, audit.period],
      );
      if (previous)
        await tx.query('UPDATE audit SET is_current = false, superseded_by = $2 WHERE id = $1', [
          previous.id,
          audit.id,
        ]);
      await tx.query(
        `UPDATE audit SET status = 'submitted', version = $2, is_current = true, submitted_by = $3, submitted_at = now() WHERE id = $1`,
        [audit.id, next, userId],
      );
      return next;
    });
  }

  async moderate(
    auditId: string,
    code: string,
    rating: StandardRating,
    reason: string,
    userId: string,
  ): Promise<boolean> {
    const rows = await this.db.query<{ code: string }[]>(
      `WITH changed AS (
         UPDATE audit_rating SET moderated_rating = $3, moderation_reason = $4, moderated_by = $5, moderated_at = now()
         WHERE audit_id = $1 AND code = $2 RETURNING code
       ) SELECT code FROM changed`,
      [auditId, code, rating, reason, userId],
    );
    return rows.length > 0;
  }
}
