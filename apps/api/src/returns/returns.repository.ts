import { Injectable } from '@nestjs/common';
import type { ReturnTypeId, Submission } from '@waymark/domain';
import { DataSource } from 'typeorm';
import type { AreaScope } from '../scope/area-scope.js';
import { readRows } from './stored-rows.js';
import {
  currentVersion,
  storeSubmission,
  type CurrentVersion,
  type NewSubmission,
  type StoredSubmission,
} from './submission-store.js';

export type { NewSubmission, Owner } from './submission-store.js';

/** A stored version of a return; the shared answer adds what the reader may read of it. */
export type SubmissionView = Omit<Submission, 'access'>;

const SELECT_SUBMISSION = `
  SELECT s.id, s.return_type AS "returnType", s.agency_id AS "agencyId", s.marac_id AS "maracId", s.period, s.version,
         s.is_current AS "current", s.superseded_by AS "supersededBy", s.submitted_at AS "submittedAt",
         u.display_name AS "submittedBy", coalesce(g.name, m.name) AS "ownerName", coalesce(g.area_code, m.area_code) AS "areaCode",
         s.file_name AS "fileName", s.media_type AS "mediaType", s.byte_size AS "byteSize",
         encode(s.sha256, 'hex') AS sha256, s.row_count AS "rowCount"
  FROM submission s
  JOIN app_user u ON u.id = s.submitted_by
  LEFT JOIN agency g ON g.id = s.agency_id
  LEFT JOIN marac m ON m.id = s.marac_id`;

/** Only the owner's visible area, or the submitter's own agency, may be read. */
const IN_SCOPE = `($1::text[] IS NULL OR coalesce(g.area_code, m.area_code) = ANY($1)) AND ($2::uuid IS NULL OR s.agency_id = $2)`;

@Injectable()
export class ReturnsRepository {
  constructor(private readonly db: DataSource) {}

  insert(s: NewSubmission): Promise<StoredSubmission> {
    return this.db.transaction((tx) => storeSubmission(tx, s));
  }

  current(returnType: ReturnTypeId, owner: string, period: string): Promise<CurrentVersion | null> {
    return currentVersion(this.db, returnType, owner, period);
  }

  async find(scope: AreaScope, id: string): Promise<SubmissionView | null> {
    const rows = await this.db.query<SubmissionView[]>(`${SELECT_SUBMISSION} WHERE ${IN_SCOPE} AND s.id = $3`, [
      scope.areaCodes,
      scope.onlyAgencyId,
      id,
    ]);
    return rows[0] ?? null;
  }

  /** Every version of the same return (type, owner, quarter), newest first. */
  versionsOf(s: SubmissionView): Promise<SubmissionView[]> {
    return this.db.query(
      `${SELECT_SUBMISSION} WHERE s.return_type = $1 AND coalesce(s.agency_id, s.marac_id) = $2 AND s.period = $3 ORDER BY s.version DESC`,
      [s.returnType, s.agencyId ?? s.maracId, s.period],
    );
  }

  list(
    scope: AreaScope,
    filter: { returnType: string | null; period: string | null; agencyId: string | null; maracId: string | null },
  ): Promise<SubmissionView[]> {
    return this.db.query(
      `${SELECT_SUBMISSION} WHERE ${IN_SCOPE} AND s.is_current
         AND ($3::text IS NULL OR s.return_type = $3) AND ($4::text IS NULL OR s.period = $4)
         AND ($5::uuid IS NULL OR s.agency_id = $5) AND ($6::uuid IS NULL OR s.marac_id = $6)
       ORDER BY s.period DESC, "ownerName", s.return_type`,
      [scope.areaCodes, scope.onlyAgencyId, filter.returnType, filter.period, filter.agencyId, filter.maracId],
    );
  }

  rows(id: string, returnType: ReturnTypeId): Promise<Record<string, unknown>[]> {
    return readRows(this.db, id, returnType);
  }
}
