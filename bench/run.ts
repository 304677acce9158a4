import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { areaKey, cannotFollow, catchUp, rebuildFrom, Warehouse } from '@waymark/analytics';
import {
  areaTypeOfGss,
  CASE_LEVEL,
  quarterFromIndex,
  quarterIndex,
  quarterLabel,
  quarterOfDate,
  ukDate,
} from '@waymark/domain';
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
import { duckViews } from './duck-views.js';
import { generate, TYPED, type Place, type Scale } from './generate.js';
import { measure, percentile, type Timing } from './measure.js';
import { parallelSettings, postgresViews, prepareFairBaseline } from './postgres-views.js';
import { measureReports } from './reports.js';
import { scopesOf, VIEW_NAMES, type ViewName, type Views } from './scopes.js';
import { measureStartups } from './startup.js';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ITERATIONS = number('BENCH_ITERATIONS', 40);
const SYNCS = number('BENCH_SYNCS', 10);

function log(line: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

interface ViewResult {
  view: ViewName;
  scope: string;
  duck: Timing;
  postgres: Timing;
}

/** A 10,000-row case-level return for an agency and quarter, stored as the API stores one. */
function storeCaseReturn(dataSource: DataSource, userId: string, agencyId: string, quarter: number, seed: number) {
  const rows = caseEpisodes(new Synthetic(seed), agencyId, quarterFromIndex(quarter), 10_000, 8_000);
  return dataSource.transaction((tx) =>
    storeSubmission(tx, {
      returnType: 'case-level',
      agencyId,
      maracId: null,
      period: quarterLabel(quarterFromIndex(quarter)),
      submittedBy: userId,
      fileName: null,
      mediaType: 'application/json',
      byteSize: 2,
      sha256: Buffer.alloc(32),
      rows,
    }),
  );
}

const ms = (n: number) => `${n.toFixed(1).padStart(8)} ms`;

/** Both engines must give the same figures, or the comparison means nothing: repeat people and Marac cases, nationally and for a district. */
async function expectSameAnswers(duck: Views, postgres: Views, places: Place[], lastQuarter: number): Promise<void> {
  for (const area of [null, places[0].lad]) {
    const [duckSums, [duckRepeat]] = (await duck.indicators(area, lastQuarter - 3, lastQuarter)) as [
      { marac: Map<string, Record<string, number>> },
      Record<string, unknown>[],
    ];
    const [[maracSums], repeat] = (await postgres.indicators(area, lastQuarter - 3, lastQuarter)) as [
      [pg.QueryResult<Record<string, unknown>>],
      pg.QueryResult<Record<string, unknown>>,
    ];
    const duckFigures = [
      duckRepeat.people,
      duckRepeat.repeat_people,
      duckSums.marac.get('all')?.cases_discussed ?? 0,
    ].map(Number);
    const pgFigures = [repeat.rows[0].people, repeat.rows[0].repeat_people, maracSums.rows[0].cases_discussed].map(
      Number,
    );
    if (JSON.stringify(duckFigures) !== JSON.stringify(pgFigures))
      throw new Error(
        `The engines disagree for ${area ?? 'England and Wales'}: DuckDB ${duckFigures.join(', ')}, PostgreSQL ${pgFigures.join(', ')}`,
      );
  }
  log('both engines give the same people, repeat people and Marac cases, nationally and for a district');
}

/** Places the generated agencies and Maracs sit in: the first districts with a population figure. */
async function placesOf(dataSource: DataSource, scale: Scale): Promise<Place[]> {
  const rows: Place[] = await dataSource.query(
    `SELECT l.code AS lad, c.code AS csp, c.parent_code AS pfa, l.females_16plus AS females FROM area l JOIN area c ON c.code = l.parent_code
     WHERE l.type = 'lad' AND l.females_16plus IS NOT NULL ORDER BY l.code LIMIT $1`,
    [scale.areas],
  );
  return rows.map((p) => ({ ...p, females: Number(p.females) }));
}

/** Migrates an empty database and fills it: the system of record plus typed, indexed copies for the PostgreSQL side. */
async function generateAll(dataSource: DataSource, scale: Scale): Promise<void> {
  await migrate(dataSource);
  await seedReferenceData(dataSource, join(repoRoot(), 'seeds', 'reference'));
  const places = await placesOf(dataSource, scale);
  const [user] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('bench@waymark.test', 'Benchmark', 'x', 'admin') RETURNING id`,
  );
  const keys = 'lad_key bigint, csp_key bigint, pfa_key bigint, period_index int';
  await dataSource.query(
    `CREATE TABLE bench_agency_quarter (agency_id uuid, sector text, ${keys}, ${TYPED.agency.map((c) => `${c} int`).join(', ')})`,
  );
  await dataSource.query(
    `CREATE TABLE bench_marac_quarter (marac_id uuid, ${keys}, ${TYPED.marac.map((c) => `${c} float8`).join(', ')})`,
  );
  const caseTypes: Record<string, string> = { codes: 'text[]', yes_no: 'boolean' };
  await dataSource.query(
    `CREATE TABLE bench_case_episode (agency_id uuid, sector text, ${keys}, ${CASE_LEVEL.fields.map((f) => `${f.key} ${caseTypes[f.kind] ?? 'text'}`).join(', ')})`,
  );

  const loadStarted = Date.now();
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const clients = [await pool.connect(), await pool.connect(), await pool.connect(), await pool.connect()] as [
    pg.PoolClient,
    pg.PoolClient,
    pg.PoolClient,
    pg.PoolClient,
  ];
  const generated = await generate(clients, scale, places, user.id, log).finally(() =>
    clients.forEach((c) => c.release()),
  );
  log(
    `PostgreSQL loaded in ${((Date.now() - loadStarted) / 1000).toFixed(0)}s (${generated.submissions.toLocaleString('en-GB')} returns, ${generated.caseRows.toLocaleString('en-GB')} case rows)`,
  );
  await prepareFairBaseline(dataSource, log);
  await dataSource.query('ANALYZE submission; ANALYZE submission_row; ANALYZE case_episode');
}

async function main() {
  const lastQuarter = quarterIndex(quarterOfDate(ukDate())) - 1;
  const scale: Scale = {
    caseRows: number('BENCH_ROWS', 10_000_000),
    areas: number('BENCH_AREAS', 300),
    agencies: number('BENCH_AGENCIES', 3000),
    quarters: number('BENCH_QUARTERS', 40),
    lastQuarter,
  };
  const dir = join(repoRoot(), '.bench-data');
  await mkdir(dir, { recursive: true });
  log(`scale: ${JSON.stringify(scale)}`);
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(dir, (l) => log(l.trim()));
  const adminUrl = process.env.DATABASE_URL ?? embedded!.adminUrl;
  // BENCH_KEEP leaves the generated database and warehouse in place; BENCH_REUSE=<name> measures them again without regenerating.
  const reuse = process.env.BENCH_REUSE ?? null;
  const keep = Boolean(process.env.BENCH_KEEP) || reuse !== null;
  const name = reuse ?? `waymark_bench_${randomBytes(3).toString('hex')}`;
  if (!/^waymark_bench_[0-9a-f]{6}$/.test(name))
    throw new Error(`BENCH_REUSE must name a benchmark database (waymark_bench_xxxxxx), not ${name}`);
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
      if (applied.length)
        log(`migrated the kept database (${applied.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(0)}s`);
    } else await generateAll(dataSource, scale);
    const places = await placesOf(dataSource, scale);
    const [user] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM app_user WHERE email = 'bench@waymark.test'`,
    );
    const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;

    const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB memory; PostgreSQL ${await parallelSettings(dataSource)}`;
    log(`machine: ${machine}`);

    warehouse = await Warehouse.open(warehousePath);
    const source = new PostgresWarehouseSource(dataSource);
    const stale = await cannotFollow(warehouse, source);
    const rebuilt =
      reuse && stale === null ? null : await rebuildFrom(warehouse, source, (l) => log(`warehouse: ${l}`));
    log(
      rebuilt
        ? `full rebuild: ${rebuilt.rows.toLocaleString('en-GB')} rows in ${rebuilt.seconds.toFixed(1)}s`
        : 'full rebuild: skipped, the kept warehouse is reused',
    );
    if (!rebuilt) await catchUp(warehouse, source);

    const duck = duckViews(warehouse);
    const postgres = postgresViews(pool);
    const random = new Synthetic(99);
    const results: ViewResult[] = [];
    for (const scope of scopesOf(places, ITERATIONS, () => random.next())) {
      for (const view of VIEW_NAMES) {
        if (view === 'repeatLeague' && scope.areas[0] !== null) continue; // a league of every district is a national view
        const span = view === 'trends' ? 8 : 4;
        const d = await measure(
          (area) => duck[view](area, lastQuarter - span + 1, lastQuarter),
          scope.areas,
          ITERATIONS,
        );
        const p = await measure(
          (area) => postgres[view](area, lastQuarter - span + 1, lastQuarter),
          scope.areas,
          ITERATIONS,
        );
        results.push({ view, scope: scope.label, duck: d, postgres: p });
        log(
          `${view}, ${scope.label}: DuckDB p50 ${d.p50.toFixed(1)} ms, p95 ${d.p95.toFixed(1)} ms | PostgreSQL p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms | ${(p.p50 / d.p50).toFixed(1)}× (p50)`,
        );
      }
    }

    await expectSameAnswers(duck, postgres, places, lastQuarter);

    // Why case-level facts are kept sorted: the same area query on copies in two other orders. Returns
    // arrive quarter by quarter with every area's interleaved (the order incremental syncs append in);
    // without even that, rows would lie in no useful order at all (here: by return id).
    const districts = scopesOf(places, ITERATIONS, () => random.next())[0].areas;
    const caseQuery = (table: string) => (area: string | null) =>
      warehouse!.read(
        `SELECT count(*) AS n, count(*) FILTER (WHERE disclosed) AS d FROM ${table} WHERE ${areaTypeOfGss(area!)}_key = $key AND period_index BETWEEN $from AND $to`,
        { key: areaKey(area), from: lastQuarter - 3, to: lastQuarter },
      );
    const orders: Record<string, number> = {};
    for (const [order, by] of [
      ['sorted', null],
      ['arrival', 'period_index, submission_id, row_number'],
      ['unordered', 'submission_id, row_number'],
    ] as const) {
      if (by) await warehouse.db.run(`CREATE TABLE fact_case_copy AS SELECT * FROM fact_case_episode ORDER BY ${by}`);
      orders[order] = (
        await measure(caseQuery(by ? 'fact_case_copy' : 'fact_case_episode'), districts, ITERATIONS)
      ).p50;
      if (by) await warehouse.db.run('DROP TABLE fact_case_copy');
    }
    const caseOrders = `sorted by area ${orders.sorted.toFixed(1)} ms, arrival order ${orders.arrival.toFixed(1)} ms (${(orders.arrival / orders.sorted).toFixed(1)}×), unordered ${orders.unordered.toFixed(1)} ms (${(orders.unordered / orders.sorted).toFixed(1)}×), median`;
    log(`case-level district query: ${caseOrders}`);

    // Last among the measurements, so both engines above measured the same rows. An accepted return
    // reaching the dashboard: from PostgreSQL's commit to the warehouse's, as the API
    // catches up after accepting each (10,000-row case-level returns, agencies and quarters in turn).
    const agencies: { id: string }[] = await dataSource.query(
      `SELECT id FROM agency WHERE sector = 'drug_alcohol_service' ORDER BY id LIMIT 5`,
    );
    const syncs: number[] = [];
    for (let i = 0; i < SYNCS; i++) {
      await storeCaseReturn(dataSource, user.id, agencies[i % agencies.length].id, lastQuarter - (i % 4), 7 + i);
      const syncStarted = performance.now();
      await catchUp(warehouse, source);
      syncs.push(performance.now() - syncStarted);
    }
    log(
      `a 10,000-row return visible on the dashboard after: ${syncs.map((t) => `${t.toFixed(0)} ms`).join(', ')} (p95 ${percentile(syncs, 95).toFixed(0)} ms)`,
    );

    const [{ returns, rows }] = await dataSource.query<{ returns: number; rows: number }[]>(
      `SELECT count(*)::int AS returns, sum(row_count)::float8 AS rows FROM submission WHERE is_current AND return_type = 'case-level'`,
    );
    // Reports use the API's modules, which close the data source they were given when they stop.
    const reportTimings = await measureReports(await createDataSource(url).initialize(), warehouse, places, log);
    warehouse.close();
    warehouse = null;
    log('starting Waymark on these stores: after a clean stop, then after a return stored while it was down');
    const startups = await measureStartups(dataSource, url, warehousePath, places[0].pfa!, async () => {
      await storeCaseReturn(dataSource, user.id, agencies[0].id, lastQuarter, 99);
    });

    console.log(
      `\nWaymark benchmark, ${new Date().toISOString().slice(0, 10)}: ${rows.toLocaleString('en-GB')} case-level rows in ${returns.toLocaleString('en-GB')} current case-level returns, ${scale.areas} districts, ${scale.agencies.toLocaleString('en-GB')} agencies, ${scale.quarters} quarters`,
    );
    console.log(`machine: ${machine}`);
    console.log(
      'two requests in flight; PostgreSQL given the same precomputed repeat marks, numeric area keys, sorted case rows, covering indexes per area level and on the quarter, VACUUM ANALYZE, prepared statements',
    );
    console.log(
      '\nview           scope                DuckDB p50   DuckDB p95   PostgreSQL p50   PostgreSQL p95   ratio p50   ratio p95',
    );
    for (const r of results) {
      console.log(
        `${r.view.padEnd(14)} ${r.scope.padEnd(18)} ${ms(r.duck.p50)}  ${ms(r.duck.p95)}  ${ms(r.postgres.p50).padStart(15)}  ${ms(r.postgres.p95).padStart(15)}  ${(r.postgres.p50 / r.duck.p50).toFixed(1).padStart(9)}×  ${(r.postgres.p95 / r.duck.p95).toFixed(1).padStart(9)}×`,
      );
    }
    console.log(
      `\nfull rebuild: ${rebuilt ? `${rebuilt.rows.toLocaleString('en-GB')} rows in ${rebuilt.seconds.toFixed(1)} s` : 'skipped'}`,
    );
    console.log(
      `a 10,000-row return visible on the dashboard: p95 ${percentile(syncs, 95).toFixed(0)} ms (each: ${syncs.map((t) => t.toFixed(0)).join(', ')} ms)`,
    );
    console.log(
      `start-up after a clean stop: ${startups.cleanStart.seconds.toFixed(1)} s (${startups.cleanStart.warehouse})`,
    );
    console.log(
      `start-up after a return was stored while Waymark was stopped (as after a crash between the two commits): ${startups.afterCrash.seconds.toFixed(1)} s (${startups.afterCrash.warehouse})`,
    );
    for (const p of startups.pages)
      console.log(
        `${p.page}: headline figures on screen ${p.seconds.toFixed(2)} s after navigation (cold)${p.slowest ? `; slowest request ${p.slowest.path} ${p.slowest.ms.toFixed(0)} ms` : ''}`,
      );
    if (startups.pages.length === 0)
      console.log('page timings skipped: no Chromium at /usr/bin/chromium (npm test installs it)');
    console.log(`case-level district query: ${caseOrders}`);
    console.log('\nreport packs, written once each, cold (no PostgreSQL equivalent: absolute times)');
    for (const r of reportTimings)
      console.log(
        `${`${r.report}, ${r.scope}`.padEnd(58)} ${r.seconds.toFixed(1).padStart(6)} s ${(r.bytes / 1024).toFixed(0).padStart(6)} KB`,
      );
    await writeFile(
      join(dir, 'results.json'),
      JSON.stringify(
        {
          scale,
          machine,
          rebuild: rebuilt,
          visibleMs: syncs,
          startups,
          caseQueryMs: orders,
          views: results,
          reports: reportTimings,
          at: new Date().toISOString(),
        },
        null,
        2,
      ),
    );
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
