import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: who did what, when and from where. Append-only: a trigger refuses every update and
 * delete, so not even a bug in Waymark can rewrite history (a database owner can still drop the
 * trigger; backups keep what was there).
 */
export class AuditEvents1796260000000 implements MigrationInterface {
  name = 'AuditEvents1796260000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_event (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT now(),
        actor_id    uuid REFERENCES app_user (id),
        actor_email text CHECK (length(actor_email) <= 320),
        actor_role  text,
        action      text NOT NULL CHECK (action ~ '^[a-z_]{1,60}$'),
        target_type text CHECK (length(target_type) <= 40),
        target_id   text CHECK (length(target_id) <= 100),
        area_code   varchar(9),
        summary     text NOT NULL CHECK (length(summary) <= 500),
        details     jsonb NOT NULL DEFAULT '{}',
        address     text CHECK (length(address) <= 64)
      )`);
    await db.query('CREATE INDEX audit_event_at_idx ON audit_event (at DESC, id DESC)');
    await db.query('CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, at DESC)');
    await db.query('CREATE INDEX audit_event_action_idx ON audit_event (action, at DESC)');
    await db.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events are append-only';
      END $$`);
    await db.query(`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()`);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
