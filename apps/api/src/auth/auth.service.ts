import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { AppConfig } from '../config.js';
import { APP_CONFIG } from '../common/tokens.js';
import { AuditEventsService } from '../audit-events/audit-events.service.js';
import type { Caller } from '../scope/area-scope.js';
import { ScopeService } from '../scope/scope.service.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { passwordProblem } from '@waymark/domain';
import type { BodyReader } from '../common/body.js';
import { hashPassword, verifyPassword } from './password.js';
import { SessionRepository, type LoginCandidate, type SessionUser } from './session.repository.js';

/** One message for every failed sign-in, so it never says which part was wrong. */
export const SIGN_IN_FAILED = 'Enter a correct email address and password';

/** Why a sign-in was refused, as the audit trail says it. */
const REFUSAL_REASONS = {
  too_many_attempts: 'too many failed attempts',
  no_such_account: 'no account has this email address',
  account_inactive: 'the account is deactivated',
  wrong_password: 'wrong password',
};

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

@Injectable()
export class AuthService {
  private readonly limiter: LoginRateLimiter;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly scopes: ScopeService,
    private readonly audit: AuditEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.limiter = new LoginRateLimiter(config.loginMaxFailures, config.loginWindowMinutes * 60_000);
  }

  get sessionHours(): number {
    return this.config.sessionHours;
  }

  /** Checks the password and opens a session; returns the token for the cookie. */
  async signIn(email: string, password: string, clientAddress: string): Promise<{ token: string; user: SessionUser }> {
    const candidate = await this.sessions.findLoginCandidate(email);
    try {
      this.limiter.assertAllowed(email, clientAddress);
    } catch (error) {
      await this.recordRefusal(email, candidate, 'too_many_attempts');
      throw error;
    }
    const passwordMatches = await verifyPassword(candidate?.passwordHash ?? null, password);
    if (!candidate || !candidate.active || !passwordMatches) {
      this.limiter.recordFailure(email, clientAddress);
      await this.recordRefusal(
        email,
        candidate,
        !candidate ? 'no_such_account' : !candidate.active ? 'account_inactive' : 'wrong_password',
      );
      throw new UnauthorizedException(SIGN_IN_FAILED);
    }
    this.limiter.recordSuccess(email);
    const token = randomBytes(32).toString('base64url');
    await this.sessions.deleteExpired();
    await this.sessions.create(hashToken(token), candidate.id, this.config.sessionHours);
    const { passwordHash: _hash, active: _active, ...user } = candidate;
    await this.audit.record({
      actor: { userId: user.id, email: user.email, role: user.role },
      action: 'sign_in',
      target: { type: 'user', id: user.id },
      summary: 'Signed in',
    });
    return { token, user };
  }

  /**
   * A refused sign-in, under the address as typed (capped: it may be anything) and the account's id
   * only when the address belongs to one. The reason is for administrators; the person is told less.
   */
  private recordRefusal(
    email: string,
    account: LoginCandidate | null,
    reason: keyof typeof REFUSAL_REASONS,
  ): Promise<void> {
    // What was typed is kept only when it looks like an address: people type passwords into the wrong box.
    const typed = /^[^@\s]{1,64}@[^@\s]{1,100}$/.test(email) ? email.slice(0, 100) : '(not an email address)';
    return this.audit.record({
      actor: account
        ? { userId: account.id, email: typed, role: account.role }
        : { userId: null, email: typed, role: null },
      action: 'sign_in_failed',
      target: account ? { type: 'user', id: account.id } : null,
      summary: `Sign-in refused: ${REFUSAL_REASONS[reason]}`,
      details: { reason },
    });
  }

  /**
   * The signed-in person's own new password. The current one must be given (a session left open
   * is not enough); every other session ends, this one stays.
   */
  async changePassword(
    caller: Caller,
    token: string,
    current: string,
    chosen: string,
    input: BodyReader,
  ): Promise<void> {
    if (!(await verifyPassword(await this.sessions.passwordHashOf(caller.userId), current)))
      input.problem('currentPassword', 'Your current password is not right');
    const weak = passwordProblem(chosen);
    if (weak) input.problem('newPassword', weak);
    else if (chosen === current) input.problem('newPassword', 'Choose a password different from your current one');
    input.finish();
    await this.sessions.choosePassword(caller.userId, await hashPassword(chosen), hashToken(token));
    await this.audit.record({
      actor: caller,
      action: 'password_changed',
      target: { type: 'user', id: caller.userId },
      summary: 'Chose a new password',
    });
  }

  async signOut(caller: Caller, token: string): Promise<void> {
    await this.sessions.delete(hashToken(token));
    await this.audit.record({
      actor: caller,
      action: 'sign_out',
      target: { type: 'user', id: caller.userId },
      summary: 'Signed out',
    });
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
      mustChangePassword: user.mustChangePassword,
      scope: await this.scopes.scopeFor(user),
    };
  }
}
