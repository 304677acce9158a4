import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/decorators.js';
import { openApiDocument } from './openapi.js';

@Controller('openapi.json')
export class OpenApiController {
  private readonly document = openApiDocument();

  @Public()
  @Get()
  get() {
    return this.document;
  }
}
