import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time links for choosing the first administrator of an install without the demo. Only a hash
 * of each token is kept, so reading the database does not give a way in.
 */
export class SetupToken1796270000000 implements MigrationInterface {
  name = 'SetupToken1796270000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE setup_token (
        token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        spent_at   timestamptz,
        spent_by   uuid REFERENCES app_user (id)
      )`);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
