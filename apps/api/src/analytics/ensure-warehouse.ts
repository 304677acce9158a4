import type { UnloadableReturn, Warehouse, WarehouseSource } from '@waymark/analytics';

/** One line per stored return the warehouse cannot take, for the start-up log and `warehouse:verify`. */
export function describeUnloadable(returns: UnloadableReturn[]): string[] {
  if (returns.length === 0) return [];
  return [
    `${returns.length} stored ${returns.length === 1 ? 'return is' : 'returns are'} left out of the warehouse (their figures are not on the dashboard until corrected):`,
    ...returns.slice(0, 20).map((r) => `  ${r.id} ${r.returnType} ${JSON.stringify(r.period.slice(0, 20))}: ${r.reason}`),
    ...(returns.length > 20 ? [`  …and ${returns.length - 20} more`] : []),
  ];
}

/**
 * At start the warehouse must agree with PostgreSQL: a missing, old or partial file (or one left
 * behind by a crash between the two stores) is rebuilt. Returns PostgreSQL holds that the warehouse
 * cannot take are logged and left out, never a reason not to start. Areas, agencies and Maracs are
 * reloaded on every start, so corrected reference figures reach the warehouse. Returns what was done, for the
 * progress line.
 */
export async function ensureWarehouse(warehouse: Warehouse, source: WarehouseSource, log: (line: string) => void = (l) => console.log(`      ${l}`)): Promise<string> {
  if (await warehouse.isBuilt()) {
    const check = await warehouse.verify(source);
    describeUnloadable(check.unloadable).forEach(log);
    if (check.equal) {
      // Reference data (populations, names) and owners can change without a return changing; they are small.
      await warehouse.refreshDimensions(source);
      return 'matches PostgreSQL; areas, agencies, Maracs and return schedules refreshed';
    }
    log('the warehouse disagrees with PostgreSQL; rebuilding it');
  } else {
    log('no complete warehouse yet; building it from PostgreSQL');
    describeUnloadable(await source.unloadable()).forEach(log);
  }
  const built = await warehouse.rebuild(source, log);
  return `rebuilt: ${built.rows.toLocaleString('en-GB')} rows in ${built.seconds.toFixed(1)}s`;
}
