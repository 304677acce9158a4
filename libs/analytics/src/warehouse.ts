import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** Bumped whenever the warehouse layout changes; a file with another version is rebuilt. */
export const WAREHOUSE_SCHEMA_VERSION = 1;

export interface WarehouseState {
  state: 'ready' | 'closed';
  schemaVersion: number | null;
  tables: number;
}

/**
 * The DuckDB warehouse: a derived, disposable copy of what PostgreSQL holds, shaped for
 * aggregation. Only this library opens the DuckDB file.
 */
export class Warehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    private connection: DuckDBConnection | null,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<Warehouse> {
    if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    const warehouse = new Warehouse(instance, await instance.connect(), path);
    await warehouse.ensureMeta();
    return warehouse;
  }

  private get db(): DuckDBConnection {
    if (!this.connection) throw new Error('The warehouse is closed');
    return this.connection;
  }

  private async ensureMeta(): Promise<void> {
    await this.db.run('CREATE TABLE IF NOT EXISTS warehouse_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)');
    await this.db.run(
      "INSERT INTO warehouse_meta VALUES ('schema_version', $version) ON CONFLICT (key) DO NOTHING",
      { version: String(WAREHOUSE_SCHEMA_VERSION) },
    );
  }

  async state(): Promise<WarehouseState> {
    if (!this.connection) return { state: 'closed', schemaVersion: null, tables: 0 };
    const version = await this.db.runAndReadAll("SELECT value FROM warehouse_meta WHERE key = 'schema_version'");
    const tables = await this.db.runAndReadAll("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_schema = 'main'");
    return {
      state: 'ready',
      schemaVersion: Number(version.getRowObjects()[0]?.value ?? NaN),
      tables: Number(tables.getRowObjects()[0]?.n ?? 0),
    };
  }

  close(): void {
    this.connection?.closeSync();
    this.connection = null;
    this.instance.closeSync();
  }
}
