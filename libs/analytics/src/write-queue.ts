import type { DuckDBConnection } from '@duckdb/node-api';

interface Pending {
  work: () => Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes share the warehouse's one write connection, so they queue. Those that pile up while one is
 * running are committed together (one commit instead of many); if such a batch fails, each is
 * retried alone so one bad write cannot hold back the others.
 */
export class WriteQueue {
  private pending: Pending[] = [];
  private writing: Promise<void> | null = null;
  /** Goes up with every committed write, so answers computed from an older state can be told apart. */
  generation = 0;

  constructor(private readonly db: () => DuckDBConnection) {}

  /** Runs `work` in a transaction, perhaps with others queued beside it; resolves once committed. */
  run(work: () => Promise<void>): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.pending.push({ work, resolve, reject }));
    this.writing ??= this.drain();
    return done;
  }

  /** Resolves when every write asked for so far has finished (used before closing). */
  async settle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async transaction(batch: Pending[]): Promise<void> {
    const db = this.db();
    await db.run('BEGIN TRANSACTION');
    try {
      for (const item of batch) await item.work();
      await db.run('COMMIT');
      this.generation += 1;
    } catch (error) {
      await db.run('ROLLBACK');
      throw error;
    }
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
}
