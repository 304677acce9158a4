import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DuckDBInstance, LIST, listValue, VARCHAR, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { ReaderPool } from './readers.js';
import { parseQuarter, quarterIndex } from '@waymark/domain';
import {
  AGAIN_WITHIN_12_MONTHS,
  areaKey,
  PERSON_IN_QUARTER,
  PERSON_QUARTER_WINDOW,
  REPEAT_MARKS,
  AUDIT_COLUMNS,
  CASE_SORT,
  DIM_AGENCY_COLUMNS,
  DIM_AREA_COLUMNS,
  DIM_MARAC_COLUMNS,
  DIM_SCHEDULE_COLUMNS,
  FACT_TABLES,
  schemaStatements,
  WAREHOUSE_TABLES,
  type FactTable,
} from './schema.js';
import { exportedRowsSql, PATH_COLUMNS } from './exported-rows.js';
import type {
  AgencyRow,
  AreaRow,
  AuditFacts,
  ExportedPart,
  Fingerprint,
  MaracRow,
  ScheduleRow,
  StoredReturn,
  UnloadableReturn,
  WarehouseSource,
  Withdrawn,
} from './source.js';

/** Bumped whenever the warehouse layout changes; a file with another version is rebuilt. */
export const WAREHOUSE_SCHEMA_VERSION = 6;

export interface WarehouseState {
  state: 'ready' | 'closed';
  schemaVersion: number | null;
  tables: number;
}

interface Path {
  lad_code: string | null;
  csp_code: string | null;
  pfa_code: string | null;
  lad_key: number | null;
  csp_key: number | null;
  pfa_key: number | null;
}

export type Progress = (message: string) => void;

type DimensionSource = Pick<WarehouseSource, 'areas' | 'agencies' | 'maracs' | 'schedules'>;
export interface Dimensions {
  areas: AreaRow[];
  agencies: AgencyRow[];
  maracs: MaracRow[];
  schedules: ScheduleRow[];
}

/** What one pass over the outbox brings: reloaded owners and areas (when any changed), returns and audits, and the last change's number. */
export interface AppliedChanges {
  dimensions?: Dimensions | null;
  returns: StoredReturn[];
  audits: AuditFacts[];
  /** Returns and audits left with no current version, whose rows leave the warehouse. */
  withdrawn?: Withdrawn[];
  /** The last change applied, by number and id; null for writes that are not changes from the outbox. */
  through: { seq: number; id: string } | null;
}

export async function readDimensions(source: DimensionSource): Promise<Dimensions> {
  const [areas, agencies, maracs, schedules] = await Promise.all([
    source.areas(),
    source.agencies(),
    source.maracs(),
    source.schedules(),
  ]);
  return { areas, agencies, maracs, schedules };
}

/** A predicate (and its parameter) keeping a scan to the row groups of one owner's area. */
function inOwnArea(path: Path, alias = ''): { sql: string; params: Record<string, number> } {
  const level = (['lad', 'csp', 'pfa'] as const).find((l) => path[`${l}_key`] !== null);
  return level
    ? { sql: ` AND ${alias}${level}_key = $area_key`, params: { area_key: path[`${level}_key`]! } }
    : { sql: '', params: {} };
}

/** Where the parts of an export for this warehouse are written: beside it, named after it. */
const exportStem = (path: string) =>
  path === ':memory:'
    ? join(tmpdir(), `.waymark-export-${process.pid}-`)
    : join(dirname(path), `.${basename(path)}.export-`);

/** BIGINT columns come back as bigint; area keys fit a double exactly. */
const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Numeric dictionary fields of a fact table, whose sum is part of the fingerprint. */
export function fingerprintTotal(table: FactTable): string {
  const numeric = table.type.fields
    .filter((f) => f.kind === 'count' || f.kind === 'share')
    .map((f) => `coalesce("${f.key}", 0)`);
  return numeric.length ? `round(sum(${numeric.join(' + ')}), 2)` : 'count(*) FILTER (WHERE disclosed)';
}

/**
 * The DuckDB warehouse: a derived, disposable copy of what PostgreSQL holds, shaped for
 * aggregation. Only this library opens the DuckDB file. It holds current versions only.
 */
export class Warehouse {
  private readonly readers: ReaderPool;

  private constructor(
    private readonly instance: DuckDBInstance,
    private connection: DuckDBConnection | null,
    readonly path: string,
  ) {
    this.readers = new ReaderPool(instance);
  }

