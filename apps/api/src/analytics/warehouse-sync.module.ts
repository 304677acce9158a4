import { Global, Module } from '@nestjs/common';
import { WarehouseSync } from './warehouse-sync.service.js';

@Global()
@Module({ providers: [WarehouseSync], exports: [WarehouseSync] })
export class WarehouseSyncModule {}
