import type { Warehouse, WarehouseSource } from '@waymark/analytics';

/**
 * At start the warehouse must agree with PostgreSQL: a missing, old or partial file (or one left
 * behind by a crash between the two stores) is rebuilt. Returns what was done, for the progress line.
 */
export async function ensureWarehouse(warehouse: Warehouse, source: WarehouseSource, log: (line: string) => void = (l) => console.log(`      ${l}`)): Promise<string> {
  if (await warehouse.isBuilt()) {
    const check = await warehouse.verify(source);
    if (check.equal) return 'matches PostgreSQL';
    log('the warehouse disagrees with PostgreSQL; rebuilding it');
  } else {
    log('no complete warehouse yet; building it from PostgreSQL');
  }
  const built = await warehouse.rebuild(source, log);
  return `rebuilt: ${built.rows.toLocaleString('en-GB')} rows in ${built.seconds.toFixed(1)}s`;
}