  static async open(path: string): Promise<Warehouse> {
    if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    // The file opens in one process at a time, so export parts named after it are a crashed run's.
    if (path !== ':memory:') {
      const stem = exportStem(path);
      const left = (await readdir(dirname(path))).map((f) => join(dirname(path), f)).filter((f) => f.startsWith(stem));
      await Promise.all(left.map((f) => rm(f, { force: true })));
    }
    const warehouse = new Warehouse(instance, await instance.connect(), path);
    await warehouse.db.run(
      'CREATE TABLE IF NOT EXISTS warehouse_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)',
    );
    return warehouse;
  }

  get db(): DuckDBConnection {
    if (!this.connection) throw new Error('The warehouse is closed');
    return this.connection;
  }

  /** Every fact the file keeps about itself (layout, when built, which outbox change it holds), in one read. */
  private async meta(): Promise<Map<string, string>> {
    const rows = (await this.db.runAndReadAll('SELECT key, value FROM warehouse_meta')).getRowObjectsJS();
    return new Map(rows.map((r) => [String(r.key), String(r.value)]));
  }

  private async setMeta(key: string, value: string): Promise<void> {
    await this.db.run('INSERT OR REPLACE INTO warehouse_meta VALUES ($key, $value)', { key, value });
  }

  /** True when the file holds a complete build of the current layout (a deleted or old file does not). */
  async isBuilt(): Promise<boolean> {
    const meta = await this.meta();
    return meta.get('schema_version') === String(WAREHOUSE_SCHEMA_VERSION) && meta.has('built_at');
  }

  /** Read on a reader connection: a health check must not wait behind a long write. */
  async state(): Promise<WarehouseState> {
    if (!this.connection) return { state: 'closed', schemaVersion: null, tables: 0 };
    const [row] = await this.readers.run(
      "SELECT (SELECT count(*)::INTEGER FROM information_schema.tables WHERE table_schema = 'main') AS tables, (SELECT value FROM warehouse_meta WHERE key = 'schema_version') AS version",
      {},
      {},
    );
    return {
      state: 'ready',
      schemaVersion: row.version === null ? null : Number(row.version),
      tables: Number(row.tables),
    };
  }

