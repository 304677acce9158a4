import { AGENCY_QUARTER, CASE_LEVEL, MARAC_QUARTER, returnTypeById, STORED_QUARTER_PATTERN, type ReturnType, type ReturnTypeId } from '@waymark/domain';
import { FACT_TABLES, type AuditFacts, type Fingerprint, type OutboxPosition, type SubmissionFacts, type UnloadableReturn, type WarehouseChange, type WarehouseSource } from '@waymark/analytics';
import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { readRows, typedRows } from '../returns/stored-rows.js';

/** Case-level rows are exported in this many parts at once, one per core PostgreSQL can use. */
const EXPORT_PARTS = Math.max(1, Math.min(4, availableParallelism()));

/**
 * Current returns whose period the warehouse can place. Older releases let a few through that the
 * rules now refuse (a year before 2000); they stay in PostgreSQL, are left out of every build and
 * fingerprint, and are listed by `unloadable()` so that one of them can never stop Waymark starting.
 */
const LOADABLE = `s.is_current AND s.period ~ '${STORED_QUARTER_PATTERN}'`;

const numericKeys = (type: ReturnType) => type.fields.filter((f) => f.kind === 'count' || f.kind === 'share').map((f) => f.key);

/** The warehouse's view of PostgreSQL: current versions only, read in batches. */
export class PostgresWarehouseSource implements WarehouseSource {
  constructor(private readonly db: DataSource) {}

  areas() {
    return this.db.query(`SELECT code, name, type, parent_code AS "parentCode", females_16plus AS "females16plus" FROM area`);
  }

  agencies() {
    return this.db.query(`SELECT id, name, sector, area_code AS "areaCode", active FROM agency`);
  }

  maracs() {
    return this.db.query(`SELECT id, name, area_code AS "areaCode", active FROM marac`);
  }

  schedules() {
    return this.db.query(`SELECT id, agency_id AS "agencyId", marac_id AS "maracId", return_type AS "returnType", from_period AS "from", until_period AS "until" FROM return_schedule`);
  }

  /**
   * The current version of the return a submission belongs to, as stored; null when there is none or
   * the warehouse cannot take it. A change replayed late therefore brings the latest version.
   */
  async submission(id: string): Promise<SubmissionFacts | null> {
    const [s] = await this.db.query(
      `SELECT s.id, s.return_type AS "returnType", s.agency_id AS "agencyId", s.marac_id AS "maracId", s.period
       FROM submission given JOIN submission s ON s.return_type = given.return_type AND coalesce(s.agency_id, s.marac_id) = coalesce(given.agency_id, given.marac_id) AND s.period = given.period
       WHERE given.id = $1 AND ${LOADABLE}`,
      [id],
    );
    if (!s) return null;
    return { id: s.id, returnType: s.returnType, agencyId: s.agencyId, maracId: s.maracId, period: s.period, rows: await readRows(this.db, s.id, s.returnType) };
  }

  /** The newest number is never below what was cleared, even when every change has been cleared away. */
  async outbox(): Promise<OutboxPosition> {
    const [row] = await this.db.query(
      `SELECT database_id AS "databaseId", cleared_through::float8 AS "clearedThrough",
              greatest(cleared_through, (SELECT coalesce(max(seq), 0) FROM warehouse_change))::float8 AS newest
       FROM warehouse_outbox`,
    );
    return row;
  }

