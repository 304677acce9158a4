import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { SessionGuard } from './session.guard.js';
import { SessionRepository } from './session.repository.js';

@Module({
  controllers: [AuthController],
  providers: [AuthService, SessionRepository, { provide: APP_GUARD, useClass: SessionGuard }],
})
export class AuthModule {}
