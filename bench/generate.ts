import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { areaKey } from '@waymark/analytics';
import {
  asText,
  CASE_LEVEL,
  MARAC_QUARTER,
  AGENCY_QUARTER,
  quarterFromIndex,
  quarterLabel,
  SECTORS,
} from '@waymark/domain';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { agencyFigures, caseEpisodes, maracFigures, Synthetic } from '../seeds/synthetic.js';

export interface Scale {
  caseRows: number;
  areas: number;
  agencies: number;
  quarters: number;
  lastQuarter: number;
}

export interface Place {
  lad: string;
  csp: string | null;
  pfa: string | null;
  females: number;
}

/** Columns of the typed PostgreSQL tables the benchmark compares DuckDB with. */
export const TYPED = {
  agency: AGENCY_QUARTER.fields.filter((f) => f.kind === 'count').map((f) => f.key),
  marac: MARAC_QUARTER.fields.map((f) => f.key),
  case: CASE_LEVEL.fields.map((f) => f.key),
};

const CASE_SECTORS = ['drug_alcohol_service', 'domestic_abuse_service', 'idva_service'];

/** A COPY FROM STDIN target that respects back-pressure while rows are generated. */
class CopyTarget {
  private constructor(
    private readonly stream: Writable,
    private readonly done: Promise<void>,
  ) {}

  static open(client: PoolClient, sql: string): CopyTarget {
    const stream = client.query(copyFrom(sql));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    return new CopyTarget(stream, done);
  }

