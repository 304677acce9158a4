import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { Agency } from '@waymark/domain';
import { CurrentCaller, Roles } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { AgenciesService } from './agencies.service.js';

@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  list(
    @CurrentCaller() caller: Caller,
    @Query('area') area?: string,
    @Query('sector') sector?: string,
  ): Promise<Agency[]> {
    return this.agencies.list(caller.scope, { area, sector });
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Agency> {
    return this.agencies.get(caller.scope, id);
  }

  @Post()
  @Roles('admin', 'analyst')
  create(@CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Agency> {
    return this.agencies.create(caller, body);
  }

  @Patch(':id')
  @Roles('admin', 'analyst')
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown): Promise<Agency> {
    return this.agencies.update(caller, id, body);
  }
}
