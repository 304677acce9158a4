import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  READS_RETURNS,
  RETURN_TYPES,
  type CompletenessAnswer,
  type CurrentVersionAnswer,
  type ReturnAccepted,
  type ReturnTypesAnswer,
  type Submission,
  type SubmissionDetail,
} from '@waymark/domain';
import type { Request, Response } from 'express';
import { MultipartChecks } from '../common/multipart-checks.js';
import { UploadRateGuard } from '../common/upload-rate.guard.js';
import { CurrentCaller, Public, Roles } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { CompletenessService } from './completeness.service.js';
import { ReturnsService } from './returns.service.js';
import { csvTemplate, xlsxTemplate } from './templates.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@Controller('returns')
export class ReturnsController {
  constructor(
    private readonly returns: ReturnsService,
    private readonly completeness: CompletenessService,
  ) {}

  /** The data dictionary of every return type, for forms and scripts. */
  @Public()
  @Get('types')
  types(): ReturnTypesAnswer {
    return RETURN_TYPES;
  }

  @Public()
  @Get('templates/:file')
  async template(@Param('file') file: string, @Res({ passthrough: true }) response: Response) {
    const [typeId, extension] = file.split(/\.(?=[^.]+$)/);
    const type = this.returns.typeOrNotFound(typeId ?? '');
    if (extension !== 'csv' && extension !== 'xlsx') throw new NotFoundException('Templates come as .csv or .xlsx');
    response.setHeader('Content-Disposition', `attachment; filename="waymark-${type.id}-template.${extension}"`); // only known names reach a header
    if (extension === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      return new StreamableFile(Buffer.from('\uFEFF' + csvTemplate(type), 'utf8'));
    }
    response.setHeader('Content-Type', XLSX);
    return new StreamableFile(await xlsxTemplate(type));
  }

  @Get('completeness')
  completenessReport(
    @CurrentCaller() caller: Caller,
    @Query('area') area?: string,
    @Query('period') period?: string,
  ): Promise<CompletenessAnswer> {
    return this.completeness.report(caller, { area, period });
  }

  /** The version a return sent now for that owner and quarter would replace: `{ current: null }` when none. */
  @Get('current')
  @Roles('admin', 'agency_submitter', 'marac_coordinator')
  current(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, string | undefined>,
  ): Promise<CurrentVersionAnswer> {
    return this.returns.current(caller, query);
  }

  @Get()
  @Roles(...READS_RETURNS)
  list(@CurrentCaller() caller: Caller, @Query() query: Record<string, string | undefined>): Promise<Submission[]> {
    return this.returns.list(caller, query);
  }

  /** A return as a file (multipart field "file", with "period" and, for administrators, the owner) or as JSON. */
  @Post(':type')
  @HttpCode(201)
  @UseGuards(UploadRateGuard)
  @UseInterceptors(FileInterceptor('file'), MultipartChecks)
  submit(
    @CurrentCaller() caller: Caller,
    @Param('type') type: string,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Body() body: Record<string, unknown> | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Req() request: Request & { rawBody?: Buffer },
  ): Promise<ReturnAccepted> {
    if (file) return this.returns.submit(caller, type, { bytes: file.buffer, fileName: file.originalname }, body ?? {});
    if (contentType?.startsWith('application/json')) {
      return this.returns.submit(
        caller,
        type,
        { bytes: request.rawBody ?? Buffer.from(JSON.stringify(body)), fileName: null, json: body },
        {},
      );
    }
    return this.returns.submit(caller, type, { bytes: Buffer.alloc(0), fileName: null }, body ?? {});
  }

  @Get(':id')
  @Roles(...READS_RETURNS)
  detail(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SubmissionDetail> {
    return this.returns.detail(caller, id);
  }

  @Get(':id/versions')
  @Roles(...READS_RETURNS)
  versions(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Submission[]> {
    return this.returns.versions(caller, id);
  }

  /**
   * What was sent, rebuilt from the validated values as CSV in the template's layout. The upload
   * itself is never kept; its SHA-256 is given for provenance.
   */
  @Get(':id/original')
  @Roles(...READS_RETURNS)
  @Header('Cache-Control', 'private, no-store')
  async original(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { submission, csv } = await this.returns.valuesFile(caller, id);
    const name = `${submission.returnType}-${submission.period}-v${submission.version}.csv`.replace(/[^\w.-]+/g, '_');
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    response.setHeader('X-Original-SHA256', submission.sha256);
    return new StreamableFile(Buffer.from(csv, 'utf8'));
  }
}