  /**
   * Inserts rows handed over as one JSON parameter and typed by DuckDB's json_transform, so nothing
   * touches the disk and no value is ever spliced into the SQL text.
   */
  private async load(
    table: string,
    columns: { name: string; sqlType: string }[],
    rows: Record<string, unknown>[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const structure = Object.fromEntries(
      columns.map((c) => [c.name, c.sqlType.endsWith('[]') ? [c.sqlType.slice(0, -2)] : c.sqlType]),
    );
    await this.db.run(
      `INSERT INTO ${table} BY NAME SELECT r.* FROM (SELECT unnest(json_transform($rows::JSON, '${JSON.stringify([structure])}')) AS r)`,
      { rows: JSON.stringify(rows) },
    );
  }

  private async replaceDimensions({ areas, agencies, maracs, schedules }: Dimensions): Promise<void> {
    const byCode = new Map(areas.map((a) => [a.code, a]));
    const pathOf = (code: string): Path => {
      const path: Path = {
        lad_code: null,
        csp_code: null,
        pfa_code: null,
        lad_key: null,
        csp_key: null,
        pfa_key: null,
      };
      for (let area = byCode.get(code); area; area = area.parentCode ? byCode.get(area.parentCode) : undefined) {
        path[`${area.type}_code`] = area.code;
        path[`${area.type}_key`] = areaKey(area.code);
      }
      return path;
    };
    await this.db.run('DELETE FROM dim_area; DELETE FROM dim_agency; DELETE FROM dim_marac; DELETE FROM dim_schedule');
    await this.load(
      'dim_area',
      DIM_AREA_COLUMNS,
      areas.map((a) => ({
        code: a.code,
        name: a.name,
        type: a.type,
        parent_code: a.parentCode,
        females_16plus: a.females16plus,
        ...pathOf(a.code),
      })),
    );
    await this.load(
      'dim_agency',
      DIM_AGENCY_COLUMNS,
      agencies.map((a) => ({
        id: a.id,
        name: a.name,
        sector: a.sector,
        area_code: a.areaCode,
        active: a.active,
        ...pathOf(a.areaCode),
      })),
    );
    await this.load(
      'dim_marac',
      DIM_MARAC_COLUMNS,
      maracs.map((m) => ({ id: m.id, name: m.name, area_code: m.areaCode, active: m.active, ...pathOf(m.areaCode) })),
    );
    const quarterNumber = (label: string | null) => (label === null ? null : quarterIndex(parseQuarter(label)!));
    await this.load(
      'dim_schedule',
      DIM_SCHEDULE_COLUMNS,
      schedules.map((s) => ({
        id: s.id,
        agency_id: s.agencyId,
        marac_id: s.maracId,
        return_type: s.returnType,
        from_index: quarterNumber(s.from),
        until_index: quarterNumber(s.until),
      })),
    );
  }

  /** Where each owner sits in the area tree (and its sector), for a batch of returns at once. */
  private async ownerPaths(ids: string[]): Promise<Map<string, Path & { sector: string | null }>> {
    const rows = (
      await this.db.runAndReadAll(
        `SELECT id, ${PATH_COLUMNS}, sector FROM dim_agency WHERE list_contains($ids, id)
       UNION ALL SELECT id, ${PATH_COLUMNS}, NULL FROM dim_marac WHERE list_contains($ids, id)`,
        { ids: listValue(ids) },
        { ids: LIST(VARCHAR) },
      )
    ).getRowObjectsJS() as unknown as (Path & { id: string; sector: string | null })[];
    return new Map(
      rows.map(({ id, ...path }) => [
        id,
        { ...path, lad_key: toNumber(path.lad_key), csp_key: toNumber(path.csp_key), pfa_key: toNumber(path.pfa_key) },
      ]),
    );
  }

  /** Names for the parts of one export, beside the warehouse file; every name handed out is removed afterwards. */
  private async withExportFiles<T>(work: (fileOf: (part: number) => string) => Promise<T>): Promise<T> {
    const stem = `${exportStem(this.path)}${randomBytes(6).toString('hex')}`;
    const named = new Set<string>();
    try {
      return await work((part) => {
        named.add(`${stem}-${part}.csv`);
        return `${stem}-${part}.csv`;
      });
    } finally {
      await Promise.all([...named].map((f) => rm(f, { force: true })));
    }
  }

  /** Inserts each exported part as it arrives (while later parts are still being written); returns the rows loaded. */
  private async insertParts(
    table: FactTable,
    parts: AsyncIterable<ExportedPart>,
    into: string,
    progress?: Progress,
  ): Promise<number> {
    let rows = 0;
    for await (const part of parts) {
      if (part.rows > 0)
        await this.db.run(
          `INSERT INTO ${into} BY NAME ${exportedRowsSql(table)}`,
          { files: listValue([part.file]) },
          { files: LIST(VARCHAR) },
        );
      await rm(part.file, { force: true });
      rows += part.rows;
      if (part.parts > 1)
        progress?.(
          `part ${part.part} of ${part.parts} of the ${table.type.title.toLowerCase()} rows loaded (${rows.toLocaleString('en-GB')} rows so far)`,
        );
    }
    return rows;
  }

  /**
   * Facts carry their owner's place in the area tree (and an agency's sector) so that filters need no
   * join. When an owner moves, its rows follow it, so that later replacements and repeat marking,
   * which look for an owner's rows in its own area, find them all.
   */
  private async followMovedOwners(): Promise<void> {
    const path = PATH_COLUMNS.split(', ');
    const moves: [string, 'agency_id' | 'marac_id', string, boolean][] = [
      ['fact_agency_quarter', 'agency_id', 'dim_agency', true],
      ['fact_case_episode', 'agency_id', 'dim_agency', true],
      ['fact_marac_quarter', 'marac_id', 'dim_marac', false],
      ['fact_audit_rating', 'agency_id', 'dim_agency', true],
      ['fact_audit_rating', 'marac_id', 'dim_marac', false],
    ];
    for (const [table, owner, dim, withSector] of moves) {
      const columns = withSector ? [...path, 'sector'] : path;
      await this.db.run(
        `UPDATE ${table} f SET ${columns.map((c) => `${c} = d.${c}`).join(', ')} FROM ${dim} d
         WHERE f.${owner} = d.id AND (${columns.map((c) => `f.${c} IS DISTINCT FROM d.${c}`).join(' OR ')})`,
      );
    }
  }

  /**
   * Replaces each owner's rows for each quarter with those of its current return, read straight from
   * PostgreSQL's export (no row passes through JavaScript), then re-marks repeat episodes.
   */
  private async replaceReturns(batch: StoredReturn[], source: Pick<WarehouseSource, 'exportRows'>): Promise<void> {
    const ownerOf = (s: StoredReturn) => (s.agencyId ?? s.maracId)!;
    const newest = [...new Map(batch.map((s) => [`${s.returnType}|${ownerOf(s)}|${s.period}`, s])).values()];
    const paths = await this.ownerPaths(newest.map(ownerOf));
    for (const table of Object.values(FACT_TABLES)) {
      const mine = newest.filter((s) => FACT_TABLES[s.returnType] === table);
      if (mine.length === 0) continue;
      // One plain equality delete per return, narrowed to the owner's area and quarter, so DuckDB
      // reads only the row groups that can hold its rows.
      for (const s of mine) {
        const path = paths.get(ownerOf(s));
        if (!path)
          throw new Error(`The warehouse does not know the owner of submission ${s.id}; refresh its dimensions first`);
        const area = inOwnArea(path);
        await this.db.run(
          `DELETE FROM ${table.name} WHERE ${table.owner} = $owner AND period_index = $quarter${area.sql}`,
          { owner: ownerOf(s), quarter: quarterIndex(parseQuarter(s.period)!), ...area.params },
        );
      }
      await this.withExportFiles((fileOf) =>
        this.insertParts(
          table,
          source.exportRows(
            table.type.id,
            fileOf,
            mine.map((s) => s.id),
          ),
          table.name,
        ),
      );
      if (table === FACT_TABLES['case-level'])
        for (const s of mine)
          await this.flagRepeats(s.agencyId!, paths.get(s.agencyId!)!, quarterIndex(parseQuarter(s.period)!));
    }
  }

  /** Takes out the rows of returns and audits that no longer have a current version (withdrawn or deleted by hand). */
  private async removeWithdrawn(withdrawn: Withdrawn[]): Promise<void> {
    const paths = await this.ownerPaths(withdrawn.map((w) => w.owner));
    const nowhere: Path = {
      lad_code: null,
      csp_code: null,
      pfa_code: null,
      lad_key: null,
      csp_key: null,
      pfa_key: null,
    };
    for (const w of withdrawn) {
      if (w.returnType === null) {
        await this.db.run(
          'DELETE FROM fact_audit_rating WHERE coalesce(agency_id, marac_id) = $owner AND period = $period',
          { owner: w.owner, period: w.period },
        );
        continue;
      }
      const quarter = parseQuarter(w.period);
      if (!quarter) continue; // a period the warehouse could never place holds no rows
      const table = FACT_TABLES[w.returnType];
      const path = paths.get(w.owner) ?? nowhere;
      const area = inOwnArea(path);
      await this.db.run(
        `DELETE FROM ${table.name} WHERE ${table.owner} = $owner AND period_index = $quarter${area.sql}`,
        { owner: w.owner, quarter: quarterIndex(quarter), ...area.params },
      );
      if (table === FACT_TABLES['case-level']) await this.flagRepeats(w.owner, path, quarterIndex(quarter));
    }
  }

  /**
   * Re-marks repeat episodes of one agency after its return for a quarter changed: that quarter's
   * episodes and those of the four after it, whose previous 12 months include it.
   */
  private async flagRepeats(agencyId: string, path: Path, quarter: number): Promise<void> {
    const mine = (alias: string) => `${alias}agency_id = $agency${inOwnArea(path, alias).sql}`;
    await this.db.run(
      `UPDATE fact_case_episode f SET again_within_12_months = x.again_within_12_months, first_in_quarter = x.first_in_quarter, repeat_in_quarter = x.repeat_in_quarter
       FROM (SELECT submission_id, row_number, again_within_12_months, ${PERSON_IN_QUARTER}
             FROM (SELECT submission_id, row_number, agency_id, period_index, person_key, ${AGAIN_WITHIN_12_MONTHS} AS again_within_12_months
                   FROM fact_case_episode WHERE ${mine('')} AND period_index BETWEEN $quarter - 4 AND $quarter + 4)
             ${PERSON_QUARTER_WINDOW}) x
       WHERE ${mine('f.')} AND f.period_index BETWEEN $quarter AND $quarter + 4
         AND f.submission_id = x.submission_id AND f.row_number = x.row_number`,
      { agency: agencyId, quarter, ...inOwnArea(path).params },
    );
  }

  private async replaceAuditFacts(a: AuditFacts): Promise<void> {
    const path = (await this.ownerPaths([(a.agencyId ?? a.maracId)!])).get((a.agencyId ?? a.maracId)!);
    await this.db.run(
      'DELETE FROM fact_audit_rating WHERE coalesce(agency_id, marac_id) = $owner AND period = $period',
      { owner: (a.agencyId ?? a.maracId)!, period: a.period },
    );
    await this.load(
      'fact_audit_rating',
      AUDIT_COLUMNS,
      a.ratings.map((r) => ({
        audit_id: a.auditId,
        agency_id: a.agencyId,
        marac_id: a.maracId,
        ...path,
        period: a.period,
        code: r.code,
        theme_id: r.themeId,
        theme_title: r.themeTitle,
        statement: r.statement,
        self_rating: r.selfRating,
        rating: r.rating,
      })),
    );
  }

  /** Writes waiting for the connection. */
  private pending: { work: () => Promise<void>; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing: Promise<void> | null = null;
  /** Goes up with every committed write, so answers computed from an older state can be told apart. */
  generation = 0;

  /** Runs a batch of writes in one transaction. */
  private async transaction(batch: Warehouse['pending']): Promise<void> {
    await this.db.run('BEGIN TRANSACTION');
    try {
      for (const item of batch) await item.work();
      await this.db.run('COMMIT');
      this.generation += 1;
    } catch (error) {
      await this.db.run('ROLLBACK');
      throw error;
    }
  }

  /**
   * Writes share one connection, so they queue. Those that pile up while one is running are committed
   * together (one commit instead of many); if such a batch fails, each is retried alone so one bad
   * write cannot hold back the others.
   */
  private inTransaction(work: () => Promise<void>): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.pending.push({ work, resolve, reject }));
    this.writing ??= this.drain();
    return done;
  }

