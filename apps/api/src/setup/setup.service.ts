import { GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditEventsService } from '../audit-events/audit-events.service.js';
import { passwordProblem } from '@waymark/domain';
import { hashPassword } from '../auth/password.js';
import { BodyReader } from '../common/body.js';
import { SetupRepository } from './setup.repository.js';

const ALREADY_SET_UP = 'Waymark already has an administrator, so this set-up link no longer works. Sign in instead.';

/** The first administrator of an install without the demo, chosen through a one-time link printed at start. */
@Injectable()
export class SetupService {
  constructor(
    private readonly setup: SetupRepository,
    private readonly auditEvents: AuditEventsService,
  ) {}

  /** Answers as the form would: 410 once set up or when the link is spent or out of date, 404 for an unknown link. */
  async check(token: unknown): Promise<{ valid: true }> {
    if (await this.setup.administratorExists()) throw new GoneException(ALREADY_SET_UP);
    const state = typeof token === 'string' && token.length <= 100 ? await this.setup.state(token) : null;
    if (!state)
      throw new NotFoundException(
        'This set-up link is not one Waymark made. Copy the whole link Waymark printed when it started.',
      );
    if (state.spent) throw new GoneException(ALREADY_SET_UP);
    if (state.expired)
      throw new GoneException(
        'This set-up link has expired or been replaced by a newer one. Restart Waymark to get a new link.',
      );
    return { valid: true };
  }

  async complete(body: unknown): Promise<{ id: string; email: string; displayName: string; role: 'admin' }> {
    const input = new BodyReader(body);
    const token = input.text('token', '', { optional: true, max: 100 });
    await this.check(token);
    const displayName = input.text('displayName', 'Enter your name', { max: 120 });
    const email = input.email('email', 'Enter your email address');
    const password = input.text('password', 'Create a password', { max: 1024 });
    const weak = password ? passwordProblem(password) : null;
    if (weak) input.problem('password', weak);
    input.finish();

    const made = await this.setup.createAdministrator(token!, {
      email: email!,
      displayName: displayName!,
      passwordHash: await hashPassword(password!),
    });
    if ('refused' in made) {
      if (made.refused === 'email') input.problem('email', 'An account with this email address already exists');
      input.finish();
      throw new GoneException(ALREADY_SET_UP);
    }
    await this.auditEvents.record({
      actor: { userId: made.id, email: email!, role: 'admin' },
      action: 'setup_completed',
      target: { type: 'user', id: made.id },
      summary: `Set up Waymark with ${email} as its first administrator`,
    });
    return { id: made.id, email: email!, displayName: displayName!, role: 'admin' };
  }
}
