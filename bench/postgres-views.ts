import { createHash } from 'node:crypto';
import {
  AGENCY_FIELDS_USED,
  AGAIN_WITHIN_12_MONTHS,
  areaKey,
  PERSON_IN_QUARTER,
  PERSON_QUARTER_WINDOW,
} from '@waymark/analytics';
import { AGENCY_QUARTER, areaTypeOfGss, MARAC_QUARTER, MARAC_REFERRAL_SOURCES, SECTOR_SUMS } from '@waymark/domain';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Views } from './scopes.js';

/** The case-level columns the views read, so that an area's rows can be read from its index alone. */
const CASE_COLUMNS = [
  'first_in_quarter',
  'repeat_in_quarter',
  'sector',
  'referred_to',
  'referral_engaged',
  'marac_referral',
];
const LEVELS = ['lad', 'csp', 'pfa'] as const;

/**
 * Gives the PostgreSQL side every advantage the warehouse has: the same repeat marks worked out once
 * when rows are written (including which episode carries each person's quarter), numeric area keys,
 * case rows stored in the warehouse's order (force area, partnership, district, quarter), an index per
 * area level on each table and one on the quarter alone for national views (covering every column the
 * case-level views read, for index-only scans), a vacuum so those scans need not visit the table, and
 * fresh statistics. Parallel workers are left as the server is configured; the bench prints them.
 */
