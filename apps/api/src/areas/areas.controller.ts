import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Area } from '@waymark/domain';
import { CurrentCaller } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { AreasService } from './areas.service.js';

@Controller()
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get('areas')
  list(@CurrentCaller() caller: Caller, @Query('type') type?: string): Promise<Area[]> {
    return this.areas.list(caller.scope, type);
  }

  @Get('areas/:code')
  get(@CurrentCaller() caller: Caller, @Param('code') code: string): Promise<Area> {
    return this.areas.get(caller.scope, code);
  }
}
