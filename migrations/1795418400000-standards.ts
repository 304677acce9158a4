import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Practice standards: versioned frameworks, their adoption (and tailoring) by areas, and agency
 * or Marac self-audits with moderation. Submitted audits are versioned like returns.
 */
export class Standards1795418400000 implements MigrationInterface {
  name = 'Standards1795418400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE standards_framework (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key         text NOT NULL,
        version     text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('agency', 'marac')),
        title       text NOT NULL,
        document    jsonb NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        imported_by uuid REFERENCES app_user (id),
        UNIQUE (key, version)
      )`);
    await db.query(`
      CREATE TABLE framework_standard (
        framework_id uuid NOT NULL REFERENCES standards_framework (id),
        code         text NOT NULL,
        theme_id     text NOT NULL,
        theme_title  text NOT NULL,
        statement    text NOT NULL,
        evidence     text NOT NULL,
        sectors      text[] NOT NULL,
        quick_win    boolean NOT NULL,
        position     integer NOT NULL,
        PRIMARY KEY (framework_id, code)
      )`);

    // An area signs up to one framework of each kind at a time; its list can then be tailored.
    await db.query(`
      CREATE TABLE standards_adoption (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_code    varchar(9) NOT NULL REFERENCES area (code),
        framework_id uuid NOT NULL REFERENCES standards_framework (id),
        kind         text NOT NULL CHECK (kind IN ('agency', 'marac')),
        adopted_at   timestamptz NOT NULL DEFAULT now(),
        adopted_by   uuid REFERENCES app_user (id),
        is_current   boolean NOT NULL DEFAULT true
      )`);
    await db.query(
      'CREATE UNIQUE INDEX standards_adoption_current_key ON standards_adoption (area_code, kind) WHERE is_current',
    );
    await db.query(`
      CREATE TABLE adopted_standard (
        adoption_id uuid NOT NULL REFERENCES standards_adoption (id),
        code        text NOT NULL,
        theme_id    text NOT NULL,
        theme_title text NOT NULL,
        statement   text NOT NULL,
        evidence    text NOT NULL,
        sectors     text[] NOT NULL,
        quick_win   boolean NOT NULL,
        position    integer NOT NULL,
        origin      text NOT NULL CHECK (origin IN ('framework', 'local')),
        active      boolean NOT NULL DEFAULT true,
        PRIMARY KEY (adoption_id, code)
      )`);

    await db.query(`
      CREATE TABLE audit (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id     uuid REFERENCES agency (id),
        marac_id      uuid REFERENCES marac (id),
        adoption_id   uuid NOT NULL REFERENCES standards_adoption (id),
        period        text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
        status        text NOT NULL CHECK (status IN ('draft', 'submitted')),
        version       integer CHECK (version >= 1),
        is_current    boolean NOT NULL DEFAULT false,
        superseded_by uuid REFERENCES audit (id),
        created_by    uuid NOT NULL REFERENCES app_user (id),
        created_at    timestamptz NOT NULL DEFAULT now(),
        submitted_by  uuid REFERENCES app_user (id),
        submitted_at  timestamptz,
        CHECK ((agency_id IS NULL) <> (marac_id IS NULL)),
        CHECK ((status = 'submitted') = (version IS NOT NULL AND submitted_at IS NOT NULL))
      )`);
    await db.query(
      `CREATE UNIQUE INDEX audit_one_draft_key ON audit (coalesce(agency_id, marac_id), period) WHERE status = 'draft'`,
    );
    await db.query(
      'CREATE UNIQUE INDEX audit_current_key ON audit (coalesce(agency_id, marac_id), period) WHERE is_current',
    );

    // The self-rating and the moderated rating are both kept; the moderated one counts when present.
    await db.query(`
      CREATE TABLE audit_rating (
        audit_id          uuid NOT NULL REFERENCES audit (id),
        code              text NOT NULL,
        self_rating       text CHECK (self_rating IN ('met', 'partly_met', 'not_met', 'not_applicable')),
        evidence_ref      text CHECK (length(evidence_ref) <= 120),
        action            text CHECK (length(action) <= 300),
        target_date       date,
        moderated_rating  text CHECK (moderated_rating IN ('met', 'partly_met', 'not_met', 'not_applicable')),
        moderation_reason text CHECK (length(moderation_reason) <= 300),
        moderated_by      uuid REFERENCES app_user (id),
        moderated_at      timestamptz,
        PRIMARY KEY (audit_id, code),
        CHECK ((moderated_rating IS NULL) = (moderation_reason IS NULL))
      )`);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
