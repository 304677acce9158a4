import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Warehouse, WAREHOUSE_SCHEMA_VERSION } from './warehouse.js';

describe('warehouse file', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates a DuckDB file with its schema version, and reopens it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'waymark-wh-'));
    const path = join(dir, 'nested', 'warehouse.duckdb');
    const first = await Warehouse.open(path);
    expect(await first.state()).toEqual({ state: 'ready', schemaVersion: WAREHOUSE_SCHEMA_VERSION, tables: 1 });
    first.close();
    expect(await first.state()).toMatchObject({ state: 'closed' });
    expect((await stat(path)).size).toBeGreaterThan(0);

    const again = await Warehouse.open(path);
    expect((await again.state()).schemaVersion).toBe(WAREHOUSE_SCHEMA_VERSION);
    again.close();
  });
});
