import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Waymark keeps only what it validated. Uploaded files could carry what the validator never read
 * (comment lines, other sheets, cell notes, authors, metadata), so the original bytes go: a return
 * keeps its validated values, and the file's SHA-256, size, name and type for provenance.
 *
 * Dropping a column leaves its old values in the table's pages until the table is rewritten, so the
 * table is rewritten here, in the same transaction. Periods from before 2000 could once be stored;
 * new ones cannot (checked for new rows only, so an old bad row cannot stop the upgrade).
 */
export class ValidatedValuesOnly1796162700000 implements MigrationInterface {
  name = 'ValidatedValuesOnly1796162700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE submission ADD COLUMN byte_size integer');
    await db.query('UPDATE submission SET byte_size = length(original)');
    await db.query(
      'ALTER TABLE submission ALTER COLUMN byte_size SET NOT NULL, ADD CONSTRAINT submission_byte_size_check CHECK (byte_size >= 0)',
    );
    await db.query('ALTER TABLE submission DROP COLUMN original');
    await db.query(
      `ALTER TABLE submission ADD CONSTRAINT submission_period_from_2000 CHECK (period ~ '^20[0-9]{2}-[0-9]{2} Q[1-4]$') NOT VALID`,
    );
    // A rewrite writes each row afresh without the dropped column (and its out-of-line storage).
    await db.query('CLUSTER submission USING submission_pkey');
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
