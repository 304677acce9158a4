import { Injectable } from '@nestjs/common';
import type { OwnerKind, ReturnTypeId, ReturnSchedule } from '@waymark/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';
import { areaTree } from '../scope/area-tree.js';

/** A return schedule as the API answers it (the shared answer type). */
export type ScheduleView = ReturnSchedule;

export interface NewSchedule {
  owner: { kind: OwnerKind; id: string };
  returnType: ReturnTypeId;
  from: string;
  until: string | null;
  createdBy: string | null;
}

const SELECT_SCHEDULE = `
  SELECT s.id, CASE WHEN s.agency_id IS NULL THEN 'marac' ELSE 'agency' END AS "ownerKind", s.agency_id AS "agencyId", s.marac_id AS "maracId",
         coalesce(g.name, m.name) AS "ownerName", coalesce(g.active, m.active) AS "ownerActive",
         a.code AS "areaCode", a.name AS "areaName", s.return_type AS "returnType",
         s.from_period AS "from", s.until_period AS "until", s.created_at AS "createdAt"
  FROM return_schedule s
  LEFT JOIN agency g ON g.id = s.agency_id
  LEFT JOIN marac m ON m.id = s.marac_id
  JOIN area a ON a.code = coalesce(g.area_code, m.area_code)`;

/** Which returns each agency and Marac is due to send, and from when. Schedules are ended, never deleted. */
@Injectable()
export class SchedulesRepository {
  constructor(private readonly db: DataSource) {}

  /** Schedules of the agencies and Maracs the caller may see, in the area and the areas inside it. */
  list(scope: AreaScope, areaCode: string | null): Promise<ScheduleView[]> {
    return this.db.query(
      `WITH RECURSIVE ${areaTree('$3')}
       ${SELECT_SCHEDULE}
       WHERE ($1::text[] IS NULL OR a.code = ANY($1)) AND ($2::uuid IS NULL OR s.agency_id = $2)
         AND ($3::text IS NULL OR a.code IN (SELECT code FROM tree))
       ORDER BY a.name, "ownerKind" DESC, "ownerName", s.return_type, s.from_period`,
      [scope.areaCodes, scope.onlyAgencyId, areaCode],
    );
  }

  async find(id: string): Promise<ScheduleView | null> {
    const rows = await this.db.query<ScheduleView[]>(`${SELECT_SCHEDULE} WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Whether another schedule of the same owner and return type shares a quarter with these. */
  async overlaps(
    schedule: Pick<NewSchedule, 'owner' | 'returnType' | 'from' | 'until'>,
    exceptId: string | null,
    db: DataSource | EntityManager = this.db,
  ): Promise<boolean> {
    const rows = await db.query<unknown[]>(
      `SELECT 1 FROM return_schedule
       WHERE coalesce(agency_id, marac_id) = $1 AND return_type = $2 AND ($5::uuid IS NULL OR id <> $5)
         AND ($4::text IS NULL OR from_period <= $4) AND (until_period IS NULL OR until_period >= $3)`,
      [schedule.owner.id, schedule.returnType, schedule.from, schedule.until, exceptId],
    );
    return rows.length > 0;
  }

  /**
   * Adds a schedule unless, by the time it is written, another of the same owner and return type
   * shares a quarter with it (two requests at once each passed the service's check): null then.
   * Schedules of one owner and return type are written one at a time.
   */
  insertAlone(schedule: NewSchedule): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `schedule/${schedule.owner.id}/${schedule.returnType}`,
      ]);
      return (await this.overlaps(schedule, null, tx)) ? null : this.insert(schedule, tx);
    });
  }

  /** Adds a schedule; pass the transaction when the owner is being created in it. */
  async insert(schedule: NewSchedule, db: DataSource | EntityManager = this.db): Promise<string> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO return_schedule (${schedule.owner.kind}_id, return_type, from_period, until_period, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [schedule.owner.id, schedule.returnType, schedule.from, schedule.until, schedule.createdBy],
    );
    return row.id;
  }

  async setUntil(id: string, until: string | null): Promise<void> {
    await this.db.query('UPDATE return_schedule SET until_period = $2 WHERE id = $1', [id, until]);
  }
}
