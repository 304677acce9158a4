import { HttpException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { ReportRenderer } from './report-renderer.js';

/** Work that finishes when told to, so the test decides how many are in the making at once. */
function held() {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve('made');
    fail = reject;
  });
  return { work: () => done, finish, fail };
}

const statusOf = async (attempt: Promise<unknown>) =>
  attempt.then(
    () => 200,
    (error: unknown) => (error instanceof HttpException ? error.getStatus() : 500),
  );

describe('report admission', () => {
  it('lets one person have two reports in the making, refuses a third with 429, and admits again once one is done', async () => {
    const renderer = new ReportRenderer();
    const [a, b] = [held(), held()];
    const first = renderer.admit('person', a.work);
    const second = renderer.admit('person', b.work);
    expect(await statusOf(renderer.admit('person', held().work))).toBe(429);
    a.finish();
    expect(await first).toBe('made');
    const third = held();
    const again = renderer.admit('person', third.work);
    b.fail(new Error('the warehouse went away'));
    await expect(second).rejects.toThrow('the warehouse went away'); // a failure frees its place too
    third.finish();
    expect(await again).toBe('made');
    const last = held();
    const after = renderer.admit('person', last.work);
    last.finish();
    expect(await after).toBe('made');
  });

  it('refuses a fifth report in the making for everyone with 503', async () => {
    const renderer = new ReportRenderer();
    const four = ['a', 'b', 'c', 'd'].map((person) => ({ person, ...held() }));
    const running = four.map((r) => renderer.admit(r.person, r.work));
    expect(await statusOf(renderer.admit('e', held().work))).toBe(503);
    four.forEach((r) => r.finish());
    await Promise.all(running);
    const fifth = held();
    const admitted = renderer.admit('e', fifth.work);
    fifth.finish();
    expect(await admitted).toBe('made');
  });
});
