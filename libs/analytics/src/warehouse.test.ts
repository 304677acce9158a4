import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { asText, returnTypeById } from '@waymark/domain';
import type { AuditFacts, StoredReturn, WarehouseSource } from './source.js';
import { Warehouse, WAREHOUSE_SCHEMA_VERSION } from './warehouse.js';

const AREAS = [
  { code: 'E23000013', name: 'Cleveland', type: 'pfa' as const, parentCode: null, females16plus: 240000 },
  { code: 'E22000027', name: 'Hartlepool', type: 'csp' as const, parentCode: 'E23000013', females16plus: 39200 },
  { code: 'E06000001', name: 'Hartlepool', type: 'lad' as const, parentCode: 'E22000027', females16plus: 39200 },
];

/** A stored return with its rows, as the fake source keeps it. */
type FakeReturn = StoredReturn & { data: Record<string, unknown>[] };
const stored = (r: Omit<FakeReturn, 'rows'>): FakeReturn => ({ ...r, rows: r.data.length });
const keyOf = (r: StoredReturn) => `${r.returnType}|${r.agencyId ?? r.maracId}|${r.period}`;
const cell = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? `"[${v.join(',')}]"` : asText(v));

/** A source over returns held in memory; the last return added for an owner, type and quarter is the current one. */
function source(returns: FakeReturn[], audits: AuditFacts[] = []): WarehouseSource & { returns: FakeReturn[] } {
  const current = () => [...new Map(returns.map((r) => [keyOf(r), r])).values()];
  return {
    returns,
    areas: () => Promise.resolve(AREAS),
    agencies: () =>
      Promise.resolve([{ id: 'agency-1', name: 'A', sector: 'refuge', areaCode: 'E06000001', active: true }]),
    maracs: () => Promise.resolve([{ id: 'marac-1', name: 'M', areaCode: 'E06000001', active: true }]),
    schedules: () => Promise.resolve([]),
    submission: (id) => {
      const given = returns.find((r) => r.id === id);
      return Promise.resolve(given ? (current().find((r) => keyOf(r) === keyOf(given)) ?? null) : null);
    },
    audit: (id) => Promise.resolve(audits.find((a) => a.auditId === id) ?? null),
    outbox: () => Promise.resolve({ databaseId: 'test', newest: 0, newestId: null, clearedThrough: 0 }),
    changes: () => Promise.resolve([]),
    changeId: () => Promise.resolve(null),
    exportRows: async function* (returnType, fileOf, only) {
      const type = returnTypeById(returnType)!;
      const chosen = current().filter((r) => r.returnType === returnType && (!only || only.includes(r.id)));
      const lines = [
        ['submission_id', 'agency_id', 'marac_id', 'period', 'row_number', ...type.fields.map((f) => f.key)].join(','),
      ];
      for (const r of chosen)
        r.data.forEach((row, i) =>
          lines.push(
            [
              r.id,
              r.agencyId ?? '',
              r.maracId ?? '',
              r.period,
              i + 1,
              ...type.fields.map((f) => cell(row[f.key])),
            ].join(','),
          ),
        );
      await writeFile(fileOf(0), `${lines.join('\n')}\n`);
      yield { file: fileOf(0), rows: lines.length - 1, part: 1, parts: 1 };
    },
    audits: () => ReadableStream.from(audits),
    unloadable: () => Promise.resolve([]),
    fingerprint: () => Promise.resolve({}),
  };
}

