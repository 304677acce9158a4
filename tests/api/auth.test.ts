import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/api-server.js';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import { DEMO } from '../support/http.js';

const t = useApi({ LOGIN_MAX_FAILURES: '3' });

describe('signing in', () => {
  it('opens a session in an httpOnly, SameSite=Strict cookie and says who you are', async () => {
    const client = t.anonymous();
    const answer = await client.post('/api/auth/login', { email: 'Viewer@Demo.Waymark.Test', password: DEMO_PASSWORD });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      email: DEMO.viewer,
      role: 'viewer',
      roleLabel: expect.stringContaining('Viewer'),
    });
    expect(answer.body).not.toHaveProperty('passwordHash');
    const cookie = answer.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^waymark_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect((await client.get('/api/auth/me')).body).toMatchObject({ email: DEMO.viewer, areaCodes: ['E06000001'] });
  });

  it('stores only a hash of the session token and argon2id password hashes', async () => {
    await t.as('analyst');
    const sessions = await queryDatabase<{ token_hash: Buffer }>(t.db.url, 'SELECT token_hash FROM user_session');
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) expect(s.token_hash).toHaveLength(32);
    const hashes = await queryDatabase<{ password_hash: string }>(t.db.url, 'SELECT password_hash FROM app_user');
    for (const h of hashes) expect(h.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('answers a wrong password and an unknown address with the same 401 that gives no hint', async () => {
    const wrongPassword = await t
      .anonymous()
      .post('/api/auth/login', { email: DEMO.analyst, password: 'not-the-password' });
    const unknownEmail = await t
      .anonymous()
      .post('/api/auth/login', { email: 'nobody@demo.waymark.test', password: DEMO_PASSWORD });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(JSON.stringify(wrongPassword.body)).not.toMatch(/password is|unknown|not found|no user/i);
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('lists every missing field with a 422 when the form is empty', async () => {
    const answer = await t.anonymous().post('/api/auth/login', {});
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      { field: 'email', message: 'Enter your email address' },
      { field: 'password', message: 'Enter your password' },
    ]);
  });

  it('refuses API calls without a session, and after signing out', async () => {
    expect((await t.anonymous().get('/api/agencies')).status).toBe(401);
    const client = await t.as('viewer');
    expect((await client.get('/api/agencies')).status).toBe(200);
    const stolenCookie = (client as unknown as { cookie: string }).cookie;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/agencies')).status).toBe(401);
    // The old token no longer works even if someone kept a copy.
    const replay = await fetch(`${t.api.baseUrl}/api/auth/me`, { headers: { Cookie: stolenCookie } });
    expect(replay.status).toBe(401);
  });

  it('refuses a made-up session token', async () => {
    const forged = await fetch(`${t.api.baseUrl}/api/auth/me`, {
      headers: { Cookie: 'waymark_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(forged.status).toBe(401);
  });

  it('rate-limits repeated failures for one address with 429, even when the password is then right', async () => {
    const target = DEMO.marac;
    for (let i = 0; i < 3; i++)
      expect((await t.anonymous().post('/api/auth/login', { email: target, password: `guess-${i}` })).status).toBe(401);
    const blocked = await t.anonymous().post('/api/auth/login', { email: target, password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/Too many failed sign-in attempts/);
    // Other people can still sign in.
    expect((await t.anonymous().post('/api/auth/login', { email: DEMO.admin, password: DEMO_PASSWORD })).status).toBe(
      200,
    );
  });
});