  async write(line: string): Promise<void> {
    if (!this.stream.write(line)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await this.done;
  }
}

/** A place's numeric area keys, as the warehouse keeps them. */
const keysOf = (p: Place) => [areaKey(p.lad), areaKey(p.csp), areaKey(p.pfa)];

const csv = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const text = Array.isArray(v) ? `{${v.join(',')}}` : asText(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Writes a national-scale synthetic data set: the system-of-record tables (submission,
 * submission_row and case_episode, as the API stores them) and typed copies of the same rows for the PostgreSQL
 * side of the comparison.
 */
export async function generate(
  clients: [PoolClient, PoolClient, PoolClient, PoolClient],
  scale: Scale,
  places: Place[],
  userId: string,
  log: (line: string) => void,
): Promise<{ submissions: number; caseRows: number }> {
  const r = new Synthetic(42);
  // One connection per COPY: a connection runs one COPY at a time.
  const [client, rowClient, caseClient, episodeClient] = clients;
  await client.query(
    `INSERT INTO marac (name, area_code) SELECT 'Bench Marac ' || code, code FROM unnest($1::text[]) AS code`,
    [places.map((p) => p.lad)],
  );
  const agencies: { id: string; sector: string; lad: string }[] = [];
  const sectors = SECTORS.map((s) => s.code);
  for (let i = 0; i < scale.agencies; i++)
    agencies.push({ id: '', sector: sectors[i % sectors.length], lad: places[i % places.length].lad });
  const inserted = (
    await client.query<{ id: string }>(
      `INSERT INTO agency (name, sector, area_code) SELECT 'Bench agency ' || n, s, a FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(s, a, n) RETURNING id`,
      [agencies.map((a) => a.sector), agencies.map((a) => a.lad)],
    )
  ).rows;
  inserted.forEach((row, i) => (agencies[i].id = row.id));
  const maracs = (
    await client.query<{ id: string; area_code: string }>(
      `SELECT id, area_code FROM marac WHERE name LIKE 'Bench Marac %'`,
    )
  ).rows;
  // Every agency and Marac owes its quarterly return for each quarter generated.
  const firstQuarter = quarterLabel(quarterFromIndex(scale.lastQuarter - scale.quarters + 1));
  for (const [column, type, ids] of [
    ['agency_id', AGENCY_QUARTER.id, agencies.map((a) => a.id)],
    ['marac_id', MARAC_QUARTER.id, maracs.map((m) => m.id)],
  ] as const) {
    await client.query(
      `INSERT INTO return_schedule (${column}, return_type, from_period) SELECT unnest($1::uuid[]), $2, $3`,
      [ids, type, firstQuarter],
    );
  }
  const placeOf = new Map(places.map((p) => [p.lad, p]));

  const submissions = CopyTarget.open(
    client,
    'COPY submission (id, return_type, agency_id, marac_id, period, version, is_current, submitted_by, media_type, byte_size, sha256, row_count) FROM STDIN WITH (FORMAT csv)',
  );
  const rows = CopyTarget.open(
    rowClient,
    'COPY submission_row (submission_id, row_number, data) FROM STDIN WITH (FORMAT csv)',
  );
  const byteSize = 2; // as if each return had been sent as "{}"
  const sha = `\\x${createHash('sha256').update('{}').digest('hex')}`;
  let count = 0;
  let caseRowsWritten = 0;
  const typedAgency: string[] = [];
  const typedMarac: string[] = [];
  const episodesStored = CopyTarget.open(
    episodeClient,
    `COPY case_episode (submission_id, row_number, ${TYPED.case.join(', ')}) FROM STDIN WITH (FORMAT csv)`,
  );
  const typedCase = CopyTarget.open(
    caseClient,
    `COPY bench_case_episode (agency_id, sector, lad_key, csp_key, pfa_key, period_index, ${TYPED.case.join(', ')}) FROM STDIN WITH (FORMAT csv)`,
  );

  const caseAgencies = agencies.filter((a) => CASE_SECTORS.includes(a.sector));
  const perSubmission = Math.max(1, Math.round(scale.caseRows / (caseAgencies.length * scale.quarters)));
  for (let q = scale.lastQuarter - scale.quarters + 1; q <= scale.lastQuarter; q++) {
    const quarter = quarterFromIndex(q);
    const label = quarterLabel(quarter);
    for (const agency of agencies) {
      const id = crypto.randomUUID();
      const figures = agencyFigures(r);
      await submissions.write(
        [id, 'agency-quarter', agency.id, '', label, 1, 't', userId, 'application/json', byteSize, sha, 1]
          .map(csv)
          .join(',') + '\n',
      );
      await rows.write(`${id},1,${csv(JSON.stringify(figures))}\n`);
      const p = placeOf.get(agency.lad)!;
      typedAgency.push(
        [agency.id, agency.sector, ...keysOf(p), q, ...TYPED.agency.map((k) => figures[k])].map(csv).join(','),
      );
      count += 1;
      if (CASE_SECTORS.includes(agency.sector) && caseRowsWritten < scale.caseRows) {
        const caseId = crypto.randomUUID();
        const episodes = caseEpisodes(
          r,
          agency.id,
          quarter,
          Math.min(perSubmission, scale.caseRows - caseRowsWritten),
          perSubmission * 2,
        );
        await submissions.write(
          [
            caseId,
            'case-level',
            agency.id,
            '',
            label,
            1,
            't',
            userId,
            'application/json',
            byteSize,
            sha,
            episodes.length,
          ]
            .map(csv)
            .join(',') + '\n',
        );
        for (const [n, e] of episodes.entries()) {
          await episodesStored.write([caseId, n + 1, ...TYPED.case.map((k) => e[k])].map(csv).join(',') + '\n');
          await typedCase.write(
            [agency.id, agency.sector, ...keysOf(p), q, ...TYPED.case.map((k) => e[k])].map(csv).join(',') + '\n',
          );
        }
        caseRowsWritten += episodes.length;
        count += 1;
      }
    }
    for (const marac of maracs) {
      const id = crypto.randomUUID();
      const p = placeOf.get(marac.area_code)!;
      const figures = maracFigures(r, (40 * p.females) / 10_000 / 4);
      await submissions.write(
        [id, 'marac-quarter', '', marac.id, label, 1, 't', userId, 'application/json', byteSize, sha, 1]
          .map(csv)
          .join(',') + '\n',
      );
      await rows.write(`${id},1,${csv(JSON.stringify(figures))}\n`);
      typedMarac.push([marac.id, ...keysOf(p), q, ...TYPED.marac.map((k) => figures[k])].map(csv).join(','));
      count += 1;
    }
    log(`${label}: ${count.toLocaleString('en-GB')} returns, ${caseRowsWritten.toLocaleString('en-GB')} case rows`);
  }
  await submissions.close();
  await rows.close();
  await typedCase.close();
  await episodesStored.close();
  await pipeline(
    Readable.from(typedAgency.map((l) => l + '\n')),
    client.query(
      copyFrom(
        `COPY bench_agency_quarter (agency_id, sector, lad_key, csp_key, pfa_key, period_index, ${TYPED.agency.join(', ')}) FROM STDIN WITH (FORMAT csv)`,
      ),
    ),
  );
  await pipeline(
    Readable.from(typedMarac.map((l) => l + '\n')),
    client.query(
      copyFrom(
        `COPY bench_marac_quarter (marac_id, lad_key, csp_key, pfa_key, period_index, ${TYPED.marac.join(', ')}) FROM STDIN WITH (FORMAT csv)`,
      ),
    ),
  );
  return { submissions: count, caseRows: caseRowsWritten };
}
