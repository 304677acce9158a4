import { Injectable } from '@nestjs/common';
import type {
  AdoptedStandard,
  Framework,
  FrameworkKind,
  SectorCode,
  Adoption,
  FrameworkSummary,
} from '@waymark/domain';
import { DataSource } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';
import { adoptFramework, knownFields, storeFramework } from './framework-store.js';

export interface StandardRow {
  code: string;
  themeId: string;
  themeTitle: string;
  statement: string;
  evidence: string;
  sectors: string[];
  quickWin: boolean;
  origin?: 'framework' | 'local';
  active?: boolean;
  /** Why the area switched it off; null while it is in use. */
  switchedOffReason?: string | null;
}

/** An adoption as the API answers it (the shared answer type). */
export type AdoptionView = Adoption;

const STANDARD_COLUMNS = `code, theme_id AS "themeId", theme_title AS "themeTitle", statement, evidence, sectors, quick_win AS "quickWin"`;

@Injectable()
export class StandardsRepository {
  constructor(private readonly db: DataSource) {}

  listFrameworks(): Promise<FrameworkSummary[]> {
    return this.db.query(
      `SELECT f.id, f.key, f.version, f.kind, f.title, f.imported_at AS "importedAt", count(s.code)::int AS standards
       FROM standards_framework f LEFT JOIN framework_standard s ON s.framework_id = f.id
       GROUP BY f.id ORDER BY f.kind, f.key, f.imported_at DESC`,
    );
  }

  async framework(id: string): Promise<{ summary: FrameworkSummary; document: Framework } | null> {
    const rows = await this.db.query<(FrameworkSummary & { document: Framework })[]>(
      `SELECT id, key, version, kind, title, imported_at AS "importedAt", jsonb_array_length(document->'standards') AS standards, document FROM standards_framework WHERE id = $1`,
      [id],
    );
    if (!rows[0]) return null;
    const { document, ...summary } = rows[0];
    return { summary, document: knownFields(document) };
  }

  async frameworkExists(key: string, version: string): Promise<boolean> {
    return (
      (
        await this.db.query<unknown[]>('SELECT 1 FROM standards_framework WHERE key = $1 AND version = $2', [
          key,
          version,
        ])
      ).length > 0
    );
  }

  store(doc: Framework, userId: string): Promise<string> {
    return this.db.transaction((tx) => storeFramework(tx, doc, userId));
  }

  adopt(areaCode: string, frameworkId: string, userId: string): Promise<string> {
    return this.db.transaction((tx) => adoptFramework(tx, areaCode, frameworkId, userId));
  }

  private readonly SELECT_ADOPTION = `
    SELECT d.id, d.area_code AS "areaCode", a.name AS "areaName", d.kind, d.framework_id AS "frameworkId",
           f.title AS "frameworkTitle", f.version AS "frameworkVersion", d.adopted_at AS "adoptedAt"
    FROM standards_adoption d JOIN area a ON a.code = d.area_code JOIN standards_framework f ON f.id = d.framework_id`;

  /** Current adoptions in the areas the caller can see. */
  listAdoptions(scope: AreaScope): Promise<AdoptionView[]> {
    return this.db.query(
      `${this.SELECT_ADOPTION} WHERE d.is_current AND ($1::text[] IS NULL OR d.area_code = ANY($1)) ORDER BY a.name, d.kind`,
      [scope.areaCodes],
    );
  }

  async adoption(id: string): Promise<AdoptionView | null> {
    return (await this.db.query<AdoptionView[]>(`${this.SELECT_ADOPTION} WHERE d.id = $1`, [id]))[0] ?? null;
  }

  adoptedStandards(adoptionId: string): Promise<AdoptedStandard[]> {
    return this.db.query(
      `SELECT ${STANDARD_COLUMNS}, origin, active, switched_off_reason AS "switchedOffReason" FROM adopted_standard WHERE adoption_id = $1 ORDER BY position`,
      [adoptionId],
    );
  }

  frameworkStandards(frameworkId: string): Promise<StandardRow[]> {
    return this.db.query(
      `SELECT ${STANDARD_COLUMNS} FROM framework_standard WHERE framework_id = $1 ORDER BY position`,
      [frameworkId],
    );
  }

  /** Switches a standard off with the reason, or back on (which clears the reason). */
  async setActive(adoptionId: string, code: string, active: boolean, reason: string | null): Promise<boolean> {
    const rows = await this.db.query<{ code: string }[]>(
      'WITH changed AS (UPDATE adopted_standard SET active = $3, switched_off_reason = $4 WHERE adoption_id = $1 AND code = $2 RETURNING code) SELECT code FROM changed',
      [adoptionId, code, active, active ? null : reason],
    );
    return rows.length > 0;
  }

  /** A standard the area adds for itself, numbered LOCAL-01, LOCAL-02… */
  async addLocal(
    adoptionId: string,
    s: {
      themeId: string;
      themeTitle: string;
      statement: string;
      evidence: string;
      sectors: string[];
      quickWin: boolean;
    },
  ): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [{ n, position }] = await tx.query<{ n: number; position: number }[]>(
        `SELECT count(*) FILTER (WHERE origin = 'local')::int + 1 AS n, coalesce(max(position), 0) + 1 AS position FROM adopted_standard WHERE adoption_id = $1`,
        [adoptionId],
      );
      const code = `LOCAL-${String(n).padStart(2, '0')}`;
      await tx.query(
        `INSERT INTO adopted_standard (adoption_id, code, theme_id, theme_title, statement, evidence, sectors, quick_win, position, origin)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'local')`,
        [adoptionId, code, s.themeId, s.themeTitle, s.statement, s.evidence, s.sectors, s.quickWin, position],
      );
      return code;
    });
  }

  /** The adoption that governs an agency or Marac: the nearest area at or above it with a current one. */
  async governingAdoption(areaCode: string, kind: FrameworkKind): Promise<string | null> {
    const rows = await this.db.query<{ id: string }[]>(
      `WITH RECURSIVE up AS (
         SELECT code, parent_code, 0 AS depth FROM area WHERE code = $1
         UNION ALL SELECT a.code, a.parent_code, up.depth + 1 FROM area a JOIN up ON a.code = up.parent_code
       )
       SELECT d.id FROM up JOIN standards_adoption d ON d.area_code = up.code AND d.is_current AND d.kind = $2
       ORDER BY up.depth LIMIT 1`,
      [areaCode, kind],
    );
    return rows[0]?.id ?? null;
  }

  /** Standards of an adoption that apply to a sector (null: a Marac, which takes them all). */
  async applicableCodes(adoptionId: string, sector: SectorCode | null): Promise<string[]> {
    const rows = await this.db.query<{ code: string }[]>(
      `SELECT code FROM adopted_standard WHERE adoption_id = $1 AND active AND ($2::text IS NULL OR 'all' = ANY(sectors) OR $2 = ANY(sectors)) ORDER BY position`,
      [adoptionId, sector],
    );
    return rows.map((r) => r.code);
  }
}
