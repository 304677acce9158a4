import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { ReturnSchedule } from '@waymark/domain';
import { CurrentCaller, Roles } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { SchedulesService } from './schedules.service.js';

@Controller('schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query('area') area?: string): Promise<ReturnSchedule[]> {
    return this.schedules.list(caller.scope, area);
  }

  @Post()
  @Roles('admin', 'analyst')
  create(@CurrentCaller() caller: Caller, @Body() body: unknown): Promise<ReturnSchedule> {
    return this.schedules.create(caller, body);
  }

  @Patch(':id')
  @Roles('admin', 'analyst')
  end(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown): Promise<ReturnSchedule> {
    return this.schedules.end(caller, id, body);
  }
}
