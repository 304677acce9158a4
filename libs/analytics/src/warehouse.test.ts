import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditFacts, SubmissionFacts, WarehouseSource } from './source.js';
import { Warehouse, WAREHOUSE_SCHEMA_VERSION } from './warehouse.js';

const AREAS = [
  { code: 'E23000013', name: 'Cleveland', type: 'pfa' as const, parentCode: null, females16plus: 240000 },
  { code: 'E22000027', name: 'Hartlepool', type: 'csp' as const, parentCode: 'E23000013', females16plus: 35755 },
  { code: 'E06000001', name: 'Hartlepool', type: 'lad' as const, parentCode: 'E22000027', females16plus: 35755 },
];

function source(submissions: SubmissionFacts[], audits: AuditFacts[] = []): WarehouseSource {
  return {
    areas: async () => AREAS,
    agencies: async () => [{ id: 'agency-1', name: 'A', sector: 'refuge', areaCode: 'E06000001', active: true }],
    maracs: async () => [{ id: 'marac-1', name: 'M', areaCode: 'E06000001', active: true }],
    submissions: async function* () {
      yield* submissions;
    },
    audits: async function* () {
      yield* audits;
    },
    fingerprint: async () => ({}),
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
    const first: SubmissionFacts = { id: 's1', returnType: 'marac-quarter', agencyId: null, maracId: 'marac-1', period: '2025-26 Q1', rows: [{ cases_discussed: 10, repeat_cases: 3 }] };
    await warehouse.rebuild(source([first]));
    expect(await warehouse.isBuilt()).toBe(true);
    expect(await warehouse.state()).toMatchObject({ state: 'ready', schemaVersion: WAREHOUSE_SCHEMA_VERSION });
    expect((await warehouse.fingerprint()).fact_marac_quarter).toEqual({ rows: 1, groups: 1, total: 13 });

    await warehouse.applySubmission({ ...first, id: 's2', rows: [{ cases_discussed: 12, repeat_cases: 4 }] });
    const [row] = await warehouse.read("SELECT submission_id, lad_code, csp_code, pfa_code, period_index, cases_discussed FROM fact_marac_quarter", {});
    expect(row).toEqual({ submission_id: 's2', lad_code: 'E06000001', csp_code: 'E22000027', pfa_code: 'E23000013', period_index: 2025 * 4, cases_discussed: 12 });
    warehouse.close();

    const reopened = await Warehouse.open(path);
    expect(await reopened.isBuilt()).toBe(true);
    expect((await reopened.fingerprint()).fact_marac_quarter.total).toBe(16);
    reopened.close();
  });
});
