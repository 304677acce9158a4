import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox of changes to what the warehouse is built from, so that a start replays only what the
 * warehouse missed instead of comparing every row of both stores. Triggers write it, so no path that
 * stores, replaces, withdraws or deletes a return, an audit or an owner can forget to (the API, the
 * demo data, imports, or SQL run by hand on those tables; rows of a stored return are never edited in
 * place, so their tables have none).
 *
 * The triggers are deferred to commit and take one lock before numbering the change: numbers then
 * follow the order transactions commit in, so a reader that has seen change N has seen every change
 * before it, and "everything after the last number applied" is exactly what was missed.
 */
export class WarehouseOutbox1796290000000 implements MigrationInterface {
  name = 'WarehouseOutbox1796290000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE warehouse_change (
        seq bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('submission', 'audit', 'dimensions')),
        ref uuid,
        -- Whose return (or audit) of which type and quarter (or year) it was, so that one withdrawn or
        -- deleted can still be taken out of the warehouse.
        owner uuid,
        return_type text,
        period text,
        -- Names this change apart from any other that ever had its number (a restored database issues
        -- numbers again), so the warehouse can tell that the change it last applied is still this one.
        change_id uuid NOT NULL DEFAULT gen_random_uuid(),
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // One change per thing changed per transaction, however many rows it touched.
    await db.query(
      `CREATE UNIQUE INDEX warehouse_change_once ON warehouse_change (txid, kind, coalesce(ref, '00000000-0000-0000-0000-000000000000'))`,
    );
    // Which database the outbox numbers belong to, and up to which number old changes were cleared.
    await db.query(`
      CREATE TABLE warehouse_outbox (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        database_id uuid NOT NULL DEFAULT gen_random_uuid(),
        cleared_through bigint NOT NULL DEFAULT 0
      )`);
    await db.query('INSERT INTO warehouse_outbox DEFAULT VALUES');
    await db.query(`
      CREATE FUNCTION record_warehouse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed record;
        change_kind text := TG_ARGV[0];
        change_ref uuid := NULL;
        change_owner uuid := NULL;
        change_type text := NULL;
        change_period text := NULL;
      BEGIN
        IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
        IF TG_TABLE_NAME = 'submission' THEN
          -- Only a change of which version is current matters (superseded_by is bookkeeping).
          IF TG_OP = 'UPDATE' AND NEW.is_current IS NOT DISTINCT FROM OLD.is_current THEN RETURN NULL; END IF;
          change_ref := changed.id;
          change_owner := coalesce(changed.agency_id, changed.marac_id);
          change_type := changed.return_type;
          change_period := changed.period;
        ELSIF TG_TABLE_NAME = 'audit' THEN
          -- Drafts and old versions are not in the warehouse; an audit that is, or was, current is.
          IF NOT (changed.is_current OR (TG_OP = 'UPDATE' AND OLD.is_current)) THEN RETURN NULL; END IF;
          change_ref := changed.id;
          change_owner := coalesce(changed.agency_id, changed.marac_id);
          change_period := changed.period;
        ELSIF TG_TABLE_NAME = 'audit_rating' THEN
          SELECT coalesce(agency_id, marac_id), period INTO change_owner, change_period FROM audit WHERE id = changed.audit_id AND is_current;
          IF NOT FOUND THEN RETURN NULL; END IF;
          change_ref := changed.audit_id;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('waymark/warehouse_change', 0));
        INSERT INTO warehouse_change (kind, ref, owner, return_type, period) VALUES (change_kind, change_ref, change_owner, change_type, change_period)
        ON CONFLICT (txid, kind, coalesce(ref, '00000000-0000-0000-0000-000000000000')) DO NOTHING;
        RETURN NULL;
      END $$`);
    const triggers: [string, string, string][] = [
      ['submission', 'INSERT OR UPDATE OR DELETE', 'submission'],
      ['audit', 'INSERT OR UPDATE OR DELETE', 'audit'],
      ['audit_rating', 'INSERT OR UPDATE OR DELETE', 'audit'],
      ['area', 'INSERT OR UPDATE OR DELETE', 'dimensions'],
      ['agency', 'INSERT OR UPDATE OR DELETE', 'dimensions'],
      ['marac', 'INSERT OR UPDATE OR DELETE', 'dimensions'],
      ['return_schedule', 'INSERT OR UPDATE OR DELETE', 'dimensions'],
    ];
    for (const [table, events, kind] of triggers) {
      await db.query(
        `CREATE CONSTRAINT TRIGGER ${table}_warehouse_change AFTER ${events} ON ${table}
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_warehouse_change('${kind}')`,
      );
    }
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
