import {
  AGENCY_QUARTER,
  CASE_LEVEL,
  MARAC_QUARTER,
  returnTypeById,
  STORED_QUARTER_PATTERN,
  type ReturnType,
  type ReturnTypeId,
} from '@waymark/domain';
import {
  FACT_TABLES,
  type AuditFacts,
  type ExportedPart,
  type Fingerprint,
  type OutboxPosition,
  type StoredReturn,
  type UnloadableReturn,
  type WarehouseChange,
  type WarehouseSource,
} from '@waymark/analytics';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { storedPlace, typedRows } from '../returns/stored-rows.js';
import { exportParts } from './row-export.js';

/** Case-level rows are rebuilt from this many parts, so that loading can start long before the export ends (quarterly returns from two). */
const REBUILD_PARTS = 8;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Current returns whose period the warehouse can place. Older releases let a few through that the
 * rules now refuse (a year before 2000); they stay in PostgreSQL, are left out of every build and
 * fingerprint, and are listed by `unloadable()` so that one of them can never stop Waymark starting.
 */
const LOADABLE = `s.is_current AND s.period ~ '${STORED_QUARTER_PATTERN}'`;

const numericKeys = (type: ReturnType) =>
  type.fields.filter((f) => f.kind === 'count' || f.kind === 'share').map((f) => f.key);

/** The warehouse's view of PostgreSQL: current versions only, read in batches. */
export class PostgresWarehouseSource implements WarehouseSource {
  constructor(private readonly db: DataSource) {}

  areas() {
    return this.db.query(
      `SELECT code, name, type, parent_code AS "parentCode", females_16plus AS "females16plus" FROM area`,
    );
  }

  agencies() {
    return this.db.query(`SELECT id, name, sector, area_code AS "areaCode", active FROM agency`);
  }

  maracs() {
    return this.db.query(`SELECT id, name, area_code AS "areaCode", active FROM marac`);
  }

  schedules() {
    return this.db.query(
      `SELECT id, agency_id AS "agencyId", marac_id AS "maracId", return_type AS "returnType", from_period AS "from", until_period AS "until" FROM return_schedule`,
    );
  }

  /** The current version of the return a submission belongs to; null when there is none or the warehouse cannot take it. */
  async submission(id: string): Promise<StoredReturn | null> {
    const [current] = await this.db.query<StoredReturn[]>(
      `SELECT s.id, s.return_type AS "returnType", s.agency_id AS "agencyId", s.marac_id AS "maracId", s.period, s.row_count AS rows
       FROM submission given JOIN submission s ON s.return_type = given.return_type AND coalesce(s.agency_id, s.marac_id) = coalesce(given.agency_id, given.marac_id) AND s.period = given.period
       WHERE given.id = $1 AND ${LOADABLE}`,
      [id],
    );
    return current ?? null;
  }

  /** The newest number is never below what was cleared, even when every change has been cleared away. */
  async outbox(): Promise<OutboxPosition> {
    const [row] = await this.db.query<OutboxPosition[]>(
      `SELECT database_id AS "databaseId", cleared_through::float8 AS "clearedThrough",
              greatest(cleared_through, (SELECT coalesce(max(seq), 0) FROM warehouse_change))::float8 AS newest,
              (SELECT change_id FROM warehouse_change ORDER BY seq DESC LIMIT 1) AS "newestId"
       FROM warehouse_outbox`,
    );
    return row;
  }

  changes(after: number, limit: number): Promise<WarehouseChange[]> {
    return this.db.query(
      'SELECT seq::float8 AS seq, change_id AS id, kind, ref, owner, return_type AS "returnType", period FROM warehouse_change WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, limit],
    );
  }

