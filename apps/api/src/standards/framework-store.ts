import type { Framework } from '@waymark/domain';
import type { EntityManager } from 'typeorm';

/**
 * Writes shared by the standards module and the seeds: storing a framework version, and an area
 * adopting one (which copies its standards so the area can tailor them without touching the original).
 */
export async function storeFramework(db: EntityManager, doc: Framework, importedBy: string | null): Promise<string> {
  const [row] = await db.query<{ id: string }[]>(
    'INSERT INTO standards_framework (key, version, kind, title, document, imported_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [doc.key, doc.version, doc.kind, doc.title, JSON.stringify(doc), importedBy],
  );
  const titles = new Map(doc.themes.map((t) => [t.id, t.title]));
  await db.query(
    `INSERT INTO framework_standard (framework_id, code, theme_id, theme_title, statement, evidence, sectors, quick_win, position)
     SELECT $1, s->>'id', s->>'theme', $3::jsonb->>(s->>'theme'), s->>'statement', s->>'evidence',
            ARRAY(SELECT jsonb_array_elements_text(s->'sectors')), (s->>'quickWin')::boolean, ordinality
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(s, ordinality)`,
    [row.id, JSON.stringify(doc.standards), JSON.stringify(Object.fromEntries(titles))],
  );
  return row.id;
}

/**
 * A stored framework as served: its known fields only. Imports store only checked values now; a
 * document stored before that may still hold properties nobody read, and those are never served.
 */
export function knownFields(doc: Framework): Framework {
  const list = <T>(v: T[] | undefined) => (Array.isArray(v) ? v : []);
  return {
    key: doc.key,
    version: doc.version,
    kind: doc.kind,
    title: doc.title,
    description: doc.description ?? '',
    sources: list(doc.sources),
    themes: list(doc.themes).map((t) => ({ id: t.id, title: t.title, description: t.description ?? '' })),
    standards: list(doc.standards).map((s) => ({
      id: s.id,
      theme: s.theme,
      statement: s.statement,
      evidence: s.evidence,
      sectors: s.sectors,
      quickWin: s.quickWin,
    })),
  };
}

/** The area signs up to a framework version; any earlier adoption of the same kind stops being current. */
export async function adoptFramework(
  db: EntityManager,
  areaCode: string,
  frameworkId: string,
  adoptedBy: string | null,
): Promise<string> {
  const [framework] = await db.query<Pick<Framework, 'kind'>[]>('SELECT kind FROM standards_framework WHERE id = $1', [
    frameworkId,
  ]);
  await db.query('UPDATE standards_adoption SET is_current = false WHERE area_code = $1 AND kind = $2 AND is_current', [
    areaCode,
    framework.kind,
  ]);
  const [row] = await db.query<{ id: string }[]>(
    'INSERT INTO standards_adoption (area_code, framework_id, kind, adopted_by) VALUES ($1, $2, $3, $4) RETURNING id',
    [areaCode, frameworkId, framework.kind, adoptedBy],
  );
  await db.query(
    `INSERT INTO adopted_standard (adoption_id, code, theme_id, theme_title, statement, evidence, sectors, quick_win, position, origin)
     SELECT $1, code, theme_id, theme_title, statement, evidence, sectors, quick_win, position, 'framework'
     FROM framework_standard WHERE framework_id = $2`,
    [row.id, frameworkId],
  );
  return row.id;
}
