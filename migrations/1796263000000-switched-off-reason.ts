import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why an area switched a standard off, so everyone auditing against its list can see the reason. */
export class SwitchedOffReason1796263000000 implements MigrationInterface {
  name = 'SwitchedOffReason1796263000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      'ALTER TABLE adopted_standard ADD COLUMN switched_off_reason text CHECK (length(switched_off_reason) <= 600)',
    );
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
