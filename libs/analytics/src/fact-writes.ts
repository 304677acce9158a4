import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { parseQuarter, quarterIndex } from '@waymark/domain';
import { inOwnArea, load, NOWHERE, ownerPaths, type Path } from './dimensions.js';
import { exportedRowsSql } from './exported-rows.js';
import {
  AGAIN_WITHIN_12_MONTHS,
  AUDIT_COLUMNS,
  FACT_TABLES,
  PERSON_IN_QUARTER,
  PERSON_QUARTER_WINDOW,
  type FactTable,
} from './schema.js';
import type { AuditFacts, ExportedPart, StoredReturn, WarehouseSource, Withdrawn } from './source.js';

export type Progress = (message: string) => void;

/** Where the parts of an export for this warehouse are written: beside it, named after it. */
export const exportStem = (path: string) =>
  path === ':memory:'
    ? join(tmpdir(), `.waymark-export-${process.pid}-`)
    : join(dirname(path), `.${basename(path)}.export-`);

/** Names for the parts of one export, beside the warehouse file; every name handed out is removed afterwards. */
export async function withExportFiles<T>(
  warehousePath: string,
  work: (fileOf: (part: number) => string) => Promise<T>,
): Promise<T> {
  const stem = `${exportStem(warehousePath)}${randomBytes(6).toString('hex')}`;
  const named = new Set<string>();
  try {
    return await work((part) => {
      named.add(`${stem}-${part}.csv`);
      return `${stem}-${part}.csv`;
    });
  } finally {
    await Promise.all([...named].map((f) => rm(f, { force: true })));
  }
}

/** Inserts each exported part as it arrives (while later parts are still being written); returns the rows loaded. */
export async function insertParts(
  db: DuckDBConnection,
  table: FactTable,
  parts: AsyncIterable<ExportedPart>,
  into: string,
  progress?: Progress,
): Promise<number> {
  let rows = 0;
  for await (const part of parts) {
    if (part.rows > 0)
      await db.run(
        `INSERT INTO ${into} BY NAME ${exportedRowsSql(table)}`,
        { files: listValue([part.file]) },
        { files: LIST(VARCHAR) },
      );
    await rm(part.file, { force: true });
    rows += part.rows;
    if (part.parts > 1)
      progress?.(
        `part ${part.part} of ${part.parts} of the ${table.type.title.toLowerCase()} rows loaded (${rows.toLocaleString('en-GB')} rows so far)`,
      );
  }
  return rows;
}

/**
 * Replaces each owner's rows for each quarter with those of its current return, read straight from
 * PostgreSQL's export (no row passes through JavaScript), then re-marks repeat episodes.
 */
export async function replaceReturns(
  db: DuckDBConnection,
  warehousePath: string,
  batch: StoredReturn[],
  source: Pick<WarehouseSource, 'exportRows'>,
): Promise<void> {
  const ownerOf = (s: StoredReturn) => (s.agencyId ?? s.maracId)!;
  const newest = [...new Map(batch.map((s) => [`${s.returnType}|${ownerOf(s)}|${s.period}`, s])).values()];
  const paths = await ownerPaths(db, newest.map(ownerOf));
  for (const table of Object.values(FACT_TABLES)) {
    const mine = newest.filter((s) => FACT_TABLES[s.returnType] === table);
    if (mine.length === 0) continue;
    // One plain equality delete per return, narrowed to the owner's area and quarter, so DuckDB
    // reads only the row groups that can hold its rows.
    for (const s of mine) {
      const path = paths.get(ownerOf(s));
      if (!path)
        throw new Error(`The warehouse does not know the owner of submission ${s.id}; refresh its dimensions first`);
      const area = inOwnArea(path);
      await db.run(`DELETE FROM ${table.name} WHERE ${table.owner} = $owner AND period_index = $quarter${area.sql}`, {
        owner: ownerOf(s),
        quarter: quarterIndex(parseQuarter(s.period)!),
        ...area.params,
      });
    }
    await withExportFiles(warehousePath, (fileOf) =>
      insertParts(
        db,
        table,
        source.exportRows(
          table.type.id,
          fileOf,
          mine.map((s) => s.id),
        ),
        table.name,
      ),
    );
    if (table === FACT_TABLES['case-level'])
      for (const s of mine)
        await flagRepeats(db, s.agencyId!, paths.get(s.agencyId!)!, quarterIndex(parseQuarter(s.period)!));
  }
}

