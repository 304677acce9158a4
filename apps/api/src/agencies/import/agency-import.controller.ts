import {
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { AgenciesImported } from '@waymark/domain';
import type { Response } from 'express';
import { CurrentCaller, Roles } from '../../auth/decorators.js';
import { MultipartChecks } from '../../common/multipart-checks.js';
import { UploadRateGuard } from '../../common/upload-rate.guard.js';
import { MEDIA_TYPES } from '../../returns/files/read-upload.js';
import type { Caller } from '../../scope/area-scope.js';
import { AgencyImportService } from './agency-import.service.js';

/** Adding many agencies at once: administrators anywhere, analysts in the areas they are granted. */
@Controller('agencies/import')
@Roles('admin', 'analyst')
export class AgencyImportController {
  constructor(private readonly imports: AgencyImportService) {}

  @Get(':file')
  async template(@Param('file') file: string, @Res({ passthrough: true }) response: Response) {
    const format = file === 'template.csv' ? 'csv' : file === 'template.xlsx' ? 'xlsx' : null;
    if (!format) throw new NotFoundException('The import template comes as template.csv or template.xlsx');
    response.setHeader('Content-Type', format === 'csv' ? `${MEDIA_TYPES.csv}; charset=utf-8` : MEDIA_TYPES.xlsx);
    response.setHeader('Content-Disposition', `attachment; filename="waymark-agencies-template.${format}"`);
    return new StreamableFile(await this.imports.template(format));
  }

  /** A CSV or XLSX file in the multipart field "file": 201 with the agencies made, or 422 listing every problem. */
  @Post()
  @HttpCode(201)
  @UseGuards(UploadRateGuard)
  @UseInterceptors(FileInterceptor('file'), MultipartChecks)
  import(
    @CurrentCaller() caller: Caller,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
  ): Promise<AgenciesImported> {
    return this.imports.import(caller, file);
  }
}
