import { HttpException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './login-rate-limiter.js';

describe('LoginRateLimiter', () => {
  it('blocks an address after the allowed failures and lets it in again once the window passes', () => {
    let now = 0;
    const limiter = new LoginRateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      limiter.assertAllowed('A@example.test', '10.0.0.1');
      limiter.recordFailure('a@example.test', '10.0.0.1');
    }
    expect(() => limiter.assertAllowed('a@example.test', '10.0.0.2')).toThrow(HttpException);
    now = 60_001;
    expect(() => limiter.assertAllowed('a@example.test', '10.0.0.2')).not.toThrow();
  });

  it('allows a shared client address five times as many failures across different accounts', () => {
    const limiter = new LoginRateLimiter(2, 60_000, () => 0);
    for (let i = 0; i < 10; i++) limiter.recordFailure(`user${i}@example.test`, '10.0.0.9');
    expect(() => limiter.assertAllowed('fresh@example.test', '10.0.0.9')).toThrow(/Too many failed sign-in attempts/);
    expect(() => limiter.assertAllowed('fresh@example.test', '10.0.0.8')).not.toThrow();
  });

  it("forgets an address's failures after a successful sign-in", () => {
    const limiter = new LoginRateLimiter(2, 60_000, () => 0);
    limiter.recordFailure('b@example.test', '10.0.0.1');
    limiter.recordFailure('b@example.test', '10.0.0.2');
    limiter.recordSuccess('B@example.test');
    expect(() => limiter.assertAllowed('b@example.test', '10.0.0.3')).not.toThrow();
  });
});
