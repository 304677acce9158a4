import { AGENCY_QUARTER, CASE_LEVEL, MARAC_QUARTER, returnTypeById, type ReturnType, type ReturnTypeId } from '@waymark/domain';
import { FACT_TABLES, type AuditFacts, type Fingerprint, type SubmissionFacts, type WarehouseSource } from '@waymark/analytics';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';

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

  /** One submission's facts, as stored. */
  async submission(id: string): Promise<SubmissionFacts | null> {
    const [s] = await this.db.query(`SELECT id, return_type AS "returnType", agency_id AS "agencyId", marac_id AS "maracId", period, is_current AS "current" FROM submission WHERE id = $1`, [id]);
    if (!s) return null;
    const rows: { data: Record<string, unknown> }[] = await this.db.query('SELECT data FROM submission_row WHERE submission_id = $1 ORDER BY row_number', [id]);
    return { id: s.id, returnType: s.returnType, agencyId: s.agencyId, maracId: s.maracId, period: s.period, rows: rows.map((r) => r.data) };
  }

  async *submissions(): AsyncIterable<SubmissionFacts> {
    const ids: { id: string }[] = await this.db.query('SELECT id FROM submission WHERE is_current ORDER BY return_type, period, id');
    for (const { id } of ids) yield (await this.submission(id))!;
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
   * Streams every current row of a return type straight from PostgreSQL to a file with COPY, so no
   * row passes through JavaScript objects. CSV with control characters as quote and delimiter leaves
   * the JSON text untouched.
   */
  async exportRows(returnType: ReturnTypeId, file: string): Promise<number> {
    if (!returnTypeById(returnType)) throw new Error(`Unknown return type ${returnType}`);
    const driver = this.db.driver as unknown as { master: { connect(): Promise<PoolClient> } };
    const client = await driver.master.connect();
    try {
      // The row's own JSON goes out untouched beside its return's keys: building one JSON object per
      // row in PostgreSQL costs more than twice as much as copying the stored text.
      const sql = `COPY (
          SELECT s.id, s.agency_id, s.marac_id, s.period, r.row_number, r.data
          FROM submission s JOIN submission_row r ON r.submission_id = s.id
          WHERE s.is_current AND s.return_type = ${client.escapeLiteral(returnType)}
        ) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;
      const copy = client.query(copyTo(sql));
      await pipeline(copy, createWriteStream(file));
      return copy.rowCount;
    } finally {
      client.release();
    }
  }

  /** The same totals the warehouse computes, worked out from the stored JSON rows. */
  async fingerprint(): Promise<Fingerprint> {
    const out: Fingerprint = {};
    for (const type of [AGENCY_QUARTER, MARAC_QUARTER, CASE_LEVEL]) {
      const keys = numericKeys(type);
      const total = keys.length
        ? `coalesce(round(sum((SELECT sum(value::numeric) FROM jsonb_each_text(r.data) WHERE key = ANY($2::text[]) AND value IS NOT NULL)), 2), 0)`
        : `count(*) FILTER (WHERE (r.data->>'disclosed')::boolean)`;
      const [row] = await this.db.query(
        `SELECT count(*)::int AS rows, count(DISTINCT s.id)::int AS groups, ${total}::float8 AS total
         FROM submission s JOIN submission_row r ON r.submission_id = s.id WHERE s.is_current AND s.return_type = $1 ${keys.length ? '' : 'AND $2::text[] IS NOT NULL'}`,
        [type.id, keys],
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
