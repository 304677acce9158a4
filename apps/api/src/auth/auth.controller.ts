import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { labelOf, ROLES, type CurrentPerson, type SignedInPerson } from '@waymark/domain';
import type { Request, Response } from 'express';
import { BodyReader } from '../common/body.js';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config.js';
import type { Caller } from '../scope/area-scope.js';
import { AuthService } from './auth.service.js';
import { CurrentCaller, Public } from './decorators.js';
import { SESSION_COOKIE } from './session.guard.js';

function describeCaller(
  caller: Pick<Caller, 'userId' | 'email' | 'displayName' | 'role' | 'agencyId' | 'maracId' | 'mustChangePassword'>,
): SignedInPerson {
  return {
    id: caller.userId,
    email: caller.email,
    displayName: caller.displayName,
    role: caller.role,
    roleLabel: labelOf(ROLES, caller.role),
    agencyId: caller.agencyId,
    maracId: caller.maracId,
    mustChangePassword: caller.mustChangePassword ?? false,
  };
}

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedInPerson> {
    const input = new BodyReader(body);
    const email = input.text('email', 'Enter your email address', { max: 320 });
    const password = input.text('password', 'Enter your password', { max: 1024 });
    input.finish();
    const { token, user } = await this.auth.signIn(email!, password!, request.ip ?? 'unknown');
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      maxAge: this.auth.sessionHours * 3_600_000,
    });
    return describeCaller({ ...user, userId: user.id });
  }

  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    // The session guard let the request through, so it carries the session cookie.
    await this.auth.signOut(caller, request.cookies[SESSION_COOKIE] as string);
    response.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
    });
  }

  /** `{currentPassword, newPassword}`: the signed-in person chooses their own password; 204. */
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentCaller() caller: Caller, @Body() body: unknown, @Req() request: Request): Promise<void> {
    const input = new BodyReader(body);
    const current = input.text('currentPassword', 'Enter your current password', { max: 1024 });
    const chosen = input.text('newPassword', 'Choose a new password', { max: 1024 });
    input.finish();
    await this.auth.changePassword(caller, request.cookies[SESSION_COOKIE] as string, current!, chosen!, input);
  }

  @Get('me')
  me(@CurrentCaller() caller: Caller): CurrentPerson {
    return { ...describeCaller(caller), areaCodes: caller.scope.areaCodes };
  }
}
