import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Submitted returns, kept whole and never overwritten: each upload is a version with its original
 * bytes and their SHA-256; a resubmission supersedes the previous current version.
 */
export class Returns1795417800000 implements MigrationInterface {
  name = 'Returns1795417800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE submission (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        return_type    text NOT NULL,
        agency_id      uuid REFERENCES agency (id),
        marac_id       uuid REFERENCES marac (id),
        period         text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2} Q[1-4]$'),
        version        integer NOT NULL CHECK (version >= 1),
        is_current     boolean NOT NULL DEFAULT true,
        superseded_by  uuid REFERENCES submission (id),
        submitted_by   uuid NOT NULL REFERENCES app_user (id),
        submitted_at   timestamptz NOT NULL DEFAULT now(),
        file_name      text,
        media_type     text NOT NULL,
        original       bytea NOT NULL,
        sha256         bytea NOT NULL CHECK (length(sha256) = 32),
        row_count      integer NOT NULL CHECK (row_count >= 1),
        CHECK ((agency_id IS NULL) <> (marac_id IS NULL))
      )`);
    await db.query(
      `CREATE UNIQUE INDEX submission_version_key ON submission (return_type, coalesce(agency_id, marac_id), period, version)`,
    );
    await db.query(
      `CREATE UNIQUE INDEX submission_current_key ON submission (return_type, coalesce(agency_id, marac_id), period) WHERE is_current`,
    );
    await db.query('CREATE INDEX submission_period_idx ON submission (period, return_type) WHERE is_current');

    // The validated, typed values of each row, as the data dictionary defined them when received.
    await db.query(`
      CREATE TABLE submission_row (
        submission_id uuid NOT NULL REFERENCES submission (id),
        row_number    integer NOT NULL,
        data          jsonb NOT NULL,
        PRIMARY KEY (submission_id, row_number)
      )`);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
