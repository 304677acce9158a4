import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Warehouse } from '@waymark/analytics';
import { DataSource } from 'typeorm';
import { WAREHOUSE } from '../common/tokens.js';
import { PostgresWarehouseSource } from './postgres-source.js';

/**
 * Keeps the warehouse in step with PostgreSQL as things are accepted. A failure here never undoes
 * what PostgreSQL has stored: the warehouse is checked against PostgreSQL at every start and rebuilt
 * if it disagrees.
 */
@Injectable()
export class WarehouseSync {
  private readonly logger = new Logger('WarehouseSync');
  readonly source: PostgresWarehouseSource;

  constructor(@Inject(WAREHOUSE) private readonly warehouse: Warehouse, db: DataSource) {
    this.source = new PostgresWarehouseSource(db);
  }

  private async guard(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`Warehouse not updated after ${what}; it will be rebuilt at the next start: ${error instanceof Error ? error.message : error}`);
    }
  }

  submissionAccepted(id: string): Promise<void> {
    return this.guard('a return', async () => {
      const facts = await this.source.submission(id);
      if (facts) await this.warehouse.applySubmission(facts);
    });
  }

  auditChanged(id: string): Promise<void> {
    return this.guard('an audit', async () => {
      const facts = await this.source.audit(id);
      if (facts) await this.warehouse.applyAudit(facts);
    });
  }

  dimensionsChanged(): Promise<void> {
    return this.guard('a change to agencies, Maracs or return schedules', () => this.warehouse.refreshDimensions(this.source));
  }
}
