import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Audit, AuditListing } from '@waymark/domain';
import type { Response } from 'express';
import { MultipartChecks } from '../common/multipart-checks.js';
import { UploadRateGuard } from '../common/upload-rate.guard.js';
import { CurrentCaller, Roles } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { auditToXlsx } from './audit-files.js';
import { AuditsService } from './audits.service.js';

@Controller('audits')
export class AuditsController {
  constructor(private readonly audits: AuditsService) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: Record<string, string | undefined>): Promise<AuditListing[]> {
    return this.audits.list(caller, query);
  }

  /** Opens (or returns the existing) draft for an agency or Marac and year: 201 when new, 200 when it already existed. */
  @Post()
  async open(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Audit> {
    const { created, audit } = await this.audits.open(caller, body);
    response.status(created ? 201 : 200);
    return audit;
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Audit> {
    return this.audits.get(caller, id);
  }

  @Get(':id/versions')
  versions(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<AuditListing[]> {
    return this.audits.versions(caller, id);
  }

  @Get(':id/export.:format')
  async export(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Audit | StreamableFile> {
    const audit = await this.audits.get(caller, id);
    const name = `audit-${audit.ownerName.replace(/[^\w]+/g, '-').toLowerCase()}-${audit.period}`;
    if (format === 'xlsx') {
      response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      response.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
      return new StreamableFile(await auditToXlsx(audit, audit.items));
    }
    response.setHeader('Content-Disposition', `attachment; filename="${name}.json"`);
    return audit;
  }

  /** Saves draft ratings from JSON `{ratings: [...]}` or from the exported workbook in the field "file". */
  @Put(':id/ratings')
  @UseGuards(UploadRateGuard)
  @UseInterceptors(FileInterceptor('file'), MultipartChecks)
  saveRatings(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: unknown,
    @UploadedFile() file?: { buffer: Buffer },
  ): Promise<Audit> {
    return this.audits.saveRatings(caller, id, file ? { file } : { body });
  }

  @Post(':id/submit')
  submit(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Audit> {
    return this.audits.submit(caller, id);
  }

  @Put(':id/moderation/:code')
  @Roles('admin', 'analyst')
  moderate(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('code') code: string,
    @Body() body: unknown,
  ): Promise<Audit> {
    return this.audits.moderate(caller, id, code, body);
  }
}
