import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@waymark/domain';
import type { Request } from 'express';
import { AuthService } from './auth.service.js';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './decorators.js';

export const SESSION_COOKIE = 'waymark_session';

/** Every route needs a session unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { caller?: unknown }>();
    const token: unknown = request.cookies?.[SESSION_COOKIE];
    const caller = typeof token === 'string' && token ? await this.auth.callerFor(token) : null;
    if (!caller) throw new UnauthorizedException('Sign in to continue');
    request.caller = caller;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(caller.role)) throw new ForbiddenException('Your role does not allow this');
    return true;
  }
}
