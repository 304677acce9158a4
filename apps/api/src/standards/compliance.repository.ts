import { Injectable } from '@nestjs/common';
import type { Compliance } from '@waymark/domain';
import { DataSource } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';
import { areaTree } from '../scope/area-tree.js';

export type ComplianceBy = 'standard' | 'theme' | 'agency' | 'sector';

/** Compliance of one standard, theme, agency or sector. */
export interface ComplianceRow extends Compliance {
  key: string;
  label: string;
}

export type AuditOwnerKind = 'agency' | 'marac';

/** An action on a partly met or unmet standard, past its target date. */
export interface OverdueAction {
  agencyId: string;
  agencyName: string;
  code: string;
  statement: string;
  rating: 'partly_met' | 'not_met';
  action: string | null;
  targetDate: string;
  auditId: string;
}

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

  /** Counts of each rating and the share met, with not-applicable ratings left out of the denominator. */
  compliance(
    scope: AreaScope,
    area: string | null,
    period: string,
    by: ComplianceBy,
    owner: AuditOwnerKind = 'agency',
  ): Promise<ComplianceRow[]> {
    const group = GROUPS[by];
    return this.db.query(
      `${effectiveRatings(owner)}
       SELECT ${group.key} AS key, ${group.label} AS label,
              count(*) FILTER (WHERE rating = 'met')::int AS met,
              count(*) FILTER (WHERE rating = 'partly_met')::int AS "partlyMet",
              count(*) FILTER (WHERE rating = 'not_met')::int AS "notMet",
              count(*) FILTER (WHERE rating = 'not_applicable')::int AS "notApplicable",
              count(*) FILTER (WHERE rating <> 'not_applicable')::int AS applicable,
              round(count(*) FILTER (WHERE rating = 'met')::numeric / nullif(count(*) FILTER (WHERE rating <> 'not_applicable'), 0), 4)::float8 AS "metShare"
       FROM ratings GROUP BY ${group.key} ORDER BY min(theme_id), 1`,
      [scope.areaCodes, area, period, scope.onlyAgencyId],
    );
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
  changeSinceLast(scope: AreaScope, area: string | null, period: string, previous: string) {
    return this.db.query(
      `WITH RECURSIVE ${areaTree('$2')}, shares AS (
         SELECT au.agency_id, au.period,
                count(*) FILTER (WHERE coalesce(r.moderated_rating, r.self_rating) = 'met')::numeric
                  / nullif(count(*) FILTER (WHERE coalesce(r.moderated_rating, r.self_rating) <> 'not_applicable'), 0) AS share
         FROM audit au JOIN audit_rating r ON r.audit_id = au.id
         WHERE au.is_current AND au.period IN ($3, $5) AND au.agency_id IS NOT NULL
         GROUP BY au.agency_id, au.period
       )
       SELECT g.id AS "agencyId", g.name AS "agencyName",
              round(now_.share, 4)::float8 AS "metShare", round(before.share, 4)::float8 AS "previousMetShare",
              round(now_.share - before.share, 4)::float8 AS change
       FROM agency g
       JOIN shares now_ ON now_.agency_id = g.id AND now_.period = $3
       LEFT JOIN shares before ON before.agency_id = g.id AND before.period = $5
       WHERE ($1::text[] IS NULL OR g.area_code = ANY($1)) AND ($4::uuid IS NULL OR g.id = $4)
         AND ($2::text IS NULL OR g.area_code IN (SELECT code FROM tree))
       ORDER BY g.name`,
      [scope.areaCodes, area, period, scope.onlyAgencyId, previous],
    );
  }
}
