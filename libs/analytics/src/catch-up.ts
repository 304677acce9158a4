import type { WarehouseSource, Withdrawn } from './source.js';
import { readDimensions, WAREHOUSE_SCHEMA_VERSION, type AppliedChanges, type Warehouse } from './warehouse.js';

/** How many outbox changes are read at once, and how many case rows are held before they are written. */
const CHANGES_PER_READ = 1000;
const ROWS_PER_WRITE = 200_000;

export interface CatchUp {
  changes: number;
  returns: number;
  audits: number;
  /** The number of the last change the warehouse now holds. */
  through: number;
}

/** Why the warehouse cannot follow the outbox from where it is, so it must be rebuilt; null when it can. */
export async function cannotFollow(warehouse: Warehouse, source: WarehouseSource): Promise<string | null> {
  if (!(await warehouse.isBuilt())) {
    const { schemaVersion } = await warehouse.state();
    return schemaVersion !== null && schemaVersion !== WAREHOUSE_SCHEMA_VERSION
      ? `the warehouse has an older layout (version ${schemaVersion}, now ${WAREHOUSE_SCHEMA_VERSION})`
      : 'no complete warehouse yet (the file is new, was deleted, or was left half-built)';
  }
  const [mine, outbox] = [await warehouse.outboxState(), await source.outbox()];
  if (!mine) return 'the warehouse was built before changes were numbered';
  if (mine.databaseId !== outbox.databaseId) return 'the warehouse was built from another database';
  if (mine.applied < outbox.clearedThrough) return 'changes the warehouse missed have been cleared from the outbox';
  // The change it last applied must still be there, and the same one: a database restored from a
  // backup issues those numbers again, for other changes.
  if (mine.applied > 0 && (await source.changeId(mine.applied)) !== mine.appliedId)
    return 'PostgreSQL no longer holds the last change the warehouse applied (was the database restored from a backup?)';
  return null;
}

/**
 * Rebuilds the warehouse, then applies the changes committed while it was being read: the export's
 * parts see PostgreSQL at slightly different moments, so a return replaced meanwhile may have been
 * read in both versions; replaying its change replaces the owner's rows for that quarter whole.
 */
export async function rebuildFrom(
  warehouse: Warehouse,
  source: WarehouseSource,
  progress: (line: string) => void = () => {},
): Promise<{ rows: number; seconds: number }> {
  const started = Date.now();
  const built = await warehouse.rebuild(source, progress);
  await catchUp(warehouse, source, progress);
  return { rows: built.rows, seconds: (Date.now() - started) / 1000 };
}

/**
 * Brings the warehouse up to date by applying, in order, exactly the changes numbered after the last
 * one it holds. Each write carries the number of its last change in the same DuckDB transaction, so
 * a crash at any point leaves the warehouse at a change it really holds, and the next catch-up starts
 * from there. Applying a change twice is harmless: a return replaces its owner's rows for the quarter.
 */
export async function catchUp(
  warehouse: Warehouse,
  source: WarehouseSource,
  progress: (line: string) => void = () => {},
): Promise<CatchUp> {
  const state = await warehouse.outboxState();
  if (!state) throw new Error('The warehouse does not know which changes it holds; rebuild it');
  const done: CatchUp = { changes: 0, returns: 0, audits: 0, through: state.applied };
  let batch: AppliedChanges & { rows: number; withdrawn: Withdrawn[] } = {
    returns: [],
    audits: [],
    withdrawn: [],
    through: null,
    rows: 0,
  };
  const write = async () => {
    if (batch.through === null) return;
    await warehouse.apply(batch, source);
    done.through = batch.through.seq;
    batch = { returns: [], audits: [], withdrawn: [], through: null, rows: 0 };
  };
  for (;;) {
    const changes = await source.changes(done.through, CHANGES_PER_READ);
    if (changes.length === 0) break;
    for (const change of changes) {
      if (change.kind === 'dimensions') batch.dimensions ??= await readDimensions(source);
      else if (change.kind === 'submission') {
        // Resolved against PostgreSQL as it is now: the current version, or none (withdrawn or deleted).
        const stored = await source.submission(change.ref!);
        if (stored) batch.returns.push(stored);
        else if (change.owner && change.returnType && change.period)
          batch.withdrawn.push({ owner: change.owner, returnType: change.returnType, period: change.period });
        batch.rows += stored?.rows ?? 0;
        done.returns += 1;
      } else {
        const facts = await source.audit(change.ref!);
        if (facts) batch.audits.push(facts);
        else if (change.owner && change.period)
          batch.withdrawn.push({ owner: change.owner, returnType: null, period: change.period });
        done.audits += 1;
      }
      batch.through = { seq: change.seq, id: change.id };
      done.changes += 1;
      if (batch.rows >= ROWS_PER_WRITE) await write();
    }
    await write();
    if (changes.length === CHANGES_PER_READ) progress(`${done.changes.toLocaleString('en-GB')} changes applied`);
  }
  return done;
}
