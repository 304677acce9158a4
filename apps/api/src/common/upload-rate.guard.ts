import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AppConfig } from '../config.js';
import type { Caller } from '../scope/area-scope.js';
import { APP_CONFIG } from './tokens.js';

const WINDOW_MS = 60_000;

/**
 * Caps uploads per person per minute, checked before the body is read, so a runaway script cannot
 * tie up the server parsing files. Counts live in memory: one API process per deployment.
 */
@Injectable()
export class UploadRateGuard implements CanActivate {
  private readonly sent = new Map<string, number[]>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const caller = context.switchToHttp().getRequest<{ caller?: Caller }>().caller;
    if (!caller) return true; // the session guard has already refused anonymous callers
    const now = Date.now();
    const recent = (this.sent.get(caller.userId) ?? []).filter((t) => t > now - WINDOW_MS);
    if (recent.length >= this.config.uploadsPerMinute) {
      const wait = Math.ceil((recent[0] + WINDOW_MS - now) / 1000);
      throw new HttpException(
        {
          statusCode: 429,
          message: `Too many uploads: at most ${this.config.uploadsPerMinute} a minute. Try again in ${wait} seconds.`,
          retryAfterSeconds: wait,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.sent.set(caller.userId, [...recent, now]);
    return true;
  }
}
