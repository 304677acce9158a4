import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { Warehouse } from '@waymark/analytics';
import type { HealthAnswer } from '@waymark/domain';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators.js';
import { DATABASE_INFO, WAREHOUSE, type DatabaseInfo } from '../common/tokens.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(WAREHOUSE) private readonly warehouse: Warehouse,
    @Inject(DATABASE_INFO) private readonly databaseInfo: DatabaseInfo,
  ) {}

  /** 200 with each store's state when both answer; 503 with the same body when either does not. */
  @Public()
  @Get()
  async health(): Promise<HealthAnswer> {
    const database = await this.db
      .query('SELECT 1')
      .then(() => ({ state: 'up' as const, ...this.databaseInfo }))
      .catch(() => ({ state: 'down' as const, ...this.databaseInfo }));
    const warehouse = await this.warehouse.state().catch(() => ({ state: 'error' as const }));
    const ok = database.state === 'up' && warehouse.state === 'ready';
    const body: HealthAnswer = { status: ok ? 'ok' : 'degraded', database, warehouse };
    if (!ok) throw new ServiceUnavailableException(body);
    return body;
  }
}
