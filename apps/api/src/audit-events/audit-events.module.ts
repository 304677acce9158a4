import { Global, Module } from '@nestjs/common';
import { AuditEventsService } from './audit-events.service.js';

/** The audit trail, available to every module that changes something. */
@Global()
@Module({ providers: [AuditEventsService], exports: [AuditEventsService] })
export class AuditEventsModule {}
