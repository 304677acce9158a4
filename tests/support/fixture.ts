import { afterAll, beforeAll, expect } from 'vitest';
import { startApi, DEMO_PASSWORD, type RunningApi, type ApiOptions } from './api-server.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { templateDatabase, type Contents } from './template-database.js';
import { Client, DEMO } from './http.js';
import { AGENCY_FIGURES, MARAC_FIGURES } from './returns-fixtures.js';

export interface ApiFixture {
  api: RunningApi;
  db: TestDatabase;
  /** A fresh client with no session. */
  anonymous(): Client;
  /** A fresh client signed in as one of the demo accounts. */
  as(who: keyof typeof DEMO): Promise<Client>;
}

/**
 * What the server would make of an empty database at its first start, made once per run and copied:
 * the server then finds its migrations applied and its demo (and demo activity) there, as after any
 * restart. With the demo switched off it starts from an empty database, as a new partnership does.
 */
function startingContents(env: ApiOptions['env'] = {}): Contents | null {
  // Read as the server reads its flags (config.ts), so the copy is what the server would have made.
  const flag = (name: string, fallback: boolean) => {
    const raw = env[name] ?? '';
    return raw === '' ? fallback : ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
  };
  if (!flag('WAYMARK_DEMO', true)) return null;
  if (env.WAYMARK_DEMO_PASSWORD !== undefined && env.WAYMARK_DEMO_PASSWORD !== DEMO_PASSWORD)
    throw new Error("The template demo accounts have the tests' demo password; start this server with startApi");
  // The api-server helper switches demo activity off unless a test asks for it.
  return flag('WAYMARK_DEMO_ACTIVITY', false) ? 'demo-activity' : 'demo';
}

/** Starts the built API on its own new database for the tests in one file, and stops it after. */
export function useApi(env: ApiOptions['env'] = {}): ApiFixture {
  const fixture = {} as ApiFixture;
  beforeAll(async () => {
    const contents = startingContents(env);
    fixture.db = await createTestDatabase(contents ? { template: await templateDatabase(contents) } : {});
    fixture.api = await startApi({ databaseUrl: fixture.db.url, env });
    fixture.anonymous = () => new Client(fixture.api.baseUrl);
    fixture.as = (who) => new Client(fixture.api.baseUrl).signIn(DEMO[who], DEMO_PASSWORD);
  });
  afterAll(async () => {
    await fixture.api?.stop();
    await fixture.db?.drop();
  });
  return fixture;
}

/** The fixture Marac and agency quarterly returns for one quarter, sent by their demo owners. */
export async function sendQuarterlyReturns(t: ApiFixture, period = '2025-26 Q1'): Promise<void> {
  const marac = await t.as('marac');
  const submitter = await t.as('submitter');
  expect((await marac.post('/api/returns/marac-quarter', { period, values: MARAC_FIGURES })).status).toBe(201);
  expect((await submitter.post('/api/returns/agency-quarter', { period, values: AGENCY_FIGURES })).status).toBe(201);
}

/** A new analyst granted one area only, invited by the demo administrator and signed in. */
export async function analystOf(t: ApiFixture, areaCode: string): Promise<Client> {
  const email = `analyst.${areaCode.toLowerCase()}@demo.waymark.test`;
  const made = await (
    await t.as('admin')
  ).post('/api/users', { email, displayName: `Analyst for ${areaCode}`, role: 'analyst', areaCodes: [areaCode] });
  expect(made.status).toBe(201);
  return new Client(t.api.baseUrl).signIn(email, made.body.initialPassword);
}
