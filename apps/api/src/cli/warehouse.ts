import 'reflect-metadata';
import { rebuildFrom, Warehouse } from '@waymark/analytics';
import { describeUnloadable } from '../analytics/ensure-warehouse.js';
import { PostgresWarehouseSource } from '../analytics/postgres-source.js';
import { loadConfig } from '../config.js';
import { prepareDatabase } from '../database/prepare.js';
import { Progress } from '../progress.js';

/**
 * `npm run warehouse:rebuild` recreates the DuckDB warehouse from PostgreSQL, with progress;
 * `npm run warehouse:verify` proves the two agree (exit code 1 when they do not).
 * Stop Waymark first: the warehouse file can be open in one process at a time.
 */
async function main(command: string): Promise<number> {
  if (command !== 'rebuild' && command !== 'verify') {
    console.error('Usage: warehouse rebuild|verify');
    return 2;
  }
  const config = loadConfig();
  const progress = new Progress(config.databaseUrl ? 2 : 3);
  const database = await prepareDatabase(config, progress);
  let warehouse: Warehouse | null = null;
  try {
    progress.begin(`${command === 'rebuild' ? 'Rebuilding' : 'Verifying'} the warehouse at ${config.warehousePath}`);
    warehouse = await Warehouse.open(config.warehousePath).catch((error) => {
      throw new Error(
        `The warehouse file is in use (is Waymark running?): ${error instanceof Error ? error.message : error}`,
      );
    });
    const source = new PostgresWarehouseSource(database.dataSource);
    if (command === 'rebuild') {
      const result = await rebuildFrom(warehouse, source, (line) => console.log(`      ${line}`));
      progress.done(`${result.rows.toLocaleString('en-GB')} rows in ${result.seconds.toFixed(1)}s`);
      return 0;
    }
    const check = await warehouse.verify(source);
    for (const table of Object.keys(check.source)) {
      const same = JSON.stringify(check.source[table]) === JSON.stringify(check.warehouse[table]);
      console.log(
        `      ${same ? 'same     ' : 'DIFFERENT'} ${table.padEnd(22)} PostgreSQL ${JSON.stringify(check.source[table])}  warehouse ${JSON.stringify(check.warehouse[table])}`,
      );
    }
    describeUnloadable(check.unloadable).forEach((line) => console.log(`      ${line}`));
    if (!check.equal) progress.done('the warehouse does NOT agree with PostgreSQL: run npm run warehouse:rebuild');
    else if (check.unloadable.length)
      progress.done('the warehouse agrees with PostgreSQL apart from the returns listed above, which need correcting');
    else progress.done('the warehouse agrees with PostgreSQL');
    return check.equal && check.unloadable.length === 0 ? 0 : 1;
  } finally {
    warehouse?.close();
    await database.dataSource.destroy();
    await database.embedded?.stop();
  }
}

main(process.argv[2] ?? '')
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