  async changeId(seq: number): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }[]>('SELECT change_id AS id FROM warehouse_change WHERE seq = $1', [
      seq,
    ]);
    return row?.id ?? null;
  }

  /**
   * Clears changes older than a week that the warehouse holds, keeping a recent record of what changed
   * and always the last one applied, by which the warehouse checks that it still follows this outbox.
   */
  async clearApplied(through: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [{ cleared }] = await tx.query<{ cleared: number | null }[]>(
        `WITH gone AS (DELETE FROM warehouse_change WHERE seq < $1 AND recorded_at < now() - interval '7 days' RETURNING seq) SELECT max(seq)::float8 AS cleared FROM gone`,
        [through],
      );
      if (cleared !== null)
        await tx.query('UPDATE warehouse_outbox SET cleared_through = greatest(cleared_through, $1)', [cleared]);
    });
  }

  unloadable(): Promise<UnloadableReturn[]> {
    return this.db.query(
      `SELECT id, return_type AS "returnType", period, 'its period is not a quarter from 2000-01 Q1 on' AS reason
       FROM submission s WHERE s.is_current AND NOT s.period ~ '${STORED_QUARTER_PATTERN}' ORDER BY period, id`,
    );
  }

  /** The current submitted audit of one owner and year, with effective ratings; null when there is none. */
  async audit(auditId: string): Promise<AuditFacts | null> {
    const [a] = await this.db.query<{ id: string; agencyId: string | null; maracId: string | null; period: string }[]>(
      `SELECT cur.id, cur.agency_id AS "agencyId", cur.marac_id AS "maracId", cur.period
       FROM audit given JOIN audit cur ON coalesce(cur.agency_id, cur.marac_id) = coalesce(given.agency_id, given.marac_id) AND cur.period = given.period AND cur.is_current
       WHERE given.id = $1`,
      [auditId],
    );
    if (!a) return null;
    const ratings = await this.db.query<AuditFacts['ratings']>(
      `SELECT r.code, s.theme_id AS "themeId", s.theme_title AS "themeTitle", s.statement, r.self_rating AS "selfRating",
              coalesce(r.moderated_rating, r.self_rating) AS rating
       FROM audit_rating r JOIN audit au ON au.id = r.audit_id JOIN adopted_standard s ON s.adoption_id = au.adoption_id AND s.code = r.code
       WHERE r.audit_id = $1 ORDER BY s.position`,
      [a.id],
    );
    return { auditId: a.id, agencyId: a.agencyId, maracId: a.maracId, period: a.period, ratings };
  }

  async *audits(): AsyncIterable<AuditFacts> {
    const ids = await this.db.query<{ id: string }[]>('SELECT id FROM audit WHERE is_current ORDER BY period, id');
    for (const { id } of ids) yield (await this.audit(id))!;
  }

  /**
   * Streams current rows of a return type from PostgreSQL to CSV files with COPY, so no row passes
   * through JavaScript objects. Case-level rows, by far the most, are cut into parts by where they lie
   * on disk (ranges of the table's pages, each read by a TID range scan), exported a few at a time so
   * the warehouse loads finished parts while later ones are written. Lists go out as [a,b], which
   * DuckDB reads as lists (codes never hold commas or brackets).
   */
  async *exportRows(
    returnType: ReturnTypeId,
    fileOf: (part: number) => string,
    only?: string[],
  ): AsyncIterable<ExportedPart> {
    const type = returnTypeById(returnType);
    if (!type) throw new Error(`Unknown return type ${returnType}`);
    if (only?.some((id) => !UUID.test(id))) throw new Error('Returns are named by their ids');
    const columns = type.fields.map((f) =>
      f.kind === 'codes' ? `translate(r.${f.key}::text, '{}', '[]') AS ${f.key}` : `r.${f.key}`,
    );
    const chosen = only ? `s.id IN (${only.map((id) => `'${id}'`).join(', ')})` : `s.return_type = '${returnType}'`;
    const query = (pages: string) => `COPY (
        SELECT s.id AS submission_id, s.agency_id, s.marac_id, s.period, r.row_number, ${columns.join(', ')}
        FROM submission s JOIN ${typedRows(type)} ON r.submission_id = s.id
        WHERE ${LOADABLE} AND ${chosen}${pages}
      ) TO STDOUT WITH (FORMAT csv, HEADER)`;
    const parts = only ? [''] : await this.pageRanges(type, type.shape === 'rows' ? REBUILD_PARTS : 2);
    yield* exportParts(this.pool, parts.map(query), fileOf);
  }

  /** Conditions cutting a return type's stored rows into `parts` runs of pages; the last is open-ended, so rows added meanwhile are not lost. */
  private async pageRanges(type: ReturnType, parts: number): Promise<string[]> {
    const { table, place } = storedPlace(type);
    const [{ pages }] = await this.db.query<{ pages: number }[]>(
      `SELECT (pg_relation_size($1) / current_setting('block_size')::int)::int AS pages`,
      [table],
    );
    const step = Math.max(1, Math.ceil(pages / parts));
    return Array.from({ length: parts }, (_, i) => {
      const from = i === 0 ? '' : ` AND ${place} >= '(${i * step},0)'::tid`;
      const to = i === parts - 1 ? '' : ` AND ${place} < '(${(i + 1) * step},0)'::tid`;
      return from + to;
    });
  }

  private get pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /** The same totals the warehouse computes, worked out from the stored rows. */
  async fingerprint(): Promise<Fingerprint> {
    const out: Fingerprint = {};
    for (const type of [AGENCY_QUARTER, MARAC_QUARTER, CASE_LEVEL]) {
      const keys = numericKeys(type);
      const total = keys.length
        ? `coalesce(round(sum(${keys.map((k) => `coalesce(r.${k}, 0)`).join(' + ')}), 2), 0)`
        : 'count(*) FILTER (WHERE r.disclosed)';
      const [row] = await this.db.query<Fingerprint[string][]>(
        `SELECT count(*)::int AS rows, count(DISTINCT s.id)::int AS groups, ${total}::float8 AS total
         FROM submission s JOIN ${typedRows(type)} ON r.submission_id = s.id WHERE ${LOADABLE} AND s.return_type = $1`,
        [type.id],
      );
      out[FACT_TABLES[type.id].name] = { rows: row.rows, groups: row.groups, total: Number(row.total) };
    }
    const [audit] = await this.db.query<Fingerprint[string][]>(
      `SELECT count(*)::int AS rows, count(DISTINCT au.id)::int AS groups, count(*) FILTER (WHERE coalesce(r.moderated_rating, r.self_rating) = 'met')::float8 AS total
       FROM audit au JOIN audit_rating r ON r.audit_id = au.id WHERE au.is_current`,
    );
    out.fact_audit_rating = { rows: audit.rows, groups: audit.groups, total: Number(audit.total) };
    return out;
  }
}
