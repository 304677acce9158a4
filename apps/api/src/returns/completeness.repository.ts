import { Injectable } from '@nestjs/common';
import type { ReturnTypeId } from '@waymark/domain';
import { DataSource } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';
import { areaTree } from '../scope/area-tree.js';

export interface ExpectedReturnRow {
  kind: 'agency' | 'marac';
  returnType: ReturnTypeId;
  id: string;
  name: string;
  sector: string | null;
  areaCode: string;
  areaName: string;
  submissionId: string | null;
  version: number | null;
  firstSubmittedOn: string | null;
}

@Injectable()
export class CompletenessRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Every return due in the quarter by the schedules of active agencies and Maracs in the area (and
   * the areas inside it) that the caller may see, with its current version, if any, and the UK date
   * its first version arrived.
   */
  expected(scope: AreaScope, areaCode: string | null, period: string): Promise<ExpectedReturnRow[]> {
    return this.db.query(
      `WITH RECURSIVE ${areaTree('$3')}, due AS (
         SELECT agency_id, marac_id, return_type FROM return_schedule
         WHERE from_period <= $4 AND (until_period IS NULL OR until_period >= $4)
       ), owners AS (
         SELECT 'agency' AS kind, g.id, g.name, g.sector, g.area_code, d.return_type FROM due d JOIN agency g ON g.id = d.agency_id
         WHERE g.active AND ($2::uuid IS NULL OR g.id = $2)
         UNION ALL
         SELECT 'marac', m.id, m.name, NULL, m.area_code, d.return_type FROM due d JOIN marac m ON m.id = d.marac_id
         WHERE m.active AND $2::uuid IS NULL
       )
       SELECT o.kind, o.return_type AS "returnType", o.id, o.name, o.sector, o.area_code AS "areaCode", a.name AS "areaName",
              cur.id AS "submissionId", cur.version,
              to_char(first.submitted_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "firstSubmittedOn"
       FROM owners o
       JOIN area a ON a.code = o.area_code
       LEFT JOIN submission cur ON cur.is_current AND cur.period = $4 AND cur.return_type = o.return_type
                               AND coalesce(cur.agency_id, cur.marac_id) = o.id
       LEFT JOIN LATERAL (
         SELECT min(s.submitted_at) AS submitted_at FROM submission s
         WHERE s.period = $4 AND s.return_type = o.return_type AND coalesce(s.agency_id, s.marac_id) = o.id
       ) first ON true
       WHERE ($1::text[] IS NULL OR o.area_code = ANY($1))
         AND ($3::text IS NULL OR o.area_code IN (SELECT code FROM tree))
       ORDER BY o.kind DESC, a.name, o.name, o.return_type`,
      [scope.areaCodes, scope.onlyAgencyId, areaCode, period],
    );
  }
}
