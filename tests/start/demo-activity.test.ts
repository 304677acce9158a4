import { describe, expect, it } from 'vitest';
import { startApi, DEMO_PASSWORD } from '../support/api-server.js';
import { createTestDatabase } from '../support/databases.js';
import { Client, DEMO } from '../support/http.js';

describe('the demo partnership on first start', () => {
  it('comes with two years of invented returns and audits that the dashboards can show', async () => {
    const db = await createTestDatabase();
    const api = await startApi({ databaseUrl: db.url, env: { WAYMARK_DEMO_ACTIVITY: 'true' } });
    try {
      expect(api.output()).toMatch(/demo partnership created, \d+ demo returns \(\d+ episodes\) and \d+ self-audits/);
      expect(api.output()).toMatch(/rebuilt: [\d,]+ rows/);
      const analyst = await new Client(api.baseUrl).signIn(DEMO.analyst, DEMO_PASSWORD);
      const indicators = (await analyst.get('/api/analytics/indicators')).body.indicators as {
        id: string;
        value: number | null;
      }[];
      for (const id of [
        'marac_cases_per_10k',
        'marac_repeat_rate',
        'routine_enquiry_rate',
        'case_repeat_rate',
        'standards_compliance',
        'return_completeness',
      ]) {
        const value = indicators.find((i) => i.id === id)!.value;
        expect(value, id).not.toBeNull();
        expect(value!, id).toBeGreaterThan(0);
      }
      const completeness = indicators.find((i) => i.id === 'return_completeness')!.value!;
      expect(completeness).toBeLessThan(1); // some demo agencies have stopped sending returns
    } finally {
      await api.stop();
      await db.drop();
    }
  });
});
