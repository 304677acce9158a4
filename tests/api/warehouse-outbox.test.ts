import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '@waymark/analytics';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWarehouse } from '../../apps/api/dist/apps/api/src/analytics/ensure-warehouse.js';
import { PostgresWarehouseSource } from '../../apps/api/dist/apps/api/src/analytics/postgres-source.js';
import { createDataSource, migrate } from '../../apps/api/dist/apps/api/src/database/data-source.js';
import { storeSubmission } from '../../apps/api/dist/apps/api/src/returns/submission-store.js';
import { seedReferenceData } from '../../apps/api/dist/seeds/reference-data.js';
import { seedStandards } from '../../apps/api/dist/seeds/standards.js';
import { adoptFramework } from '../../apps/api/dist/apps/api/src/standards/framework-store.js';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/databases.js';
import { caseRows } from '../support/returns-fixtures.js';

/** The outbox in-process: a real PostgreSQL database and a real DuckDB file, no server. */
describe('the warehouse follows PostgreSQL through its outbox', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let dir: string;
  let warehouse: Warehouse;
  let source: PostgresWarehouseSource;
  let userId: string;
  let agencyId: string;
  const lines: string[] = [];
  const start = () => ensureWarehouse(warehouse, source, (line) => lines.push(line));

  /** Stores a return as the API does: in one transaction, as the next version. */
  const store = (
    returnType: 'agency-quarter' | 'case-level',
    period: string,
    rows: Record<string, unknown>[],
    agency = agencyId,
  ) =>
    dataSource.transaction((tx) =>
      storeSubmission(tx, {
        returnType,
        agencyId: agency,
        maracId: null,
        period,
        submittedBy: userId,
        fileName: null,
        mediaType: 'application/json',
        byteSize: 2,
        sha256: Buffer.alloc(32),
        rows,
      }),
    );
  const outbox = () =>
    queryDatabase<{ seq: string; kind: string; ref: string | null }>(
      db.url,
      'SELECT seq, kind, ref FROM warehouse_change ORDER BY seq',
    );
  const caseload = async (submissionId: string) =>
    (
      await warehouse.read('SELECT caseload FROM fact_agency_quarter WHERE submission_id = $id', { id: submissionId })
    )[0]?.caseload;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource(db.url);
    await dataSource.initialize();
    await migrate(dataSource);
    await seedReferenceData(dataSource, join(process.cwd(), 'seeds', 'reference'));
    [{ id: userId }] = await dataSource.query(
      `INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('outbox@waymark.test', 'Outbox test', 'x', 'admin') RETURNING id`,
    );
    [{ id: agencyId }] = await dataSource.query(
      `INSERT INTO agency (name, sector, area_code) VALUES ('Outbox test drug service', 'drug_alcohol_service', 'E06000001') RETURNING id`,
    );
    dir = await mkdtemp(join(tmpdir(), 'waymark-outbox-'));
    warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
    source = new PostgresWarehouseSource(dataSource);
  });
  afterAll(async () => {
    warehouse?.close();
    await dataSource?.destroy();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('numbers each committed change once, in the order transactions commit, and nothing for one rolled back', async () => {
    const before = (await outbox()).length;
    const first = new pg.Client({ connectionString: db.url });
    const second = new pg.Client({ connectionString: db.url });
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      // The first transaction changes an agency first but commits last: its number must come last.
      await first.query(`UPDATE agency SET name = 'Renamed first' WHERE id = $1`, [agencyId]);
      await first.query(`UPDATE agency SET name = 'Renamed again' WHERE id = $1`, [agencyId]);
      await second.query(`INSERT INTO marac (name, area_code) VALUES ('Outbox test Marac', 'E06000001')`);
      await second.query('COMMIT');
      await first.query('COMMIT');
      await first.query('BEGIN');
      await first.query(
        `INSERT INTO agency (name, sector, area_code) VALUES ('Never committed', 'refuge', 'E06000001')`,
      );
      await first.query('ROLLBACK');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    const [maracChange, agencyChange, ...more] = (await outbox()).slice(before);
    expect(more).toEqual([]);
    expect([maracChange.kind, agencyChange.kind]).toEqual(['dimensions', 'dimensions']);
    expect(Number(agencyChange.seq)).toBeGreaterThan(Number(maracChange.seq));
    // Reference data left as it is records nothing, so a start that reloads it is not a change.
    await seedReferenceData(dataSource, join(process.cwd(), 'seeds', 'reference'));
    expect((await outbox()).length).toBe(before + 2);
  });

  it('builds once, then replays exactly the changes it missed and none before them', async () => {
    const early = await store('agency-quarter', '2025-26 Q1', [{ caseload: 100 }]);
    expect(await start()).toMatch(/^rebuilt: /);
    expect(lines.join('\n')).toMatch(/no complete warehouse yet/);
    expect(await caseload(early.id)).toBe(100);
    expect(await start()).toMatch(/^up to date with PostgreSQL/);

    // Tampered on purpose: a replay that went back over earlier changes, or a rebuild, would undo this.
    await warehouse.db.run(`UPDATE fact_agency_quarter SET caseload = 1 WHERE submission_id = '${early.id}'`);
    const { applied } = (await warehouse.outboxState())!;

    // Waymark is stopped (or killed between PostgreSQL's commit and DuckDB's): these reach PostgreSQL only.
    const replaced = await store('agency-quarter', '2025-26 Q2', [{ caseload: 40 }]);
    const replacement = await store('agency-quarter', '2025-26 Q2', [{ caseload: 45 }]);
    const episodes = await store(
      'case-level',
      '2025-26 Q2',
      caseRows(30).map((r) => ({ ...r, referral_month: '2025-08' })),
    );
    const [{ id: newAgency }] = await dataSource.query(
      `INSERT INTO agency (name, sector, area_code) VALUES ('Outbox test refuge', 'refuge', 'E06000002') RETURNING id`,
    );
    const newAgencyReturn = await store('agency-quarter', '2025-26 Q2', [{ caseload: 7 }], newAgency);
    const missed = (await outbox()).filter((c) => Number(c.seq) > applied);
    expect(missed.map((c) => [c.kind, c.ref])).toEqual([
      ['submission', replaced.id],
      ['submission', replaced.id], // no longer current, in the same transaction as its replacement
      ['submission', replacement.id],
      ['submission', episodes.id],
      ['dimensions', null],
      ['submission', newAgencyReturn.id],
    ]);

    const said = await start();
    expect(said).toBe(
      `caught up with PostgreSQL: replayed 6 missed changes (5 returns, 0 audits) through change ${Number(missed[5].seq).toLocaleString('en-GB')}`,
    );
    expect((await warehouse.outboxState())!.applied).toBe(Number(missed[5].seq));
    expect(await caseload(early.id)).toBe(1); // untouched: nothing before the missed changes was applied again
    expect(await caseload(replaced.id)).toBeUndefined(); // the later version replaced it
    expect(await caseload(replacement.id)).toBe(45);
    expect(await caseload(newAgencyReturn.id)).toBe(7);
    const [{ n }] = await warehouse.read(
      'SELECT count(*)::INTEGER AS n FROM fact_case_episode WHERE submission_id = $id',
      { id: episodes.id },
    );
    expect(n).toBe(30);
    const [placed] = await warehouse.read('SELECT lad_code, sector FROM dim_agency WHERE id = $id', { id: newAgency });
    expect(placed).toEqual({ lad_code: 'E06000002', sector: 'refuge' });
    expect(await start()).toMatch(/^up to date with PostgreSQL/);

    // An agency that moves takes its rows with it: a later correction replaces them, never adds to them.
    await dataSource.query(`UPDATE agency SET area_code = 'E06000003', sector = 'idva_service' WHERE id = $1`, [
      newAgency,
    ]);
    expect(await start()).toMatch(/replayed 1 missed change/);
    expect(
      await warehouse.read('SELECT lad_code, sector, caseload FROM fact_agency_quarter WHERE agency_id = $id', {
        id: newAgency,
      }),
    ).toEqual([{ lad_code: 'E06000003', sector: 'idva_service', caseload: 7 }]);
    const corrected = await store('agency-quarter', '2025-26 Q2', [{ caseload: 8 }], newAgency);
    await start();
    expect(
      await warehouse.read('SELECT submission_id, caseload FROM fact_agency_quarter WHERE agency_id = $id', {
        id: newAgency,
      }),
    ).toEqual([{ submission_id: corrected.id, caseload: 8 }]);

    // Returns withdrawn or deleted by hand, leaving no current version, leave the warehouse too.
    await dataSource.query('UPDATE submission SET is_current = false WHERE id = $1', [episodes.id]);
    await dataSource.transaction(async (tx) => {
      await tx.query('UPDATE submission SET superseded_by = NULL WHERE superseded_by = $1', [corrected.id]);
      await tx.query('DELETE FROM submission_row WHERE submission_id = $1', [corrected.id]);
      await tx.query('DELETE FROM submission WHERE id = $1', [corrected.id]);
    });
    expect(await start()).toMatch(/replayed 2 missed changes \(2 returns, 0 audits\)/);
    const [{ left }] = await warehouse.read(
      'SELECT count(*)::INTEGER AS left FROM fact_case_episode WHERE submission_id = $id',
      { id: episodes.id },
    );
    expect(left).toBe(0);
    expect(
      await warehouse.read('SELECT caseload FROM fact_agency_quarter WHERE agency_id = $id', { id: newAgency }),
    ).toEqual([]);
  });

  it('follows an audit as it is submitted, moderated, and withdrawn by hand', async () => {
    await seedStandards(dataSource, join(process.cwd(), 'seeds', 'standards'));
    const [{ id: framework }] = await dataSource.query(
      `SELECT id FROM standards_framework WHERE kind = 'agency' ORDER BY imported_at LIMIT 1`,
    );
    const adoption = await dataSource.transaction((tx) => adoptFramework(tx, 'E23000013', framework, userId));
    const [first, second] = await dataSource.query(
      'SELECT code FROM adopted_standard WHERE adoption_id = $1 ORDER BY position LIMIT 2',
      [adoption],
    );
    const audit = await dataSource.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO audit (agency_id, adoption_id, period, status, version, is_current, created_by, submitted_by, submitted_at) VALUES ($1, $2, '2025-26', 'submitted', 1, true, $3, $3, now()) RETURNING id`,
        [agencyId, adoption, userId],
      );
      await tx.query(
        `INSERT INTO audit_rating (audit_id, code, self_rating) VALUES ($1, $2, 'met'), ($1, $3, 'not_met')`,
        [id, first.code, second.code],
      );
      return id as string;
    });
    const ratings = () =>
      warehouse.read('SELECT code, rating FROM fact_audit_rating WHERE agency_id = $id ORDER BY code', {
        id: agencyId,
      });
    expect(await start()).toMatch(/replayed \d+ missed changes? \(0 returns, 1 audit\)/);
    expect(await ratings()).toEqual(
      [
        { code: first.code, rating: 'met' },
        { code: second.code, rating: 'not_met' },
      ].sort((a, b) => a.code.localeCompare(b.code)),
    );

    await dataSource.query(
      `UPDATE audit_rating SET moderated_rating = 'partly_met', moderation_reason = 'Evidence covers one service only', moderated_by = $3, moderated_at = now() WHERE audit_id = $1 AND code = $2`,
      [audit, second.code, userId],
    );
    expect(await start()).toMatch(/replayed 1 missed change \(0 returns, 1 audit\)/);
    expect((await ratings()).find((r) => r.code === second.code)).toEqual({ code: second.code, rating: 'partly_met' });

    await dataSource.query('UPDATE audit SET is_current = false WHERE id = $1', [audit]);
    expect(await start()).toMatch(/replayed 1 missed change \(0 returns, 1 audit\)/);
    expect(await ratings()).toEqual([]);
  });

  it('exports only returns named by their ids: nothing else reaches the COPY it writes', async () => {
    const parts = source.exportRows('case-level', (part) => join(dir, `odd-${part}.csv`), [
      "x') OR true; DROP TABLE submission; --",
    ]);
    await expect(
      (async () => {
        for await (const part of parts) void part;
      })(),
    ).rejects.toThrow('Returns are named by their ids');
    expect(await queryDatabase(db.url, 'SELECT count(*) FROM submission')).not.toEqual([]);
  });

  it('rebuilds instead of replaying when it cannot follow this outbox', async () => {
    // A database restored from a backup issues the numbers again, for other changes.
    const { applied } = (await warehouse.outboxState())!;
    await dataSource.query('UPDATE warehouse_change SET change_id = gen_random_uuid() WHERE seq = $1', [applied]);
    lines.length = 0;
    expect(await start()).toMatch(/^rebuilt: /);
    expect(lines.join('\n')).toMatch(/no longer holds the last change the warehouse applied/);

    await dataSource.query('UPDATE warehouse_outbox SET database_id = gen_random_uuid()');
    lines.length = 0;
    expect(await start()).toMatch(/^rebuilt: /);
    expect(lines.join('\n')).toMatch(/built from another database/);
    await warehouse.db.run(`UPDATE warehouse_meta SET value = '5' WHERE key = 'schema_version'`);
    lines.length = 0;
    expect(await start()).toMatch(/^rebuilt: /);
    expect(lines.join('\n')).toMatch(/older layout \(version 5, now \d+\)/);
    await dataSource.query('UPDATE warehouse_outbox SET cleared_through = (SELECT max(seq) + 1 FROM warehouse_change)');
    lines.length = 0;
    expect(await start()).toMatch(/^rebuilt: /);
    expect(lines.join('\n')).toMatch(/cleared from the outbox/);
  });
});
