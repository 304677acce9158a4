/**
 * `npm run load`: a bounded load test on loopback. Starts the built API with the demo data (on
 * DATABASE_URL, or an embedded PostgreSQL in a temporary folder), then runs 50 dashboard users for
 * 60 s and 20 concurrent uploads, printing throughput, p50/p95/p99 and errors. Goal: p95 ≤ 200 ms and
 * zero errors. LOAD_SECONDS and UPLOAD_SECONDS shorten or lengthen the phases; LOAD_URL points it at
 * a Waymark already running with WAYMARK_DEMO_PASSWORD=load-test-password (for profiling).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENCY_QUARTER, quarterFromIndex, quarterIndex, quarterLabel, quarterOfDate, ukDate } from '@waymark/domain';
import { startWaymark } from './server.js';

interface Result {
  requests: { average: number };
  latency: { p50: number; p97_5: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const PASSWORD = 'load-test-password';
const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'waymark-load-'));
  await chmod(dataDir, 0o755);
  console.log(
    `Starting Waymark with the demo data (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL'})…`,
  );
  const running = await startWaymark({
    ...process.env,
    WAYMARK_DATA_DIR: dataDir,
    WAYMARK_DEMO_PASSWORD: PASSWORD,
    UPLOADS_PER_MINUTE: '1000000',
  });
  return {
    url: running.url,
    stop: async () => {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`Sign-in as ${email} failed: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0];
}

function report(name: string, result: Result): boolean {
  const errors = result.non2xx + result.errors + result.timeouts;
  // autocannon reports p97.5 rather than p95; p95 lies at or below it, so the goal is checked against p97.5.
  const ok = result.latency.p97_5 <= 200 && errors === 0;
  console.log(
    `| ${name} | ${result.requests.average.toFixed(0)} req/s | ${result.latency.p50} ms | ${result.latency.p97_5} ms | ${result.latency.p99} ms | ${result['2xx']} | ${errors} | ${ok ? 'met' : 'missed'} |`,
  );
  return ok;
}

async function main() {
  const server = process.env.LOAD_URL ? { url: process.env.LOAD_URL, stop: async () => {} } : await startServer();
  try {
    const analyst = await signIn(server.url, 'analyst@demo.waymark.test');
    const admin = await signIn(server.url, 'admin@demo.waymark.test');
    const last = quarterIndex(quarterOfDate(ukDate())) - 1;
    const range = `from=${encodeURIComponent(quarterLabel(quarterFromIndex(last - 3)))}&to=${encodeURIComponent(quarterLabel(quarterFromIndex(last)))}`;
    const views = [
      'indicators',
      'trends?indicators=marac_repeat_rate',
      'comparison?level=lad',
      'pathways',
      'gaps',
      'explorer?groupBy=sector',
      'indicators?area=E06000001&compare=national',
      'pathways?area=E06000002',
    ];
    const agencies = (
      (await (await fetch(`${server.url}/api/agencies`, { headers: { Cookie: admin } })).json()) as { id: string }[]
    ).map((a) => a.id);
    const values = Object.fromEntries(AGENCY_QUARTER.fields.map((f) => [f.key, 0]));
    Object.assign(values, {
      caseload: 120,
      new_presentations: 40,
      asked: 100,
      disclosed: 30,
      disclosed_at_assessment: 18,
      disclosed_later: 12,
      disclosed_current: 20,
      disclosed_past: 10,
      staff: 10,
      staff_trained: 7,
    });

    console.log(
      '\n| phase | throughput | p50 | p97.5 | p99 | answered 2xx | errors | goal (p95 ≤ 200 ms, no errors) |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    const dashboard = await autocannon({
      url: server.url,
      connections: 50,
      duration: seconds('LOAD_SECONDS', 60),
      headers: { Cookie: analyst, Accept: 'application/json' },
      requests: views.map((v) => ({
        method: 'GET',
        path: `/api/analytics/${v}${v.includes('?') ? '&' : '?'}${range}`,
      })),
    });
    const dashboardOk = report('50 dashboard users', dashboard);
    let n = 0;
    const uploads = await autocannon({
      url: server.url,
      connections: 20,
      duration: seconds('UPLOAD_SECONDS', 20),
      headers: { Cookie: admin, 'Content-Type': 'application/json', Accept: 'application/json' },
      requests: [
        {
          method: 'POST',
          path: '/api/returns/agency-quarter',
          setupRequest: (request: Record<string, unknown>) => {
            n += 1;
            const period = quarterLabel(quarterFromIndex(last - (n % 8)));
            return { ...request, body: JSON.stringify({ period, agencyId: agencies[n % agencies.length], values }) };
          },
        },
      ],
    });
    const uploadsOk = report('20 concurrent uploads', uploads);
    console.log(`\nLoad goal ${dashboardOk && uploadsOk ? 'met' : 'missed'}.`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
