import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { REPORT_READERS, type Report, type ReportKindsAnswer } from '@waymark/domain';
import { CurrentCaller, Roles } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { ReportsService, type ReportQuery } from './reports.service.js';

/** Report packs: the kinds, each report as JSON for the print view, and as a Word or Excel file. */
@Controller('reports')
@Roles(...REPORT_READERS)
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  kinds(): ReportKindsAnswer {
    return this.reports.kinds();
  }

  @Get(':kind.:format')
  async file(
    @CurrentCaller() caller: Caller,
    @Param('kind') kind: string,
    @Param('format') format: string,
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const file = await this.reports.file(caller, kind, format, query);
    response.setHeader('Content-Type', file.type);
    response.setHeader('Content-Disposition', `attachment; filename="${file.name}"`);
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.bytes);
  }

  @Get(':kind')
  report(@CurrentCaller() caller: Caller, @Param('kind') kind: string, @Query() query: ReportQuery): Promise<Report> {
    return this.reports.report(caller, kind, query);
  }
}
