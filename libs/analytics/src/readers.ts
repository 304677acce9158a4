import type {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBPreparedStatement,
  DuckDBType,
  DuckDBValue,
} from '@duckdb/node-api';

/**
 * How many queries may run at once; more wait for a free connection. Measured on two cores with two
 * dashboard requests in flight: 6 gave the lowest 95th percentiles (2 and 8 were slower).
 */
const READERS = 6;

interface Reader {
  connection: DuckDBConnection;
  prepared: Map<string, DuckDBPreparedStatement>;
}

/**
 * Connections for reads, each with its prepared statements. A query takes whichever is free, so a
 * slow query never holds up quick ones queued behind it; DuckDB shares its threads among them.
 */
export class ReaderPool {
  private readers: Reader[] = [];
  private idle: Reader[] = [];
  private waiting: ((reader: Reader) => void)[] = [];

  constructor(private readonly instance: DuckDBInstance) {}

  async run(
    sql: string,
    values: Record<string, DuckDBValue>,
    types: Record<string, DuckDBType>,
  ): Promise<Record<string, unknown>[]> {
    const reader = await this.acquire();
    try {
      let statement = reader.prepared.get(sql);
      if (!statement) {
        statement = await reader.connection.prepare(sql);
        if (reader.prepared.size > 200) reader.prepared.clear();
        reader.prepared.set(sql, statement);
      }
      statement.bind(values, types);
      return (await statement.runAndReadAll()).getRowObjectsJS();
    } finally {
      this.release(reader);
    }
  }

  private async acquire(): Promise<Reader> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.readers.length >= READERS) return new Promise((resolve) => this.waiting.push(resolve));
    const reader: Reader = { connection: null as unknown as DuckDBConnection, prepared: new Map() };
    this.readers.push(reader); // counted before the await, so concurrent first reads cannot open too many
    reader.connection = await this.instance.connect();
    return reader;
  }

  private release(reader: Reader): void {
    const next = this.waiting.shift();
    if (next) next(reader);
    else this.idle.push(reader);
  }

  close(): void {
    for (const reader of this.readers) reader.connection?.closeSync();
    this.readers = [];
    this.idle = [];
  }
}
