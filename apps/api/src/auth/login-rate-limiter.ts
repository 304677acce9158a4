import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * Counts failed sign-ins in a sliding window, per e-mail address and per client address.
 * A client address gets a wider allowance because one office may share it.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private keys(email: string, ip: string): [string, number][] {
    return [
      [`email:${email.toLowerCase()}`, this.maxFailures],
      [`ip:${ip}`, this.maxFailures * 5],
    ];
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Throws 429 with the seconds to wait when either counter is full. */
  assertAllowed(email: string, ip: string): void {
    for (const [key, limit] of this.keys(email, ip)) {
      const recent = this.recent(key);
      if (recent.length >= limit) {
        const retryAfter = Math.ceil((recent[0] + this.windowMs - this.now()) / 1000);
        throw new HttpException(
          {
            statusCode: 429,
            message: `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
            retryAfterSeconds: retryAfter,
          },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
    }
  }

  recordFailure(email: string, ip: string): void {
    for (const [key] of this.keys(email, ip)) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  recordSuccess(email: string): void {
    this.failures.delete(`email:${email.toLowerCase()}`);
  }
}
