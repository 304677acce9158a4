import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { Marac } from '@waymark/domain';
import { CurrentCaller, Roles } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { MaracsService } from './maracs.service.js';

@Controller('maracs')
export class MaracsController {
  constructor(private readonly maracs: MaracsService) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query('area') area?: string): Promise<Marac[]> {
    return this.maracs.list(caller.scope, area);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Marac> {
    return this.maracs.get(caller.scope, id);
  }

  @Post()
  @Roles('admin', 'analyst')
  create(@CurrentCaller() caller: Caller, @Body() body: unknown): Promise<Marac> {
    return this.maracs.create(caller, body);
  }

  @Patch(':id')
  @Roles('admin', 'analyst')
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown): Promise<Marac> {
    return this.maracs.update(caller, id, body);
  }
}