  changes(after: number, limit: number): Promise<WarehouseChange[]> {
    return this.db.query('SELECT seq::float8 AS seq, kind, ref FROM warehouse_change WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit]);
  }

  /** Clears changes the warehouse holds that are older than a week, keeping a recent record of what changed. */
  async clearApplied(through: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [{ cleared }] = await tx.query(`WITH gone AS (DELETE FROM warehouse_change WHERE seq <= $1 AND recorded_at < now() - interval '7 days' RETURNING seq) SELECT max(seq)::float8 AS cleared FROM gone`, [through]);
      if (cleared !== null) await tx.query('UPDATE warehouse_outbox SET cleared_through = greatest(cleared_through, $1)', [cleared]);
    });
  }

  async *submissions(): AsyncIterable<SubmissionFacts> {
    const ids: { id: string }[] = await this.db.query(`SELECT id FROM submission s WHERE ${LOADABLE} ORDER BY return_type, period, id`);
    for (const { id } of ids) yield (await this.submission(id))!;
  }

  unloadable(): Promise<UnloadableReturn[]> {
    return this.db.query(
      `SELECT id, return_type AS "returnType", period, 'its period is not a quarter from 2000-01 Q1 on' AS reason
       FROM submission s WHERE s.is_current AND NOT s.period ~ '${STORED_QUARTER_PATTERN}' ORDER BY period, id`,
    );
  }

  /** The current submitted audit of one owner and year, with effective ratings; null when there is none. */
  async audit(auditId: string): Promise<AuditFacts | null> {
    const [a] = await this.db.query(
      `SELECT cur.id, cur.agency_id AS "agencyId", cur.marac_id AS "maracId", cur.period
       FROM audit given JOIN audit cur ON coalesce(cur.agency_id, cur.marac_id) = coalesce(given.agency_id, given.marac_id) AND cur.period = given.period AND cur.is_current
       WHERE given.id = $1`,
      [auditId],
    );
    if (!a) return null;
    const ratings = await this.db.query(
      `SELECT r.code, s.theme_id AS "themeId", s.theme_title AS "themeTitle", s.statement, r.self_rating AS "selfRating",
              coalesce(r.moderated_rating, r.self_rating) AS rating
       FROM audit_rating r JOIN audit au ON au.id = r.audit_id JOIN adopted_standard s ON s.adoption_id = au.adoption_id AND s.code = r.code
       WHERE r.audit_id = $1 ORDER BY s.position`,
      [a.id],
    );
    return { auditId: a.id, agencyId: a.agencyId, maracId: a.maracId, period: a.period, ratings };
  }

  async *audits(): AsyncIterable<AuditFacts> {
    const ids: { id: string }[] = await this.db.query('SELECT id FROM audit WHERE is_current ORDER BY period, id');
    for (const { id } of ids) yield (await this.audit(id))!;
  }

  /**
   * Streams every current row of a return type from PostgreSQL to CSV files with COPY, so no row
   * passes through JavaScript objects: one file per part, written at once over their own
   * connections so PostgreSQL formats the parts on every core. Lists go out as [a,b], which DuckDB
   * reads as lists (codes never hold commas or brackets).
   */
  async exportRows(returnType: ReturnTypeId, fileOf: (part: number) => string): Promise<{ files: string[]; rows: number }> {
    const type = returnTypeById(returnType);
    if (!type) throw new Error(`Unknown return type ${returnType}`);
    const parts = type.shape === 'rows' ? EXPORT_PARTS : 1;
    const columns = type.fields.map((f) => (f.kind === 'codes' ? `translate(r.${f.key}::text, '{}', '[]') AS ${f.key}` : `r.${f.key}`));
    const driver = this.db.driver as unknown as { master: { connect(): Promise<PoolClient> } };
    const counts = await Promise.all(Array.from({ length: parts }, async (_, part) => {
      const client = await driver.master.connect();
      try {
        const sql = `COPY (
            SELECT s.id AS submission_id, s.agency_id, s.marac_id, s.period, r.row_number, ${columns.join(', ')}
            FROM submission s JOIN ${typedRows(type)} ON r.submission_id = s.id
            WHERE ${LOADABLE} AND s.return_type = ${client.escapeLiteral(returnType)} AND (hashtext(s.id::text) & 65535) % ${parts} = ${part}
          ) TO STDOUT WITH (FORMAT csv, HEADER)`;
        const copy = client.query(copyTo(sql));
        await pipeline(copy, createWriteStream(fileOf(part)));
        return copy.rowCount;
      } finally {
        client.release();
      }
    }));
    return { files: counts.map((_, part) => fileOf(part)), rows: counts.reduce((a, b) => a + b, 0) };
  }

  /** The same totals the warehouse computes, worked out from the stored rows. */
  async fingerprint(): Promise<Fingerprint> {
    const out: Fingerprint = {};
    for (const type of [AGENCY_QUARTER, MARAC_QUARTER, CASE_LEVEL]) {
      const keys = numericKeys(type);
      const total = keys.length ? `coalesce(round(sum(${keys.map((k) => `coalesce(r.${k}, 0)`).join(' + ')}), 2), 0)` : 'count(*) FILTER (WHERE r.disclosed)';
      const [row] = await this.db.query(
        `SELECT count(*)::int AS rows, count(DISTINCT s.id)::int AS groups, ${total}::float8 AS total
         FROM submission s JOIN ${typedRows(type)} ON r.submission_id = s.id WHERE ${LOADABLE} AND s.return_type = $1`,
        [type.id],
      );
      out[FACT_TABLES[type.id].name] = { rows: row.rows, groups: row.groups, total: Number(row.total) };
    }
    const [audit] = await this.db.query(
      `SELECT count(*)::int AS rows, count(DISTINCT au.id)::int AS groups, count(*) FILTER (WHERE coalesce(r.moderated_rating, r.self_rating) = 'met')::float8 AS total
       FROM audit au JOIN audit_rating r ON r.audit_id = au.id WHERE au.is_current`,
    );
    out.fact_audit_rating = { rows: audit.rows, groups: audit.groups, total: Number(audit.total) };
    return out;
  }
}