  private async drain(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, 64);
      try {
        await this.transaction(batch);
        batch.forEach((b) => b.resolve());
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else for (const b of batch) await this.transaction([b]).then(b.resolve, b.reject);
      }
    }
    this.writing = null;
  }

  /** Resolves when every write asked for so far has finished (used before closing). */
  async settle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Which database's outbox the warehouse follows, and the number and id of the last change it holds; null before an outbox-aware build. */
  async outboxState(): Promise<{ databaseId: string; applied: number; appliedId: string | null } | null> {
    const meta = await this.meta();
    const [databaseId, applied] = [meta.get('outbox_database'), meta.get('outbox_applied')];
    return databaseId === undefined || applied === undefined
      ? null
      : { databaseId, applied: Number(applied), appliedId: meta.get('outbox_applied_id') || null };
  }

  private async setApplied(seq: number, id: string | null): Promise<void> {
    await this.setMeta('outbox_applied', String(seq));
    await this.setMeta('outbox_applied_id', id ?? '');
  }

  /**
   * Applies changes read from the outbox in one transaction, with the number of the last of them, so
   * the warehouse never holds a change without knowing it does: reloaded owners and areas first, then
   * each return (replacing its owner's rows for the quarter) and each audit.
   */
  async apply(changes: AppliedChanges, source: Pick<WarehouseSource, 'exportRows'>): Promise<void> {
    await this.inTransaction(async () => {
      if (changes.dimensions) {
        await this.replaceDimensions(changes.dimensions);
        await this.followMovedOwners();
      }
      if (changes.withdrawn?.length) await this.removeWithdrawn(changes.withdrawn);
      if (changes.returns.length) await this.replaceReturns(changes.returns, source);
      for (const audit of changes.audits) await this.replaceAuditFacts(audit);
      if (changes.through) await this.setApplied(changes.through.seq, changes.through.id);
    });
  }

  /**
   * Recreates every table from the source in one transaction, with case-level facts sorted by
   * area and period. Until it commits, queries see the previous contents.
   */
  async rebuild(source: WarehouseSource, progress: Progress = () => {}): Promise<{ rows: number; seconds: number }> {
    const started = Date.now();
    let rows = 0;
    // Read before anything else: a change committed while the build reads is replayed again, harmlessly.
    const outbox = await source.outbox();
    await this.inTransaction(async () => {
      for (const table of WAREHOUSE_TABLES) await this.db.run(`DROP TABLE IF EXISTS ${table}`);
      for (const statement of schemaStatements()) await this.db.run(statement);
      progress('reading areas, agencies and Maracs, with their return schedules');
      await this.replaceDimensions(await readDimensions(source));
      for (const table of Object.values(FACT_TABLES)) {
        progress(
          `exporting ${table.type.title.toLowerCase()} rows from PostgreSQL, loading each part as it is written`,
        );
        // Case-level rows gather in a staging table, then are marked and written once, in area order.
        const caseLevel = table === FACT_TABLES['case-level'];
        if (caseLevel)
          await this.db.run(
            `CREATE TEMP TABLE case_staging AS SELECT * EXCLUDE (${REPEAT_MARKS.join(', ')}) FROM fact_case_episode LIMIT 0`,
          );
        rows += await this.withExportFiles((fileOf) =>
          this.insertParts(
            table,
            source.exportRows(table.type.id, fileOf),
            caseLevel ? 'case_staging' : table.name,
            progress,
          ),
        );
        if (!caseLevel) continue;
        progress('marking repeat episodes and sorting case-level facts by area and quarter');
        await this.db.run(
          `INSERT INTO fact_case_episode BY NAME
           SELECT *, ${PERSON_IN_QUARTER} FROM (SELECT *, ${AGAIN_WITHIN_12_MONTHS} AS again_within_12_months FROM case_staging)
           ${PERSON_QUARTER_WINDOW} ORDER BY ${CASE_SORT}`,
        );
        await this.db.run('DROP TABLE case_staging');
      }
      progress('loading audits');
      for await (const a of source.audits()) await this.replaceAuditFacts(a);
      await this.setMeta('schema_version', String(WAREHOUSE_SCHEMA_VERSION));
      await this.setMeta('built_at', new Date().toISOString());
      await this.setMeta('outbox_database', outbox.databaseId);
      await this.setApplied(outbox.newest, outbox.newestId);
    });
    await this.db.run('CHECKPOINT');
    return { rows, seconds: (Date.now() - started) / 1000 };
  }

  /** The same totals as the source computes: rows, returns (or audits) and a sum of every figure. */
  async fingerprint(): Promise<Fingerprint> {
    const out: Fingerprint = {};
    for (const table of Object.values(FACT_TABLES)) {
      const [row] = (
        await this.db.runAndReadAll(
          `SELECT count(*)::BIGINT AS rows, count(DISTINCT submission_id)::BIGINT AS groups, coalesce(${fingerprintTotal(table)}, 0)::DOUBLE AS total FROM ${table.name}`,
        )
      ).getRowObjectsJS();
      out[table.name] = { rows: Number(row.rows), groups: Number(row.groups), total: Number(row.total) };
    }
    const [audit] = (
      await this.db.runAndReadAll(
        `SELECT count(*)::BIGINT AS rows, count(DISTINCT audit_id)::BIGINT AS groups, count(*) FILTER (WHERE rating = 'met')::DOUBLE AS total FROM fact_audit_rating`,
      )
    ).getRowObjectsJS();
    out.fact_audit_rating = { rows: Number(audit.rows), groups: Number(audit.groups), total: Number(audit.total) };
    return out;
  }

  /**
   * Compares the warehouse with what it can be built from; `equal` is false if any table disagrees.
   * Returns the source cannot give the warehouse are listed apart: they never stop a build.
   */
  async verify(
    source: WarehouseSource,
  ): Promise<{ equal: boolean; warehouse: Fingerprint; source: Fingerprint; unloadable: UnloadableReturn[] }> {
    const [warehouse, expected, unloadable] = await Promise.all([
      this.fingerprint(),
      source.fingerprint(),
      source.unloadable(),
    ]);
    const equal = Object.keys(expected).every((t) => JSON.stringify(expected[t]) === JSON.stringify(warehouse[t]));
    return { equal, warehouse, source: expected, unloadable };
  }

  /**
   * Runs a read with named parameters (only those the SQL uses are bound); lists must be named in
   * `lists` so they bind as VARCHAR[]. Statements are prepared once per reader connection.
   */
  async read(
    sql: string,
    params: Record<string, DuckDBValue | string[]>,
    lists: string[] = [],
  ): Promise<Record<string, unknown>[]> {
    const values: Record<string, DuckDBValue> = {};
    const types: Record<string, ReturnType<typeof LIST>> = {};
    for (const [k, v] of Object.entries(params)) {
      if (!new RegExp(`\\$${k}\\b`).test(sql)) continue;
      if (lists.includes(k)) {
        values[k] = listValue(v as string[]);
        types[k] = LIST(VARCHAR);
      } else values[k] = v as DuckDBValue;
    }
    return this.readers.run(sql, values, types);
  }

  close(): void {
    this.readers.close();
    this.connection?.closeSync();
    this.connection = null;
    this.instance.closeSync();
  }
}
