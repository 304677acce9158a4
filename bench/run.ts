import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { areaKey, catchUp, EVERYONE, factSums, otherFigures, scopedQuery, sqlFile, sumsOf, Warehouse, type QueryFilter } from '@waymark/analytics';
import { areaTypeOfGss, CASE_LEVEL, MARAC_REFERRAL_SOURCES, quarterFromIndex, quarterIndex, quarterLabel, quarterOfDate, ukDate } from '@waymark/domain';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { PostgresWarehouseSource } from '../apps/api/src/analytics/postgres-source.js';
import { createDataSource, migrate } from '../apps/api/src/database/data-source.js';
import { withDatabase } from '../apps/api/src/database/database-url.js';
import { startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres.js';
import { repoRoot } from '../apps/api/src/paths.js';
import { storeSubmission } from '../apps/api/src/returns/submission-store.js';
import { caseEpisodes, Synthetic } from '../seeds/synthetic.js';
import { seedReferenceData } from '../seeds/reference-data.js';
import { generate, TYPED, type Place, type Scale } from './generate.js';
import { measureReports } from './reports.js';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ITERATIONS = number('BENCH_ITERATIONS', 40);

function log(line: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Latencies of one view: pairs of requests in flight together, over random areas. */
async function measure(run: (area: string | null) => Promise<unknown>, areas: (string | null)[]): Promise<number[]> {
  const times: number[] = [];
  const timed = async (area: string | null) => {
    const started = performance.now();
    await run(area);
    times.push(performance.now() - started);
  };
  // Warm up as a running API would be: every reader connection has prepared the view's statements.
  for (let i = 0; i < 6; i += 2) await Promise.all([run(areas[(i + 7) % areas.length]), run(areas[(i + 8) % areas.length])]);
  for (let i = 0; i < ITERATIONS; i += 2) await Promise.all([timed(areas[i % areas.length]), timed(areas[(i + 1) % areas.length])]);
  return times;
}

const AREA_SQL = `($1::text IS NULL OR $1 IN (lad_code, csp_code, pfa_code)) AND period_index BETWEEN $2 AND $3`;
const sums = (columns: string[]) => columns.map((c) => `coalesce(sum(${c}), 0)::float8 AS ${c}`).join(', ');

/** The same aggregates on PostgreSQL, over typed tables with indexes on area and quarter. */
function postgresViews(pool: pg.Pool) {
  const q = (sql: string, params: unknown[]) => pool.query(sql, params);
  const maracSums = `SELECT count(*) AS returns, ${sums(TYPED.marac)} FROM bench_marac_quarter WHERE ${AREA_SQL}`;
  const agencySums = `SELECT count(*) AS returns, ${sums(TYPED.agency)} FROM bench_agency_quarter WHERE ${AREA_SQL}`;
  const repeat = `WITH months AS (
      SELECT agency_id, person_key, period_index, substr(referral_month, 1, 4)::int * 12 + substr(referral_month, 6, 2)::int AS m
      FROM bench_case_episode WHERE ($1::text IS NULL OR $1 IN (lad_code, csp_code, pfa_code)) AND period_index BETWEEN $2 - 4 AND $3
    ), in_range AS (SELECT * FROM months WHERE period_index BETWEEN $2 AND $3)
    SELECT count(DISTINCT (agency_id, period_index, person_key)) AS people,
           count(DISTINCT (agency_id, period_index, person_key)) FILTER (WHERE EXISTS (SELECT 1 FROM months e WHERE e.agency_id = in_range.agency_id AND e.person_key = in_range.person_key AND e.m < in_range.m AND e.m >= in_range.m - 12)) AS repeat_people
    FROM in_range`;
  return {
    indicators: async (area: string | null, from: number, to: number) => Promise.all([q(maracSums, [area, from, to]), q(agencySums, [area, from, to]), q(repeat, [area, from, to])]),
    trends: async (area: string | null, from: number, to: number) => Promise.all([q(`${maracSums} GROUP BY period_index`, [area, from, to]), q(`${agencySums} GROUP BY period_index`, [area, from, to])]),
    comparison: async (_area: string | null, from: number, to: number) => q(`SELECT lad_code, ${sums(TYPED.marac)} FROM bench_marac_quarter WHERE ${AREA_SQL} GROUP BY lad_code`, [null, from, to]),
    pathways: async (area: string | null, from: number, to: number) => Promise.all([
      q(`SELECT sector, referred_to, count(*), count(*) FILTER (WHERE referral_engaged) FROM bench_case_episode WHERE ${AREA_SQL} AND referred_to IS NOT NULL GROUP BY 1, 2`, [area, from, to]),
      q(`SELECT sector, count(*) FROM bench_case_episode WHERE ${AREA_SQL} AND marac_referral GROUP BY 1`, [area, from, to]),
      q(`SELECT sector, sum(referrals_made), sum(referrals_made_engaged), sum(referrals_received), sum(referrals_received_engaged), sum(marac_referrals) FROM bench_agency_quarter WHERE ${AREA_SQL} GROUP BY 1`, [area, from, to]),
      q(`SELECT ${MARAC_REFERRAL_SOURCES.map((s) => `sum(referrals_${s.code})`).join(', ')} FROM bench_marac_quarter WHERE ${AREA_SQL}`, [area, from, to]),
    ]),
    explorer: async (area: string | null, from: number, to: number) => q(`SELECT sector, count(*), ${sums(TYPED.agency)} FROM bench_agency_quarter WHERE ${AREA_SQL} GROUP BY sector`, [area, from, to]),
    repeats: async (area: string | null, from: number, to: number) => q(repeat, [area, from, to]),
  };
}

function duckViews(warehouse: Warehouse) {
  const f = (area: string | null, from: number, to: number): QueryFilter => ({ area, from, to });
  const sourceSums = MARAC_REFERRAL_SOURCES.map((s) => `coalesce(sum(referrals_${s.code}), 0)::DOUBLE AS "${s.code}"`).join(', ');
  return {
    indicators: async (area: string | null, from: number, to: number) => Promise.all([factSums(warehouse, EVERYONE, f(area, from, to), 'all'), otherFigures(warehouse, EVERYONE, f(area, from, to))]),
    trends: async (area: string | null, from: number, to: number) => factSums(warehouse, EVERYONE, f(area, from, to), 'period'),
    comparison: async (_area: string | null, from: number, to: number) => factSums(warehouse, EVERYONE, f(null, from, to), 'lad'),
    pathways: async (area: string | null, from: number, to: number) => scopedQuery(warehouse, sqlFile('pathways', { source_sums: sourceSums }), EVERYONE, f(area, from, to)),
    explorer: async (area: string | null, from: number, to: number) => scopedQuery(warehouse, sqlFile('fact_sums', { fact: 'scoped_agency', group: 'sector', sums: sumsOf(TYPED.agency) }), EVERYONE, f(area, from, to)),
    repeats: async (area: string | null, from: number, to: number) => scopedQuery(warehouse, sqlFile('case_repeat'), EVERYONE, f(area, from, to)),
  };
}

/** Places the generated agencies and Maracs sit in: the first districts with a population figure. */
async function placesOf(dataSource: DataSource, scale: Scale): Promise<Place[]> {
  const rows: Place[] = await dataSource.query(
    `SELECT l.code AS lad, c.code AS csp, c.parent_code AS pfa, l.females_16plus AS females FROM area l JOIN area c ON c.code = l.parent_code
     WHERE l.type = 'lad' AND l.females_16plus IS NOT NULL ORDER BY l.code LIMIT $1`, [scale.areas]);
  return rows.map((p) => ({ ...p, females: Number(p.females) }));
}

/** Migrates an empty database and fills it: the system of record plus typed, indexed copies for the PostgreSQL side. */
async function generateAll(dataSource: DataSource, scale: Scale): Promise<void> {
  await migrate(dataSource);
  await seedReferenceData(dataSource, join(repoRoot(), 'seeds', 'reference'));
  const places = await placesOf(dataSource, scale);
  const [user] = await dataSource.query(`INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('bench@waymark.test', 'Benchmark', 'x', 'admin') RETURNING id`);
  await dataSource.query(`CREATE TABLE bench_agency_quarter (agency_id uuid, sector text, lad_code text, csp_code text, pfa_code text, period_index int, ${TYPED.agency.map((c) => `${c} int`).join(', ')})`);
  await dataSource.query(`CREATE TABLE bench_marac_quarter (marac_id uuid, lad_code text, csp_code text, pfa_code text, period_index int, ${TYPED.marac.map((c) => `${c} float8`).join(', ')})`);
  const caseTypes: Record<string, string> = { codes: 'text[]', yes_no: 'boolean' };
  await dataSource.query(`CREATE TABLE bench_case_episode (agency_id uuid, sector text, lad_code text, csp_code text, pfa_code text, period_index int, ${CASE_LEVEL.fields.map((f) => `${f.key} ${caseTypes[f.kind] ?? 'text'}`).join(', ')})`);

  const loadStarted = Date.now();
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const clients = [await pool.connect(), await pool.connect(), await pool.connect(), await pool.connect()] as [pg.PoolClient, pg.PoolClient, pg.PoolClient, pg.PoolClient];
  const generated = await generate(clients, scale, places, user.id, log).finally(() => clients.forEach((c) => c.release()));
  log(`PostgreSQL loaded in ${((Date.now() - loadStarted) / 1000).toFixed(0)}s (${generated.submissions.toLocaleString('en-GB')} returns, ${generated.caseRows.toLocaleString('en-GB')} case rows); indexing the typed comparison tables`);
  for (const table of ['bench_agency_quarter', 'bench_marac_quarter', 'bench_case_episode']) {
    for (const level of ['lad_code', 'csp_code', 'pfa_code']) await dataSource.query(`CREATE INDEX ON ${table} (${level}, period_index)`);
    await dataSource.query(`ANALYZE ${table}`);
  }
  await dataSource.query('ANALYZE submission; ANALYZE submission_row; ANALYZE case_episode');
}

async function main() {
  const lastQuarter = quarterIndex(quarterOfDate(ukDate())) - 1;
  const scale: Scale = { caseRows: number('BENCH_ROWS', 10_000_000), areas: number('BENCH_AREAS', 300), agencies: number('BENCH_AGENCIES', 3000), quarters: number('BENCH_QUARTERS', 40), lastQuarter };
  const dir = join(repoRoot(), '.bench-data');
  await mkdir(dir, { recursive: true });
  log(`scale: ${JSON.stringify(scale)}`);
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(dir, (l) => log(l.trim()));
  const adminUrl = process.env.DATABASE_URL ?? embedded!.adminUrl;
  // BENCH_KEEP leaves the generated database and warehouse in place; BENCH_REUSE=<name> measures them again without regenerating.
  const reuse = process.env.BENCH_REUSE ?? null;
  const keep = Boolean(process.env.BENCH_KEEP) || reuse !== null;
  const name = reuse ?? `waymark_bench_${randomBytes(3).toString('hex')}`;
  if (!/^waymark_bench_[0-9a-f]{6}$/.test(name)) throw new Error(`BENCH_REUSE must name a benchmark database (waymark_bench_xxxxxx), not ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  const dataSource = createDataSource(url);
  const warehousePath = join(dir, `${name}.duckdb`);
  let warehouse: Warehouse | null = null;
  try {
    await dataSource.initialize();
    if (reuse) {
      const started = Date.now();
      const { applied } = await migrate(dataSource); // a kept database catches up with newer migrations
      if (applied.length) log(`migrated the kept database (${applied.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(0)}s`);
    } else await generateAll(dataSource, scale);
    const places = await placesOf(dataSource, scale);
    const [user] = await dataSource.query(`SELECT id FROM app_user WHERE email = 'bench@waymark.test'`);
    const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;

    warehouse = await Warehouse.open(warehousePath);
    const source = new PostgresWarehouseSource(dataSource);
    const rebuilt = reuse && (await warehouse.isBuilt()) ? null : await warehouse.rebuild(source, (l) => log(`warehouse: ${l}`));
    log(rebuilt ? `full rebuild: ${rebuilt.rows.toLocaleString('en-GB')} rows in ${rebuilt.seconds.toFixed(1)}s` : 'full rebuild: skipped, the kept warehouse is reused');

    // Incremental sync of 10,000-row case-level returns (three agencies and quarters), as the API does after accepting each.
    const r = new Synthetic(7);
    const syncs: number[] = [];
    const agencies: { id: string }[] = await dataSource.query(`SELECT id FROM agency WHERE sector = 'drug_alcohol_service' ORDER BY id LIMIT 3`);
    for (const [i, agency] of agencies.entries()) {
      const quarter = quarterFromIndex(lastQuarter - i);
      const rows = caseEpisodes(r, agency.id, quarter, 10_000, 8_000);
      await dataSource.transaction((tx) => storeSubmission(tx, { returnType: 'case-level', agencyId: agency.id, maracId: null, period: quarterLabel(quarter), submittedBy: user.id, fileName: null, mediaType: 'application/json', byteSize: 2, sha256: Buffer.alloc(32), rows }));
      // From PostgreSQL's commit to the dashboard's answer: the catch-up the API runs after accepting a return.
      const syncStarted = performance.now();
      await catchUp(warehouse, source);
      syncs.push(performance.now() - syncStarted);
    }
    const syncMs = Math.max(...syncs);
    log(`incremental sync of a 10,000-row return: ${syncs.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);

    const duck = duckViews(warehouse);
    const postgres = postgresViews(pool);
    const random = new Synthetic(99);
    const areas = Array.from({ length: ITERATIONS }, () => {
      const p = places[Math.floor(random.next() * places.length)];
      const roll = random.next();
      return roll < 0.7 ? p.lad : roll < 0.9 ? p.csp : p.pfa;
    });
    const results: Record<string, unknown>[] = [];
    for (const view of Object.keys(duck) as (keyof typeof duck)[]) {
      const span = view === 'trends' ? 8 : 4;
      const d = await measure((area) => duck[view](area, lastQuarter - span + 1, lastQuarter), areas);
      const p = await measure((area) => postgres[view](area, lastQuarter - span + 1, lastQuarter), areas);
      const row = { view, duckMedianMs: percentile(d, 50), duckP95Ms: percentile(d, 95), pgMedianMs: percentile(p, 50), pgP95Ms: percentile(p, 95), ratioMedian: percentile(p, 50) / percentile(d, 50), ratioP95: percentile(p, 95) / percentile(d, 95) };
      results.push(row);
      log(`${view}: DuckDB median ${row.duckMedianMs.toFixed(1)} ms, p95 ${row.duckP95Ms.toFixed(1)} ms | PostgreSQL median ${row.pgMedianMs.toFixed(1)} ms, p95 ${row.pgP95Ms.toFixed(1)} ms | ${row.ratioMedian.toFixed(1)}× faster (median)`);
    }

    // Why case-level facts are kept sorted: the same area query on copies in two other orders. Returns
    // arrive quarter by quarter with every area's interleaved (the order incremental syncs append in);
    // without even that, rows would lie in no useful order at all (here: by return id).
    const caseQuery = (table: string) => (area: string | null) => warehouse!.read(`SELECT count(*) AS n, count(*) FILTER (WHERE disclosed) AS d FROM ${table} WHERE ${areaTypeOfGss(area!)}_key = $key AND period_index BETWEEN $from AND $to`, { key: areaKey(area), from: lastQuarter - 3, to: lastQuarter });
    const orders: Record<string, number> = {};
    for (const [order, by] of [['sorted', null], ['arrival', 'period_index, submission_id, row_number'], ['unordered', 'submission_id, row_number']] as const) {
      if (by) await warehouse.db.run(`CREATE TABLE fact_case_copy AS SELECT * FROM fact_case_episode ORDER BY ${by}`);
      orders[order] = percentile(await measure(caseQuery(by ? 'fact_case_copy' : 'fact_case_episode'), areas), 50);
      if (by) await warehouse.db.run('DROP TABLE fact_case_copy');
    }
    const caseOrders = `sorted by area ${orders.sorted.toFixed(1)} ms, arrival order ${orders.arrival.toFixed(1)} ms (${(orders.arrival / orders.sorted).toFixed(1)}×), unordered ${orders.unordered.toFixed(1)} ms (${(orders.unordered / orders.sorted).toFixed(1)}×), median`;
    log(`case-level area query: ${caseOrders}`);

    const [{ returns }] = await dataSource.query('SELECT count(*)::int AS returns FROM submission WHERE is_current');
    // Last: the API's modules close the data source they were given when they stop.
    const reportTimings = await measureReports(dataSource, warehouse, places, log);

    console.log('\nview         DuckDB p50   DuckDB p95   PostgreSQL p50   PostgreSQL p95   ratio p50   ratio p95');
    for (const row of results as { view: string; duckMedianMs: number; duckP95Ms: number; pgMedianMs: number; pgP95Ms: number; ratioMedian: number; ratioP95: number }[]) {
      console.log(`${row.view.padEnd(12)} ${row.duckMedianMs.toFixed(1).padStart(9)} ms ${row.duckP95Ms.toFixed(1).padStart(9)} ms ${row.pgMedianMs.toFixed(1).padStart(13)} ms ${row.pgP95Ms.toFixed(1).padStart(13)} ms ${row.ratioMedian.toFixed(1).padStart(9)}× ${row.ratioP95.toFixed(1).padStart(9)}×`);
    }
    console.log(`\nfull rebuild ${rebuilt ? `${rebuilt.rows.toLocaleString('en-GB')} rows: ${rebuilt.seconds.toFixed(1)} s` : 'skipped'}; incremental 10k-row returns: ${syncs.map((t) => t.toFixed(0)).join(', ')} ms (slowest ${syncMs.toFixed(0)} ms); ${returns.toLocaleString('en-GB')} current returns`);
    console.log(`case-level area query: ${caseOrders}`);
    console.log('\nreport packs, written once each, cold (no PostgreSQL equivalent: absolute times)');
    for (const r of reportTimings) console.log(`${`${r.report}, ${r.scope}`.padEnd(58)} ${r.seconds.toFixed(1).padStart(6)} s ${(r.bytes / 1024).toFixed(0).padStart(6)} KB`);
    await writeFile(join(dir, 'results.json'), JSON.stringify({ scale, rebuild: rebuilt, incrementalMs: syncs, caseQueryMs: orders, views: results, reports: reportTimings, at: new Date().toISOString() }, null, 2));
  } finally {
    warehouse?.close();
    if (keep) log(`kept database ${name} and warehouse ${warehousePath}; measure again with BENCH_REUSE=${name}`);
    else await rm(warehousePath, { force: true });
    if (dataSource.isInitialized) await dataSource.destroy();
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
