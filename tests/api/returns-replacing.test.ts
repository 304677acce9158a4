import { describe, expect, it } from 'vitest';
import { useApi } from '../support/fixture.js';
import { AGENCY_FIGURES, MARAC_FIGURES } from '../support/returns-fixtures.js';

const t = useApi();
const PERIOD = '2024-25 Q3';
const CURRENT = `/api/returns/current?type=agency-quarter&period=${encodeURIComponent(PERIOD)}`;

describe('replacing a return', () => {
  it('says which version a new one replaced, and the check says so beforehand', async () => {
    const submitter = await t.as('submitter');
    expect((await submitter.get(CURRENT)).body).toEqual({ current: null });

    const first = await submitter.post('/api/returns/agency-quarter', { period: PERIOD, values: AGENCY_FIGURES });
    expect(first.status).toBe(201);
    expect(first.body.replaced).toBeNull();

    const receivedAt = (await submitter.get(`/api/returns/${first.body.id}`)).body.submittedAt;
    const check = await submitter.get(CURRENT);
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ current: { id: first.body.id, version: 1, receivedAt } });

    const second = await submitter.post('/api/returns/agency-quarter', { period: PERIOD, values: AGENCY_FIGURES });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, replaced: { id: first.body.id, version: 1, receivedAt } });
    expect((await submitter.get(CURRENT)).body.current).toMatchObject({ id: second.body.id, version: 2 });
  });

  it('answers the check only for an owner the caller may send for', async () => {
    const [admin, submitter, marac, analyst] = await Promise.all([
      t.as('admin'),
      t.as('submitter'),
      t.as('marac'),
      t.as('analyst'),
    ]);
    const own = (await submitter.get('/api/auth/me')).body.agencyId;
    const other = (await admin.get('/api/agencies')).body.find((a: { id: string }) => a.id !== own).id;

    expect((await submitter.get(`${CURRENT}&agencyId=${other}`)).status).toBe(404);
    expect(
      (await submitter.get(`/api/returns/current?type=marac-quarter&period=${encodeURIComponent(PERIOD)}`)).status,
    ).toBe(404);
    expect((await analyst.get(CURRENT)).status).toBe(403);
    expect((await t.anonymous().get(CURRENT)).status).toBe(401);

    // An administrator names the owner, as when sending.
    expect((await admin.get(CURRENT)).status).toBe(422);
    expect((await admin.get(`${CURRENT}&agencyId=${own}`)).body.current).toMatchObject({ version: 2 });
    expect((await admin.get(`${CURRENT}&agencyId=${other}`)).body).toEqual({ current: null });

    expect((await marac.post('/api/returns/marac-quarter', { period: PERIOD, values: MARAC_FIGURES })).status).toBe(
      201,
    );
    expect(
      (await marac.get(`/api/returns/current?type=marac-quarter&period=${encodeURIComponent(PERIOD)}`)).body.current,
    ).toMatchObject({ version: 1 });
  });

  it('refuses a bad question with 4xx', async () => {
    const submitter = await t.as('submitter');
    for (const [query, status] of [
      ['type=agency-quarter&period=2024%2F25', 422],
      ['type=agency-quarter&period=2099-00%20Q1', 422],
      ['type=agency-quarter&period=a&period=b', 400],
      ['type=agency-quarter', 422],
      ['type=nonsense&period=2024-25%20Q3', 404],
      ['type=agency-quarter&period=2024-25%20Q3&agencyId=not-an-id', 404],
      ['', 404],
    ] as const) {
      const answer = await submitter.get(`/api/returns/current?${query}`);
      expect(answer.status, query).toBe(status);
      expect(answer.body.statusCode, query).toBe(status);
      if (status === 422)
        expect(answer.body).toMatchObject({ message: 'Choose the quarter to check', problems: [{ column: 'period' }] });
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).body;
    expect(doc.paths['/api/returns/agency-quarter'].post.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Accepted',
    });
    expect(doc.components.schemas.Accepted.required).toContain('replaced');
    expect(doc.components.schemas.Version.required).toEqual(['id', 'version', 'receivedAt']);
    expect(doc.paths['/api/returns/current'].get.responses['200']).toBeDefined();
  });
});
