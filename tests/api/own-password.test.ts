import { describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import { Client } from '../support/http.js';

const t = useApi();
const EMAIL = 'new.viewer@demo.waymark.test';
const CHOSEN = 'harbour lantern orchard seven';

describe('a person’s own password', () => {
  it('must be chosen by someone who signed in with one made for them, and then only they know it', async () => {
    const admin = await t.as('admin');
    expect((await admin.get('/api/auth/me')).body.mustChangePassword).toBe(false); // the demo accounts chose theirs
    const invited = await admin.post('/api/users', {
      email: EMAIL,
      displayName: 'New viewer',
      role: 'viewer',
      areaCodes: ['E06000001'],
    });
    const given = invited.body.initialPassword as string;
    const here = await new Client(t.api.baseUrl).signIn(EMAIL, given);
    const elsewhere = await new Client(t.api.baseUrl).signIn(EMAIL, given);
    expect((await here.get('/api/auth/me')).body.mustChangePassword).toBe(true);

    const refused = async (body: Record<string, string>, column: string) => {
      const answer = await here.post('/api/auth/password', body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(422);
      expect(answer.body.problems.map((p: { column: string }) => p.column)).toEqual([column]);
    };
    await refused({ currentPassword: 'not the one', newPassword: CHOSEN }, 'currentPassword');
    await refused({ currentPassword: given, newPassword: 'too short' }, 'newPassword');
    await refused({ currentPassword: given, newPassword: given }, 'newPassword');
    expect((await here.post('/api/auth/password', { newPassword: CHOSEN })).status).toBe(422);

    expect((await here.post('/api/auth/password', { currentPassword: given, newPassword: CHOSEN })).status).toBe(204);
    expect((await here.get('/api/auth/me')).body.mustChangePassword).toBe(false);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401); // every other session ended
    expect((await new Client(t.api.baseUrl).post('/api/auth/login', { email: EMAIL, password: given })).status).toBe(
      401,
    );
    await new Client(t.api.baseUrl).signIn(EMAIL, CHOSEN);

    const events = await queryDatabase<{ summary: string; details: unknown }>(
      t.db.url,
      `SELECT summary, details FROM audit_event WHERE action = 'password_changed'`,
    );
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(CHOSEN);

    // A reset by an administrator makes a password someone else has seen: it must be changed again.
    const reset = await admin.post(`/api/users/${invited.body.user.id}/password-reset`);
    const again = await new Client(t.api.baseUrl).signIn(EMAIL, reset.body.newPassword);
    expect((await again.get('/api/auth/me')).body.mustChangePassword).toBe(true);
  });

  it('cannot be changed without a session', async () => {
    expect((await t.anonymous().post('/api/auth/password', { currentPassword: 'x', newPassword: CHOSEN })).status).toBe(
      401,
    );
  });
});