/** Takes out the rows of returns and audits that no longer have a current version (withdrawn or deleted by hand). */
export async function removeWithdrawn(db: DuckDBConnection, withdrawn: Withdrawn[]): Promise<void> {
  const paths = await ownerPaths(
    db,
    withdrawn.map((w) => w.owner),
  );
  for (const w of withdrawn) {
    if (w.returnType === null) {
      await db.run('DELETE FROM fact_audit_rating WHERE coalesce(agency_id, marac_id) = $owner AND period = $period', {
        owner: w.owner,
        period: w.period,
      });
      continue;
    }
    const quarter = parseQuarter(w.period);
    if (!quarter) continue; // a period the warehouse could never place holds no rows
    const table = FACT_TABLES[w.returnType];
    const path = paths.get(w.owner) ?? NOWHERE;
    const area = inOwnArea(path);
    await db.run(`DELETE FROM ${table.name} WHERE ${table.owner} = $owner AND period_index = $quarter${area.sql}`, {
      owner: w.owner,
      quarter: quarterIndex(quarter),
      ...area.params,
    });
    if (table === FACT_TABLES['case-level']) await flagRepeats(db, w.owner, path, quarterIndex(quarter));
  }
}

/**
 * Re-marks repeat episodes of one agency after its return for a quarter changed: that quarter's
 * episodes and those of the four after it, whose previous 12 months include it.
 */
export async function flagRepeats(db: DuckDBConnection, agencyId: string, path: Path, quarter: number): Promise<void> {
  const mine = (alias: string) => `${alias}agency_id = $agency${inOwnArea(path, alias).sql}`;
  await db.run(
    `UPDATE fact_case_episode f SET again_within_12_months = x.again_within_12_months, first_in_quarter = x.first_in_quarter, repeat_in_quarter = x.repeat_in_quarter
       FROM (SELECT submission_id, row_number, again_within_12_months, ${PERSON_IN_QUARTER}
             FROM (SELECT submission_id, row_number, agency_id, period_index, person_key, ${AGAIN_WITHIN_12_MONTHS} AS again_within_12_months
                   FROM fact_case_episode WHERE ${mine('')} AND period_index BETWEEN $quarter - 4 AND $quarter + 4)
             ${PERSON_QUARTER_WINDOW}) x
       WHERE ${mine('f.')} AND f.period_index BETWEEN $quarter AND $quarter + 4
         AND f.submission_id = x.submission_id AND f.row_number = x.row_number`,
    { agency: agencyId, quarter, ...inOwnArea(path).params },
  );
}

export async function replaceAuditFacts(db: DuckDBConnection, a: AuditFacts): Promise<void> {
  const path = (await ownerPaths(db, [(a.agencyId ?? a.maracId)!])).get((a.agencyId ?? a.maracId)!);
  await db.run('DELETE FROM fact_audit_rating WHERE coalesce(agency_id, marac_id) = $owner AND period = $period', {
    owner: (a.agencyId ?? a.maracId)!,
    period: a.period,
  });
  await load(
    db,
    'fact_audit_rating',
    AUDIT_COLUMNS,
    a.ratings.map((r) => ({
      audit_id: a.auditId,
      agency_id: a.agencyId,
      marac_id: a.maracId,
      ...path,
      period: a.period,
      code: r.code,
      theme_id: r.themeId,
      theme_title: r.themeTitle,
      statement: r.statement,
      self_rating: r.selfRating,
      rating: r.rating,
    })),
  );
}
