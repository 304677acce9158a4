import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { InvitedPerson, PasswordReset, Person } from '@waymark/domain';
import { CurrentCaller, Roles } from '../auth/decorators.js';
import type { Caller } from '../scope/area-scope.js';
import { UsersService } from './users.service.js';

/** People and their access: administrators manage everyone, analysts the people of their areas. */
@Controller('users')
@Roles('admin', 'analyst')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(
    @CurrentCaller() caller: Caller,
    @Query('role') role?: string,
    @Query('area') area?: string,
    @Query('active') active?: string,
  ): Promise<Person[]> {
    return this.users.list(caller, { role, area, active });
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Person> {
    return this.users.get(caller, id);
  }

  @Post()
  create(@CurrentCaller() caller: Caller, @Body() body: unknown): Promise<InvitedPerson> {
    return this.users.create(caller, body);
  }

  @Patch(':id')
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown): Promise<Person> {
    return this.users.update(caller, id, body);
  }

  @Post(':id/password-reset')
  resetPassword(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<PasswordReset> {
    return this.users.resetPassword(caller, id);
  }
}
