import { Injectable } from '@nestjs/common';
import {
  complianceOf,
  type AuditChange,
  type ComplianceGroup,
  type RatingCounts,
  type OverdueAction,
} from '@waymark/domain';
import { DataSource } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';
import { areaTree } from '../scope/area-tree.js';

export type ComplianceBy = 'standard' | 'theme' | 'agency' | 'sector';

/** Compliance of one standard, theme, agency or sector (the shared answer type). */
export type ComplianceRow = ComplianceGroup;

export type AuditOwnerKind = 'agency' | 'marac';

/**
 * The ratings that count: the current submitted audit of each agency (or Marac) in the area (and the
 * areas inside it) for a period, with the moderated rating where there is one. Agency submitters see
 * their own agency's only, so no Marac's.
 */
const effectiveRatings = (owner: AuditOwnerKind) => `
  WITH RECURSIVE ${areaTree('$2')}, ratings AS (
    SELECT r.code, coalesce(r.moderated_rating, r.self_rating) AS rating, s.theme_id, s.theme_title, s.statement,
           g.id AS agency_id, g.name AS agency_name, ${owner === 'agency' ? 'g.sector' : 'NULL::text AS sector'}, r.target_date, r.action, au.id AS audit_id
    FROM audit au
    JOIN ${owner} g ON g.id = au.${owner}_id
    JOIN audit_rating r ON r.audit_id = au.id
    JOIN adopted_standard s ON s.adoption_id = au.adoption_id AND s.code = r.code
    WHERE au.is_current AND au.period = $3
      AND ($1::text[] IS NULL OR g.area_code = ANY($1)) AND ${owner === 'agency' ? '($4::uuid IS NULL OR g.id = $4)' : '$4::uuid IS NULL'}
      AND ($2::text IS NULL OR g.area_code IN (SELECT code FROM tree))
  )`;

const GROUPS: Record<ComplianceBy, { key: string; label: string }> = {
  standard: { key: 'code', label: 'min(statement)' },
  theme: { key: 'theme_id', label: 'min(theme_title)' },
  agency: { key: 'agency_id::text', label: 'min(agency_name)' },
  sector: { key: 'sector', label: 'sector' },
};

@Injectable()
export class ComplianceRepository {
  constructor(private readonly db: DataSource) {}

  /** Counts of each rating, and the share met by the one rule (complianceOf). */
  async compliance(
    scope: AreaScope,
    area: string | null,
    period: string,
    by: ComplianceBy,
    owner: AuditOwnerKind = 'agency',
  ): Promise<ComplianceRow[]> {
    const group = GROUPS[by];
    const rows = await this.db.query<({ key: string; label: string } & RatingCounts)[]>(
      `${effectiveRatings(owner)}
       SELECT ${group.key} AS key, ${group.label} AS label,
              count(*) FILTER (WHERE rating = 'met')::int AS met,
              count(*) FILTER (WHERE rating = 'partly_met')::int AS "partlyMet",
              count(*) FILTER (WHERE rating = 'not_met')::int AS "notMet",
              count(*) FILTER (WHERE rating = 'not_applicable')::int AS "notApplicable"
       FROM ratings GROUP BY ${group.key} ORDER BY min(theme_id), 1`,
      [scope.areaCodes, area, period, scope.onlyAgencyId],
    );
    return rows.map(({ key, label, ...counts }) => ({ key, label, ...complianceOf(counts) }));
  }

  /** Actions on partly met or unmet standards whose target date has passed (agency_ fields name the Marac for Marac audits). */
  overdueActions(
    scope: AreaScope,
    area: string | null,
    period: string,
    today: string,
    owner: AuditOwnerKind = 'agency',
  ): Promise<OverdueAction[]> {
    return this.db.query(
      `${effectiveRatings(owner)}
       SELECT agency_id AS "agencyId", agency_name AS "agencyName", code, statement, rating, action,
              to_char(target_date, 'YYYY-MM-DD') AS "targetDate", audit_id AS "auditId"
       FROM ratings WHERE rating IN ('partly_met', 'not_met') AND target_date < $5::date
       ORDER BY target_date, agency_name, code`,
      [scope.areaCodes, area, period, scope.onlyAgencyId, today],
    );
  }

  /** Each agency's share of standards met in this period and in the one before. */
  async changeSinceLast(
    scope: AreaScope,
    area: string | null,
    period: string,
    previous: string,
  ): Promise<AuditChange[]> {
    const rows = await this.db.query<
      { agencyId: string; agencyName: string; now: RatingCounts; before: RatingCounts | null }[]
    >(
      `WITH RECURSIVE ${areaTree('$2')}, counts AS (
         SELECT au.agency_id, au.period,
                count(*) FILTER (WHERE rating = 'met')::int AS met,
                count(*) FILTER (WHERE rating = 'partly_met')::int AS "partlyMet",
                count(*) FILTER (WHERE rating = 'not_met')::int AS "notMet",
                count(*) FILTER (WHERE rating = 'not_applicable')::int AS "notApplicable"
         FROM audit au JOIN audit_rating r ON r.audit_id = au.id
         CROSS JOIN LATERAL (SELECT coalesce(r.moderated_rating, r.self_rating) AS rating) effective
         WHERE au.is_current AND au.period IN ($3, $5) AND au.agency_id IS NOT NULL
         GROUP BY au.agency_id, au.period
       )
       SELECT g.id AS "agencyId", g.name AS "agencyName", to_jsonb(now_) AS now, to_jsonb(before) AS before
       FROM agency g
       JOIN counts now_ ON now_.agency_id = g.id AND now_.period = $3
       LEFT JOIN counts before ON before.agency_id = g.id AND before.period = $5
       WHERE ($1::text[] IS NULL OR g.area_code = ANY($1)) AND ($4::uuid IS NULL OR g.id = $4)
         AND ($2::text IS NULL OR g.area_code IN (SELECT code FROM tree))
       ORDER BY g.name`,
      [scope.areaCodes, area, period, scope.onlyAgencyId, previous],
    );
    return rows.map(({ agencyId, agencyName, now, before }) => {
      const metShare = complianceOf(now).metShare;
      const previousMetShare = before ? complianceOf(before).metShare : null;
      return {
        agencyId,
        agencyName,
        metShare,
        previousMetShare,
        change: metShare === null || previousMetShare === null ? null : metShare - previousMetShare,
      };
    });
  }
}
