import { Controller, Get, Header, Query, Res, StreamableFile } from '@nestjs/common';
import type { AuditEventsPage } from '@waymark/domain';
import type { Response } from 'express';
import { CurrentCaller, Roles } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { AuditTrailService } from './audit-trail.service.js';

/** Reads only: no route changes or removes an event. */
@Controller()
@Roles('admin', 'analyst')
export class AuditTrailController {
  constructor(private readonly trail: AuditTrailService) {}

  @Get('audit-events')
  @Header('Cache-Control', 'private, no-store')
  list(@CurrentCaller() caller: Caller, @Query() query: Record<string, unknown>): Promise<AuditEventsPage> {
    return this.trail.page(caller, query);
  }

  @Get('audit-events.csv')
  @Header('Cache-Control', 'private, no-store')
  csv(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { fileName, file } = this.trail.csv(caller, query);
    response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`); // made of checked dates only
    return new StreamableFile(file, { type: 'text/csv; charset=utf-8' });
  }
}
