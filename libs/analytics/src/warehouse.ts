import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DuckDBInstance, LIST, listValue, VARCHAR, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { followMovedOwners, replaceDimensions, type Dimensions } from './dimensions.js';
import { exportStem, removeWithdrawn, replaceAuditFacts, replaceReturns, type Progress } from './fact-writes.js';
import { ReaderPool } from './readers.js';
import { rebuildTables } from './rebuild.js';
import type { AuditFacts, Fingerprint, StoredReturn, UnloadableReturn, WarehouseSource, Withdrawn } from './source.js';
import { fingerprint, verify } from './verify.js';
import { WriteQueue } from './write-queue.js';

export { readDimensions, type Dimensions } from './dimensions.js';
export type { Progress } from './fact-writes.js';
export { fingerprintTotal } from './verify.js';

/** Bumped whenever the warehouse layout changes; a file with another version is rebuilt. */
export const WAREHOUSE_SCHEMA_VERSION = 6;

export interface WarehouseState {
  state: 'ready' | 'closed';
  schemaVersion: number | null;
  tables: number;
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

/**
 * The DuckDB warehouse: a derived, disposable copy of what PostgreSQL holds, shaped for
 * aggregation. Only this library opens the DuckDB file. It holds current versions only.
 */
export class Warehouse {
  private readonly readers: ReaderPool;
  private readonly writes = new WriteQueue(() => this.db);

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
    return new Map(rows.map((r) => [r.key as string, r.value as string]));
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

  /** Goes up with every committed write, so answers computed from an older state can be told apart. */
  get generation(): number {
    return this.writes.generation;
  }

  /** Resolves when every write asked for so far has finished (used before closing). */
  settle(): Promise<void> {
    return this.writes.settle();
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
    await this.writes.run(async () => {
      if (changes.dimensions) {
        await replaceDimensions(this.db, changes.dimensions);
        await followMovedOwners(this.db);
      }
      if (changes.withdrawn?.length) await removeWithdrawn(this.db, changes.withdrawn);
      if (changes.returns.length) await replaceReturns(this.db, this.path, changes.returns, source);
      for (const audit of changes.audits) await replaceAuditFacts(this.db, audit);
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
    await this.writes.run(async () => {
      rows = await rebuildTables(this.db, this.path, source, progress);
      await this.setMeta('schema_version', String(WAREHOUSE_SCHEMA_VERSION));
      await this.setMeta('built_at', new Date().toISOString());
      await this.setMeta('outbox_database', outbox.databaseId);
      await this.setApplied(outbox.newest, outbox.newestId);
    });
    await this.db.run('CHECKPOINT');
    return { rows, seconds: (Date.now() - started) / 1000 };
  }

  /** The same totals as the source computes: rows, returns (or audits) and a sum of every figure. */
  fingerprint(): Promise<Fingerprint> {
    return fingerprint(this.db);
  }

  /** Compares the warehouse with what it can be built from (see verify.ts). */
  verify(
    source: WarehouseSource,
  ): Promise<{ equal: boolean; warehouse: Fingerprint; source: Fingerprint; unloadable: UnloadableReturn[] }> {
    return verify(this.db, source);
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
