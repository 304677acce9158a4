import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Warehouse } from '@waymark/analytics';
import { DataSource } from 'typeorm';
import { WAREHOUSE } from '../common/tokens.js';
import { followOutbox } from './ensure-warehouse.js';
import { PostgresWarehouseSource } from './postgres-source.js';

const CATCH_UP_EVERY_MS = 30_000;

/**
 * Keeps the warehouse in step with PostgreSQL. Whatever is stored (a return, an audit, an owner or a
 * schedule) is numbered in PostgreSQL's outbox by a trigger in the same transaction; after committing,
 * a service calls `catchUp`, which applies every change after the last one the warehouse holds. A
 * failure here never undoes what PostgreSQL stored: the next catch-up, or the next start, applies it.
 */
@Injectable()
export class WarehouseSync implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('WarehouseSync');
  private readonly source: PostgresWarehouseSource;
  /** The pass under way, and the one waiting to start after it (which every caller until then shares). */
  private running: Promise<void> = Promise.resolve();
  private waiting: Promise<void> | null = null;

  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(WAREHOUSE) private readonly warehouse: Warehouse,
    db: DataSource,
  ) {
    this.source = new PostgresWarehouseSource(db);
  }

  /** Also every half minute: changes made outside Waymark's own services, and a pass that failed, are picked up without waiting for the next write. */
  onModuleInit(): void {
    this.timer = setInterval(() => void this.catchUp(), CATCH_UP_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running; // a pass under way finishes before the stores close
  }

  /**
   * Resolves once the warehouse holds every change committed before the call. Passes run one at a
   * time; callers arriving while one runs share the next, which reads everything committed by then.
   */
  catchUp(): Promise<void> {
    if (!this.waiting) {
      const next = this.running.then(async () => {
        this.waiting = null;
        await this.pass();
      });
      this.waiting = next;
      this.running = next;
    }
    return this.waiting;
  }

  private async pass(): Promise<void> {
    try {
      // A database restored or replaced under a running Waymark cannot be followed: it is rebuilt from.
      await followOutbox(this.warehouse, this.source, (line) => this.logger.warn(line));
    } catch (error) {
      this.logger.error(
        `The warehouse is behind PostgreSQL; the next change or start applies what it missed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
