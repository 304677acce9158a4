import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether an account still has a password someone else saw: one made for them on invitation or
 * reset. Such a person chooses their own before anything else. Existing accounts are left as they are.
 */
export class PasswordChosen1796280000000 implements MigrationInterface {
  name = 'PasswordChosen1796280000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false');
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
