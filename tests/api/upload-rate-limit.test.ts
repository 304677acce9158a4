import { describe, expect, it } from 'vitest';
import { useApi } from '../support/fixture.js';
import { AGENCY_FIGURES, toCsv } from '../support/returns-fixtures.js';
import { AGENCY_QUARTER } from '@waymark/domain';

const t = useApi({ UPLOADS_PER_MINUTE: '3' });

describe('the upload rate limit', () => {
  it('answers 429 once a person has sent their uploads for the minute, before reading the file, and counts people apart', async () => {
    const submitter = await t.as('submitter');
    const file = {
      name: 'return.csv',
      bytes: toCsv(
        AGENCY_QUARTER.fields.map((f) => f.key),
        [AGENCY_FIGURES],
      ),
    };
    const statuses = [];
    for (const quarter of ['Q1', 'Q2', 'Q3', 'Q4'])
      statuses.push(
        (await submitter.upload(`/api/returns/agency-quarter`, file, { period: `2024-25 ${quarter}` })).status,
      );
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await submitter.upload('/api/returns/agency-quarter', file, { period: '2023-24 Q1' });
    expect(refused.body.message).toMatch(/Too many uploads: at most 3 a minute/);
    expect((await submitter.get('/api/returns')).body).toHaveLength(3);
    // Another person is not held up by the first one's uploads.
    const admin = await t.as('admin');
    const agencyId = (await submitter.get('/api/auth/me')).body.agencyId;
    expect((await admin.upload('/api/returns/agency-quarter', file, { period: '2023-24 Q1', agencyId })).status).toBe(
      201,
    );
  });
});
