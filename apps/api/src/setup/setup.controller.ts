import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import type { SetupCompleted, SetupLinkCheck } from '@waymark/domain';
import { Public } from '../auth/decorators.js';
import { SetupService } from './setup.service.js';

/** Public: whoever holds the one-time link printed at start chooses the first administrator. */
@Controller('setup')
@Public()
export class SetupController {
  constructor(private readonly setup: SetupService) {}

  @Get()
  check(@Query('token') token?: string): Promise<SetupLinkCheck> {
    return this.setup.check(token);
  }

  @Post()
  complete(@Body() body: unknown): Promise<SetupCompleted> {
    return this.setup.complete(body);
  }
}
