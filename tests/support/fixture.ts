import { afterAll, beforeAll } from 'vitest';
import { startApi, DEMO_PASSWORD, type RunningApi, type ApiOptions } from './api-server.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { Client, DEMO } from './http.js';

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
