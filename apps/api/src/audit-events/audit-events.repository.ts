import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';
import type { AuditAction } from './audit-events.service.js';

/** Which events to read. Dates are UK calendar days, both included. */
export interface AuditEventFilter {
  from: string | null;
  to: string | null;
  /** An account id, matched exactly. */
  actorId: string | null;
  /** Part of the e-mail address the event was recorded with. */
  actorEmail: string | null;
  action: AuditAction | null;
}

/** Who is reading: their scope, and who they are (analysts see their own sign-ins only). */
export interface AuditReader {
  scope: AreaScope;
  userId: string;
}

export interface AuditEventView {
  id: string;
  at: Date;
  actor: { id: string | null; email: string | null; role: string | null } | null;
  action: AuditAction;
  target: { type: string; id: string | null } | null;
  areaCode: string | null;
  summary: string;
  details: Record<string, unknown>;
  address: string | null;
}

export const PAGE_SIZE = 50;
const CSV_BATCH = 1000;

const SELECT = `
  SELECT e.id, e.at, e.actor_id, e.actor_email, e.actor_role, e.action, e.target_type, e.target_id, e.area_code, e.summary, e.details, e.address
  FROM audit_event e`;

/**
 * Parameters $1–$7. A reader with a limited scope sees events of their areas only, and never
 * another person's sign-ins, which could show when and from where colleagues work.
 */
const WHERE = `
  WHERE ($1::date IS NULL OR e.at >= $1::date::timestamp AT TIME ZONE 'Europe/London')
    AND ($2::date IS NULL OR e.at < ($2::date + 1)::timestamp AT TIME ZONE 'Europe/London')
    AND ($3::uuid IS NULL OR e.actor_id = $3)
    AND ($4::text IS NULL OR e.actor_email ILIKE '%' || $4 || '%')
    AND ($5::text IS NULL OR e.action = $5)
    AND ($6::text[] IS NULL OR (e.area_code = ANY($6) AND (e.action NOT IN ('sign_in', 'sign_in_failed', 'sign_out') OR e.actor_id = $7)))`;

const NEWEST_FIRST = 'ORDER BY e.at DESC, e.id DESC';

const likePattern = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function parameters(filter: AuditEventFilter, reader: AuditReader): unknown[] {
  const email = filter.actorEmail === null ? null : likePattern(filter.actorEmail);
  return [filter.from, filter.to, filter.actorId, email, filter.action, reader.scope.areaCodes, reader.userId];
}

/** A row of SELECT as the driver returns it (a bigint id comes as text). */
interface AuditEventRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  action: AuditAction;
  target_type: string | null;
  target_id: string | null;
  area_code: string | null;
  summary: string;
  details: Record<string, unknown>;
  address: string | null;
}

function toView(r: AuditEventRow): AuditEventView {
  return {
    id: String(r.id),
    at: r.at,
    actor: r.actor_id || r.actor_email ? { id: r.actor_id, email: r.actor_email, role: r.actor_role } : null,
    action: r.action,
    target: r.target_type ? { type: r.target_type, id: r.target_id } : null,
    areaCode: r.area_code,
    summary: r.summary,
    details: r.details,
    address: r.address,
  };
}

/** Reads the audit trail. Nothing here (or anywhere) changes or removes an event. */
@Injectable()
export class AuditEventsRepository {
  constructor(private readonly db: DataSource) {}

  async page(
    filter: AuditEventFilter,
    reader: AuditReader,
    page: number,
  ): Promise<{ events: AuditEventView[]; total: number }> {
    const params = parameters(filter, reader);
    const [{ total }] = await this.db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM audit_event e ${WHERE}`,
      params,
    );
    const rows = await this.db.query<AuditEventRow[]>(
      `${SELECT} ${WHERE} ${NEWEST_FIRST} LIMIT ${PAGE_SIZE} OFFSET $8`,
      [...params, (page - 1) * PAGE_SIZE],
    );
    return { events: rows.map(toView), total };
  }

  /** Every matching event, newest first, in batches read through one cursor (one snapshot, little memory). */
  async *all(filter: AuditEventFilter, reader: AuditReader): AsyncGenerator<AuditEventView[]> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `DECLARE audit_events NO SCROLL CURSOR FOR ${SELECT} ${WHERE} ${NEWEST_FIRST}`,
        parameters(filter, reader),
      );
      for (;;) {
        const rows = (await runner.query(`FETCH ${CSV_BATCH} FROM audit_events`)) as AuditEventRow[];
        if (!rows.length) break;
        yield rows.map(toView);
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
