import type { DuckDBConnection } from '@duckdb/node-api';
import { FACT_TABLES, type FactTable } from './schema.js';
import type { Fingerprint, UnloadableReturn, WarehouseSource } from './source.js';

/** Numeric dictionary fields of a fact table, whose sum is part of the fingerprint. */
export function fingerprintTotal(table: FactTable): string {
  const numeric = table.type.fields
    .filter((f) => f.kind === 'count' || f.kind === 'share')
    .map((f) => `coalesce("${f.key}", 0)`);
  return numeric.length ? `round(sum(${numeric.join(' + ')}), 2)` : 'count(*) FILTER (WHERE disclosed)';
}

/** The same totals as the source computes: rows, returns (or audits) and a sum of every figure. */
export async function fingerprint(db: DuckDBConnection): Promise<Fingerprint> {
  const out: Fingerprint = {};
  for (const table of Object.values(FACT_TABLES)) {
    const [row] = (
      await db.runAndReadAll(
        `SELECT count(*)::BIGINT AS rows, count(DISTINCT submission_id)::BIGINT AS groups, coalesce(${fingerprintTotal(table)}, 0)::DOUBLE AS total FROM ${table.name}`,
      )
    ).getRowObjectsJS();
    out[table.name] = { rows: Number(row.rows), groups: Number(row.groups), total: Number(row.total) };
  }
  const [audit] = (
    await db.runAndReadAll(
      `SELECT count(*)::BIGINT AS rows, count(DISTINCT audit_id)::BIGINT AS groups, count(*) FILTER (WHERE rating = 'met')::DOUBLE AS total FROM fact_audit_rating`,
    )
  ).getRowObjectsJS();
  out.fact_audit_rating = { rows: Number(audit.rows), groups: Number(audit.groups), total: Number(audit.total) };
  return out;
}

/**
 * Compares the warehouse with what it can be built from; `equal` is false if any table disagrees.
 * Returns the source cannot give the warehouse are listed apart: they never stop a build.
 */
export async function verify(
  db: DuckDBConnection,
  source: WarehouseSource,
): Promise<{ equal: boolean; warehouse: Fingerprint; source: Fingerprint; unloadable: UnloadableReturn[] }> {
  const [warehouse, expected, unloadable] = await Promise.all([
    fingerprint(db),
    source.fingerprint(),
    source.unloadable(),
  ]);
  const equal = Object.keys(expected).every((t) => JSON.stringify(expected[t]) === JSON.stringify(warehouse[t]));
  return { equal, warehouse, source: expected, unloadable };
}
