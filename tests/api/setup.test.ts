import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startApi } from '../support/api-server.js';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import { Client, DEMO } from '../support/http.js';

const WITHOUT_DEMO = { WAYMARK_DEMO: 'false' };
const t = useApi(WITHOUT_DEMO);

/** The token of the newest set-up link the server printed (null when it printed none). */
function printedToken(output: string, origin: string): string | null {
  const links = [...output.matchAll(/(\S+)\/setup\?token=([A-Za-z0-9_-]+)/g)];
  if (!links.length) return null;
  const [, printedOrigin, token] = links[links.length - 1];
  expect(printedOrigin).toBe(origin);
  return token;
}

async function restart(env: Record<string, string> = {}) {
  await t.api.stop();
  t.api = await startApi({ databaseUrl: t.db.url, env: { ...WITHOUT_DEMO, ...env } });
}

const ADMIN = {
  email: 'data.lead@partnership.example.org',
  displayName: 'Partnership data lead',
  password: 'correct horse battery staple',
};

describe('the first run without the demo', () => {
  it('makes no accounts, and prints a one-time link (stored only as a hash) that a new start replaces', async () => {
    expect(await queryDatabase(t.db.url, 'SELECT email FROM app_user')).toEqual([]);
    expect(
      (await t.anonymous().post('/api/auth/login', { email: DEMO.admin, password: 'anything at all' })).status,
    ).toBe(401);
    const first = printedToken(t.api.output(), `http://localhost:${new URL(t.api.baseUrl).port}`)!;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect((await t.anonymous().get(`/api/setup?token=${first}`)).status).toBe(200);
    const stored = await queryDatabase<{ token_hash: Buffer; hours: number }>(
      t.db.url,
      'SELECT token_hash, round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM setup_token',
    );
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(first).digest(), hours: 24 }]);

    await restart({ PUBLIC_URL: 'https://waymark.partnership.example.org/' });
    const second = printedToken(t.api.output(), 'https://waymark.partnership.example.org')!;
    expect(second).not.toBe(first);
    expect((await t.anonymous().post('/api/setup', { token: first, ...ADMIN })).status).toBe(410);
    expect((await t.anonymous().get(`/api/setup?token=${second}`)).status).toBe(200);
  });

  it('refuses a token it never made with 404 and an expired one with 410, creating nobody', async () => {
    const anonymous = t.anonymous();
    for (const token of ['not-a-token', 'A'.repeat(43), '']) {
      const refused = await anonymous.post('/api/setup', { token, ...ADMIN });
      expect(refused.status, token).toBe(404);
      expect(refused.body.problems[0]).toMatchObject({ rule: 'not_found' });
    }
    const token = printedToken(t.api.output(), 'https://waymark.partnership.example.org')!;
    await queryDatabase(t.db.url, `UPDATE setup_token SET expires_at = now() - interval '1 minute'`);
    expect((await anonymous.post('/api/setup', { token, ...ADMIN })).status).toBe(410);
    expect((await anonymous.get(`/api/setup?token=${token}`)).status).toBe(410);
    expect(await queryDatabase(t.db.url, 'SELECT email FROM app_user')).toEqual([]);
  });

  it('creates the first administrator once: the form is checked, the token is then spent, and the administrator signs in', async () => {
    await restart();
    const token = printedToken(t.api.output(), `http://localhost:${new URL(t.api.baseUrl).port}`)!;
    const anonymous = t.anonymous();

    const refused = await anonymous.post('/api/setup', {
      token,
      email: 'not an address',
      displayName: '',
      password: 'too short',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.problems.map((p: { column: string }) => p.column).sort()).toEqual([
      'displayName',
      'email',
      'password',
    ]);
    expect(refused.body.problems.find((p: { column: string }) => p.column === 'password').message).toMatch(
      /at least 12 characters/,
    );

    // Six tries at once with the one link: exactly one administrator is made, the others are told the link is spent.
    const tries = await Promise.all(
      Array.from({ length: 6 }, () => t.anonymous().post('/api/setup', { token, ...ADMIN })),
    );
    expect(tries.map((r) => r.status).sort()).toEqual([201, 410, 410, 410, 410, 410]);
    expect(await queryDatabase(t.db.url, "SELECT count(*)::int AS n FROM app_user WHERE role = 'admin'")).toEqual([
      { n: 1 },
    ]);
    const made = tries.find((r) => r.status === 201)!;
    expect(made.body).toEqual({
      id: expect.any(String),
      email: ADMIN.email,
      displayName: ADMIN.displayName,
      role: 'admin',
    });
    expect((await anonymous.post('/api/setup', { token, ...ADMIN, email: 'someone.else@example.org' })).status).toBe(
      410,
    );
    expect((await anonymous.get(`/api/setup?token=${token}`)).status).toBe(410);

    const admin = await new Client(t.api.baseUrl).signIn(ADMIN.email, ADMIN.password);
    expect((await admin.get('/api/auth/me')).body).toMatchObject({ id: made.body.id, role: 'admin' });
    const [event] = await queryDatabase(
      t.db.url,
      `SELECT actor_id, action FROM audit_event WHERE action = 'setup_completed'`,
    );
    expect(event).toEqual({ actor_id: made.body.id, action: 'setup_completed' });

    // With an administrator in place, a new start prints no link.
    await restart();
    expect(printedToken(t.api.output(), '')).toBeNull();
  });
});
