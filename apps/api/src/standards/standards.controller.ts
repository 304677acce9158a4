import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type {
  Adoption,
  AdoptionDetail,
  ComplianceGroup,
  Framework,
  FrameworkDetail,
  FrameworkSummary,
  LocalStandardAdded,
  StandardsGapsAnswer,
} from '@waymark/domain';
import type { Response } from 'express';
import { MultipartChecks } from '../common/multipart-checks.js';
import { UploadRateGuard } from '../common/upload-rate.guard.js';
import { CurrentCaller, Roles } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { frameworkToXlsx } from './framework-files.js';
import { StandardsService } from './standards.service.js';

@Controller('standards')
export class StandardsController {
  constructor(private readonly standards: StandardsService) {}

  @Get('frameworks')
  frameworks(): Promise<FrameworkSummary[]> {
    return this.standards.listFrameworks();
  }

  @Get('frameworks/:id')
  async framework(@Param('id') id: string): Promise<FrameworkDetail> {
    const { summary, document } = await this.standards.framework(id);
    return {
      ...summary,
      themes: document.themes,
      standards: document.standards,
      sources: document.sources,
      description: document.description,
    };
  }

  @Get('frameworks/:id/export.:format')
  async export(
    @Param('id') id: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Framework | StreamableFile> {
    const { summary, document } = await this.standards.framework(id);
    const name = `${summary.key}-${summary.version}`;
    if (format === 'json') {
      response.setHeader('Content-Disposition', `attachment; filename="${name}.json"`);
      return document;
    }
    if (format !== 'xlsx') throw new NotFoundException('Export a framework as .json or .xlsx');
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
    return new StreamableFile(await frameworkToXlsx(document));
  }

  /** A new framework version, as JSON or as a file (JSON or XLSX) in the field "file". */
  @Post('frameworks')
  @Roles('admin', 'analyst')
  @UseGuards(UploadRateGuard)
  @UseInterceptors(FileInterceptor('file'), MultipartChecks)
  importFramework(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ): Promise<FrameworkSummary> {
    return this.standards.importFramework(caller, file ? { file } : { json: body });
  }

  @Get('adoptions')
  adoptions(@CurrentCaller() caller: Caller): Promise<Adoption[]> {
    return this.standards.listAdoptions(caller);
  }

  @Post('adoptions')
  @Roles('admin', 'analyst')
  adopt(@CurrentCaller() caller: Caller, @Body() body: unknown): Promise<AdoptionDetail> {
    return this.standards.adopt(caller, body);
  }

  @Get('adoptions/:id')
  adoption(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<AdoptionDetail> {
    return this.standards.adoption(caller, id);
  }

  @Patch('adoptions/:id/standards/:code')
  @Roles('admin', 'analyst')
  setActive(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('code') code: string,
    @Body() body: unknown,
  ): Promise<AdoptionDetail> {
    return this.standards.setActive(caller, id, code, body);
  }

  @Post('adoptions/:id/standards')
  @Roles('admin', 'analyst')
  @HttpCode(201)
  addLocal(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<LocalStandardAdded> {
    return this.standards.addLocal(caller, id, body);
  }

  @Get('compliance')
  compliance(
    @CurrentCaller() caller: Caller,
    @Query('area') area?: string,
    @Query('period') period?: string,
    @Query('by') by?: string,
    @Query('kind') kind?: string,
  ): Promise<ComplianceGroup[]> {
    return this.standards.compliance(caller, { area, period, by, kind });
  }

  @Get('gaps')
  gaps(
    @CurrentCaller() caller: Caller,
    @Query('area') area?: string,
    @Query('period') period?: string,
  ): Promise<StandardsGapsAnswer> {
    return this.standards.gaps(caller, { area, period });
  }
}