describe('the warehouse file', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is built from its source, applies a resubmission in place, and sums what it holds', async () => {
    dir = await mkdtemp(join(tmpdir(), 'waymark-wh-'));
    const path = join(dir, 'nested', 'warehouse.duckdb');
    const warehouse = await Warehouse.open(path);
    expect(await warehouse.isBuilt()).toBe(false);
    const first = stored({
      id: 's1',
      returnType: 'marac-quarter',
      agencyId: null,
      maracId: 'marac-1',
      period: '2025-26 Q1',
      data: [{ cases_discussed: 10, repeat_cases: 3 }],
    });
    const src = source([first]);
    await warehouse.rebuild(src);
    expect(await warehouse.isBuilt()).toBe(true);
    expect(await warehouse.state()).toMatchObject({ state: 'ready', schemaVersion: WAREHOUSE_SCHEMA_VERSION });
    expect(await warehouse.outboxState()).toEqual({ databaseId: 'test', applied: 0, appliedId: null });
    expect((await warehouse.fingerprint()).fact_marac_quarter).toEqual({ rows: 1, groups: 1, total: 13 });

    const second = stored({ ...first, id: 's2', data: [{ cases_discussed: 12, repeat_cases: 4 }] });
    src.returns.push(second);
    await warehouse.apply({ returns: [second], audits: [], through: { seq: 1, id: 'change-1' } }, src);
    expect(await warehouse.outboxState()).toEqual({ databaseId: 'test', applied: 1, appliedId: 'change-1' });
    const [row] = await warehouse.read(
      'SELECT submission_id, lad_code, csp_code, pfa_code, period_index, cases_discussed FROM fact_marac_quarter',
      {},
    );
    expect(row).toEqual({
      submission_id: 's2',
      lad_code: 'E06000001',
      csp_code: 'E22000027',
      pfa_code: 'E23000013',
      period_index: 2025 * 4,
      cases_discussed: 12,
    });
    warehouse.close();

    const reopened = await Warehouse.open(path);
    expect(await reopened.isBuilt()).toBe(true);
    expect((await reopened.fingerprint()).fact_marac_quarter.total).toBe(16);
    reopened.close();
  });

  it("marks an episode that came within 12 months of the same person's earlier one, and re-marks later quarters when a return changes", async () => {
    dir = await mkdtemp(join(tmpdir(), 'waymark-wh-'));
    const warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
    const [x, y] = ['a'.repeat(64), 'b'.repeat(64)];
    const episodes = (id: string, period: string, rows: [string, string][]) =>
      stored({
        id,
        returnType: 'case-level',
        agencyId: 'agency-1',
        maracId: null,
        period,
        data: rows.map(([person_key, referral_month]) => ({ person_key, referral_month, disclosed: true })),
      });
    const marks = async () =>
      (
        await warehouse.read(
          'SELECT period, person_key, referral_month, again_within_12_months AS again FROM fact_case_episode ORDER BY referral_month, person_key',
          {},
        )
      ).map((r) => `${asText(r.referral_month)} ${asText(r.person_key)[0]} ${asText(r.again)}`);
    // Each person's quarter counted once, and as a repeat when any of its episodes came again.
    const people = async () =>
      (
        await warehouse.read(
          'SELECT period, count(*) FILTER (WHERE first_in_quarter) AS people, count(*) FILTER (WHERE first_in_quarter AND repeat_in_quarter) AS repeats FROM fact_case_episode GROUP BY period ORDER BY period',
          {},
        )
      ).map((r) => `${asText(r.period)} ${asText(r.people)} ${asText(r.repeats)}`);
    // x: April 2024, then April 2025 (12 months: a repeat) and May 2025 (a repeat of April 2025);
    // y: March 2024 is 13 months before April 2025, so y's April 2025 episode is not a repeat.
    const spring2024 = episodes('c1', '2024-25 Q1', [[x, '2024-04']]);
    const march2024 = episodes('c0', '2023-24 Q4', [[y, '2024-03']]);
    const spring2025 = episodes('c2', '2025-26 Q1', [
      [x, '2025-04'],
      [x, '2025-05'],
      [y, '2025-04'],
    ]);
    await warehouse.rebuild(source([march2024, spring2024, spring2025]));
    const expected = ['2024-03 b false', '2024-04 a false', '2025-04 a true', '2025-04 b false', '2025-05 a true'];
    expect(await marks()).toEqual(expected);
    expect(await people()).toEqual(['2023-24 Q4 1 0', '2024-25 Q1 1 0', '2025-26 Q1 2 1']);

    // Applied one by one instead, the marks are the same.
    const oneByOne = source([]);
    await warehouse.rebuild(oneByOne);
    for (const s of [spring2025, march2024, spring2024]) {
      oneByOne.returns.push(s);
      await warehouse.apply({ returns: [s], audits: [], through: null }, oneByOne);
    }
    expect(await marks()).toEqual(expected);
    expect(await people()).toEqual(['2023-24 Q4 1 0', '2024-25 Q1 1 0', '2025-26 Q1 2 1']);

    // A correction replaces x's April 2024 episode with one for y in May 2024: x's April 2025 episode
    // four quarters later is no longer a repeat, and y's (11 months after May 2024) now is.
    const correction = episodes('c1b', '2024-25 Q1', [[y, '2024-05']]);
    oneByOne.returns.push(correction);
    await warehouse.apply({ returns: [correction], audits: [], through: null }, oneByOne);
    expect(await marks()).toEqual([
      '2024-03 b false',
      '2024-05 b true',
      '2025-04 a false',
      '2025-04 b true',
      '2025-05 a true',
    ]);
    expect(await people()).toEqual(['2023-24 Q4 1 0', '2024-25 Q1 1 1', '2025-26 Q1 2 2']);
    warehouse.close();
  });
});
