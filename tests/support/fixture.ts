import { afterAll, beforeAll, expect } from 'vitest';
import { startApi, DEMO_PASSWORD, type RunningApi, type ApiOptions } from './api-server.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
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

/** Starts the built API on its own new database for the tests in one file, and stops it after. */
export function useApi(env: ApiOptions['env'] = {}): ApiFixture {
  const fixture = {} as ApiFixture;
  beforeAll(async () => {
    fixture.db = await createTestDatabase();
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