export async function prepareFairBaseline(dataSource: DataSource, log: (line: string) => void): Promise<void> {
  await dataSource.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '512MB'`);
    log('PostgreSQL baseline: marking repeat episodes and storing case rows by area and quarter');
    await tx.query(
      `CREATE TABLE bench_case_sorted AS SELECT *, ${PERSON_IN_QUARTER} FROM (SELECT *, ${AGAIN_WITHIN_12_MONTHS} AS again_within_12_months FROM bench_case_episode) episodes
       ${PERSON_QUARTER_WINDOW} ORDER BY pfa_key, csp_key, lad_key, period_index`,
    );
    await tx.query('DROP TABLE bench_case_episode');
    await tx.query('ALTER TABLE bench_case_sorted RENAME TO bench_case_episode');
  });
  log('PostgreSQL baseline: indexing each area level, and the quarter alone for views of England and Wales');
  for (const level of [...LEVELS, null]) {
    const keys = level ? `${level}_key, period_index` : 'period_index';
    await dataSource.query(`CREATE INDEX ON bench_agency_quarter (${keys})`);
    await dataSource.query(`CREATE INDEX ON bench_marac_quarter (${keys})`);
    await dataSource.query(
      `CREATE INDEX ON bench_case_episode (${keys}) INCLUDE (${CASE_COLUMNS.join(', ')}${level ? '' : ', lad_key'})`,
    );
  }
  for (const table of ['bench_agency_quarter', 'bench_marac_quarter', 'bench_case_episode'])
    await dataSource.query(`VACUUM ANALYZE ${table}`);
}

/** PostgreSQL's parallel-query settings, printed beside the figures. */
export async function parallelSettings(dataSource: DataSource): Promise<string> {
  const names = [
    'max_parallel_workers_per_gather',
    'max_parallel_workers',
    'work_mem',
    'shared_buffers',
    'server_version',
  ];
  const values = await Promise.all(
    names.map(async (n) => `${n}=${(await dataSource.query<Record<string, string>[]>(`SHOW ${n}`))[0][n]}`),
  );
  return values.join(', ');
}

const sums = (columns: readonly string[]) => columns.map((c) => `coalesce(sum(${c}), 0)::float8 AS ${c}`).join(', ');
const MARAC_SUMS = sums(MARAC_QUARTER.fields.filter((f) => f.kind === 'count' || f.kind === 'share').map((f) => f.key));
/** Sums over some sectors only, from the same declaration the warehouse's queries use. */
const SECTOR_ONLY_SUMS = Object.entries(SECTOR_SUMS).map(
  ([name, { field, sectors }]) =>
    `coalesce(sum(${field}) FILTER (WHERE sector IN (${sectors.map((s) => `'${s}'`).join(', ')})), 0)::float8 AS ${name}`,
);
const AGENCY_SUMS = [
  sums(AGENCY_QUARTER.fields.filter((f) => AGENCY_FIELDS_USED.has(f.key)).map((f) => f.key)),
  ...SECTOR_ONLY_SUMS,
].join(',\n  ');

/**
 * The same aggregates as the warehouse's queries for exact figures, on the typed tables: the predicate
 * is written for the scope at hand (one key column, or none for England and Wales), as the warehouse's
 * are, and each statement is prepared once per connection.
 */
export function postgresViews(pool: pg.Pool): Views {
  const where = (area: string | null) =>
    `${area ? `${areaTypeOfGss(area)}_key = $3 AND ` : ''}period_index BETWEEN $1 AND $2`;
  const q = (text: string, area: string | null, from: number, to: number) =>
    pool.query({
      name: createHash('sha1').update(text).digest('hex').slice(0, 16),
      text,
      values: area ? [from, to, areaKey(area)] : [from, to],
    });
  const grouped = (group: string) =>
    group ? { select: `${group} AS grp, `, by: ` GROUP BY ${group}` } : { select: '', by: '' };
  const maracSums = (area: string | null, group = '') =>
    `SELECT ${grouped(group).select}count(*) AS returns, ${MARAC_SUMS} FROM bench_marac_quarter WHERE ${where(area)}${grouped(group).by}`;
  const agencySums = (area: string | null, group = '') =>
    `SELECT ${grouped(group).select}count(*) AS returns, ${AGENCY_SUMS} FROM bench_agency_quarter WHERE ${where(area)}${grouped(group).by}`;
  const repeat = (area: string | null, group = '') =>
    `SELECT ${grouped(group).select}count(*) FILTER (WHERE first_in_quarter) AS people, count(*) FILTER (WHERE first_in_quarter AND repeat_in_quarter) AS repeat_people
     FROM bench_case_episode WHERE ${where(area)}${grouped(group).by}`;
  const sumsBy = (area: string | null, from: number, to: number, group = '') =>
    Promise.all([q(maracSums(area, group), area, from, to), q(agencySums(area, group), area, from, to)]);
  return {
    indicators: (area, from, to) => Promise.all([sumsBy(area, from, to), q(repeat(area), area, from, to)]),
    trends: (area, from, to) => sumsBy(area, from, to, 'period_index'),
    comparison: (area, from, to) => sumsBy(area, from, to, 'lad_key'),
    pathways: (area, from, to) =>
      Promise.all([
        q(
          `SELECT sector, referred_to, count(*), count(*) FILTER (WHERE referral_engaged) FROM bench_case_episode WHERE ${where(area)} AND referred_to IS NOT NULL GROUP BY 1, 2`,
          area,
          from,
          to,
        ),
        q(
          `SELECT sector, count(*) FROM bench_case_episode WHERE ${where(area)} AND marac_referral GROUP BY 1`,
          area,
          from,
          to,
        ),
        q(
          `SELECT sector, sum(referrals_made), sum(referrals_made_engaged), sum(referrals_received), sum(referrals_received_engaged), sum(marac_referrals) FROM bench_agency_quarter WHERE ${where(area)} GROUP BY 1`,
          area,
          from,
          to,
        ),
        q(
          `SELECT ${MARAC_REFERRAL_SOURCES.map((s) => `sum(referrals_${s.code})`).join(', ')} FROM bench_marac_quarter WHERE ${where(area)}`,
          area,
          from,
          to,
        ),
      ]),
    explorer: (area, from, to) => q(agencySums(area, 'sector'), area, from, to),
    repeats: (area, from, to) => q(repeat(area), area, from, to),
    repeatLeague: (area, from, to) => q(repeat(area, 'lad_key'), area, from, to),
  };
}
