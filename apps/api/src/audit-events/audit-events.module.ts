import { Global, Module } from '@nestjs/common';
import { AuditEventsRepository } from './audit-events.repository.js';
import { AuditEventsService } from './audit-events.service.js';
import { AuditTrailController } from './audit-trail.controller.js';
import { AuditTrailService } from './audit-trail.service.js';

/** The audit trail: recorded by every module that changes something, read by administrators and analysts. */
@Global()
@Module({
  controllers: [AuditTrailController],
  providers: [AuditEventsService, AuditEventsRepository, AuditTrailService],
  exports: [AuditEventsService],
})
export class AuditEventsModule {}
