import { cannotFollow, catchUp, rebuildFrom, type UnloadableReturn, type Warehouse } from '@waymark/analytics';
import type { PostgresWarehouseSource } from './postgres-source.js';

/** One line per stored return the warehouse cannot take, for the start-up log and `warehouse:verify`. */
export function describeUnloadable(returns: UnloadableReturn[]): string[] {
  if (returns.length === 0) return [];
  return [
    `${returns.length} stored ${returns.length === 1 ? 'return is' : 'returns are'} left out of the warehouse (their figures are not on the dashboard until corrected):`,
    ...returns
      .slice(0, 20)
      .map((r) => `  ${r.id} ${r.returnType} ${JSON.stringify(r.period.slice(0, 20))}: ${r.reason}`),
    ...(returns.length > 20 ? [`  …and ${returns.length - 20} more`] : []),
  ];
}

const counted = (n: number, noun: string) => `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;

/** Applies the changes the warehouse missed and clears old applied ones; says what was done. */
async function replay(
  warehouse: Warehouse,
  source: PostgresWarehouseSource,
  log: (line: string) => void,
): Promise<string> {
  const done = await catchUp(warehouse, source, log);
  await source.clearApplied(done.through);
  if (done.changes === 0) return `up to date with PostgreSQL (change ${done.through.toLocaleString('en-GB')})`;
  return `caught up with PostgreSQL: replayed ${counted(done.changes, 'missed change')} (${counted(done.returns, 'return')}, ${counted(done.audits, 'audit')}) through change ${done.through.toLocaleString('en-GB')}`;
}

async function rebuild(
  warehouse: Warehouse,
  source: PostgresWarehouseSource,
  log: (line: string) => void,
  reason: string,
): Promise<string> {
  log(`${reason}; building the warehouse from PostgreSQL`);
  const built = await rebuildFrom(warehouse, source, log);
  return `rebuilt: ${built.rows.toLocaleString('en-GB')} rows in ${built.seconds.toFixed(1)}s`;
}

/**
 * Brings the warehouse level with PostgreSQL's outbox: replays exactly the changes it missed, or
 * rebuilds it when it cannot follow (missing, old or partial file, another or restored database,
 * changes cleared away). A failed replay is thrown to the caller. Returns what was done.
 */
export async function followOutbox(
  warehouse: Warehouse,
  source: PostgresWarehouseSource,
  log: (line: string) => void,
): Promise<string> {
  const reason = await cannotFollow(warehouse, source);
  return reason ? rebuild(warehouse, source, log, reason) : replay(warehouse, source, log);
}

/**
 * At start the warehouse must hold what PostgreSQL holds (a crash between the two stores' commits,
 * or writes made while Waymark was stopped, are replayed), and a replay that fails is followed by a
 * rebuild. Nothing here reads every row: `npm run warehouse:verify` does that. Returns what was
 * done, for the progress line.
 */
export async function ensureWarehouse(
  warehouse: Warehouse,
  source: PostgresWarehouseSource,
  log: (line: string) => void = (l) => console.log(`      ${l}`),
): Promise<string> {
  describeUnloadable(await source.unloadable()).forEach(log);
  const reason = await cannotFollow(warehouse, source);
  if (reason) return rebuild(warehouse, source, log, reason);
  try {
    return await replay(warehouse, source, log);
  } catch (error) {
    return rebuild(
      warehouse,
      source,
      log,
      `replaying missed changes failed (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
