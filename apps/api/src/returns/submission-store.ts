import { returnTypeById, type ReturnTypeId } from '@waymark/domain';
import { insertRows } from './stored-rows.js';
import type { DataSource, EntityManager } from 'typeorm';

export interface Owner {
  agencyId: string | null;
  maracId: string | null;
}

export interface NewSubmission extends Owner {
  returnType: ReturnTypeId;
  period: string;
  submittedBy: string;
  fileName: string | null;
  mediaType: string;
  /** Size of the file as received; the file itself is never kept, only its validated values. */
  byteSize: number;
  sha256: Buffer;
  rows: Record<string, unknown>[];
  /** When it was received; now unless a demo back-fills history. */
  submittedAt?: string;
}

/** The newest version of a return: the one a new version replaces. */
export interface CurrentVersion {
  id: string;
  version: number;
  receivedAt: string;
}

/** The new version as stored, and the version it replaced, if any (`supersedes` is that version's id). */
export interface StoredSubmission {
  id: string;
  version: number;
  supersedes: string | null;
  replaced: CurrentVersion | null;
}

/** The newest version of one owner's return of a type for a quarter, or null when none has been sent. */
export async function currentVersion(
  db: DataSource | EntityManager,
  returnType: ReturnTypeId,
  owner: string,
  period: string,
): Promise<CurrentVersion | null> {
  const [row] = await db.query<{ id: string; version: number; submitted_at: Date }[]>(
    'SELECT id, version, submitted_at FROM submission WHERE return_type = $1 AND coalesce(agency_id, marac_id) = $2 AND period = $3 ORDER BY version DESC LIMIT 1',
    [returnType, owner, period],
  );
  return row ? { id: row.id, version: row.version, receivedAt: row.submitted_at.toISOString() } : null;
}

/**
 * Stores a validated return as the next version, inside the caller's transaction. An advisory lock
 * per (type, owner, period) makes concurrent resubmissions queue rather than clash. Shared by the
 * returns module and the demo data.
 */
export async function storeSubmission(tx: EntityManager, s: NewSubmission): Promise<StoredSubmission> {
  const owner = (s.agencyId ?? s.maracId)!;
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${s.returnType}/${owner}/${s.period}`]);
  const previous = await currentVersion(tx, s.returnType, owner, s.period);
  // The previous version stops being current first: only one current version may exist.
  if (previous) await tx.query('UPDATE submission SET is_current = false WHERE id = $1', [previous.id]);
  const [row] = await tx.query<{ id: string }[]>(
    `INSERT INTO submission (return_type, agency_id, marac_id, period, version, submitted_by, submitted_at, file_name, media_type, byte_size, sha256, row_count)
     VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), $8, $9, $10, $11, $12) RETURNING id`,
    [
      s.returnType,
      s.agencyId,
      s.maracId,
      s.period,
      (previous?.version ?? 0) + 1,
      s.submittedBy,
      s.submittedAt ?? null,
      s.fileName,
      s.mediaType,
      s.byteSize,
      s.sha256,
      s.rows.length,
    ],
  );
  if (previous) await tx.query('UPDATE submission SET superseded_by = $2 WHERE id = $1', [previous.id, row.id]);
  await insertRows(tx, row.id, returnTypeById(s.returnType)!, s.rows);
  return {
    id: row.id,
    version: (previous?.version ?? 0) + 1,
    supersedes: previous?.id ?? null,
    replaced: previous,
  };
}
