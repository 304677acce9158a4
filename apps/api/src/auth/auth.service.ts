import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { AppConfig } from '../config.js';
import { APP_CONFIG } from '../common/tokens.js';
import type { Caller } from '../scope/area-scope.js';
import { ScopeService } from '../scope/scope.service.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { verifyPassword } from './password.js';
import { SessionRepository, type SessionUser } from './session.repository.js';

/** One message for every failed sign-in, so it never says which part was wrong. */
export const SIGN_IN_FAILED = 'Enter a correct email address and password';

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

@Injectable()
export class AuthService {
  private readonly limiter: LoginRateLimiter;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly scopes: ScopeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.limiter = new LoginRateLimiter(config.loginMaxFailures, config.loginWindowMinutes * 60_000);
  }

  get sessionHours(): number {
    return this.config.sessionHours;
  }

  /** Checks the password and opens a session; returns the token for the cookie. */
  async signIn(email: string, password: string, clientAddress: string): Promise<{ token: string; user: SessionUser }> {
    this.limiter.assertAllowed(email, clientAddress);
    const candidate = await this.sessions.findLoginCandidate(email);
    const passwordMatches = await verifyPassword(candidate?.passwordHash ?? null, password);
    if (!candidate || !candidate.active || !passwordMatches) {
      this.limiter.recordFailure(email, clientAddress);
      throw new UnauthorizedException(SIGN_IN_FAILED);
    }
    this.limiter.recordSuccess(email);
    const token = randomBytes(32).toString('base64url');
    await this.sessions.deleteExpired();
    await this.sessions.create(hashToken(token), candidate.id, this.config.sessionHours);
    const { passwordHash: _hash, active: _active, ...user } = candidate;
    return { token, user };
  }

  async signOut(token: string): Promise<void> {
    await this.sessions.delete(hashToken(token));
  }

  /** The caller behind a session token, with their scope, or null when the token is not valid. */
  async callerFor(token: string): Promise<Caller | null> {
    const user = await this.sessions.findUser(hashToken(token));
    if (!user) return null;
    return {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      agencyId: user.agencyId,
      maracId: user.maracId,
      scope: await this.scopes.scopeFor(user),
    };
  }
}
