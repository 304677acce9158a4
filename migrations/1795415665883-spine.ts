import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Geography, agencies, Maracs, users, role scopes and sessions. */
export class Spine1795415665883 implements MigrationInterface {
  name = 'Spine1795415665883';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE area (
        code              varchar(9) PRIMARY KEY CHECK (code ~ '^[EW][0-9]{8}$'),
        name              text NOT NULL,
        type              text NOT NULL CHECK (type IN ('lad', 'csp', 'pfa')),
        parent_code       varchar(9) REFERENCES area (code),
        females_16plus    integer CHECK (females_16plus >= 0),
        population_source text
      )`);
    await db.query('CREATE INDEX area_parent_idx ON area (parent_code)');

    await db.query(`
      CREATE TABLE agency (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name                text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
        sector              text NOT NULL,
        area_code           varchar(9) NOT NULL REFERENCES area (code),
        joint_working_model text,
        active              boolean NOT NULL DEFAULT true,
        created_at          timestamptz NOT NULL DEFAULT now(),
        UNIQUE (area_code, name)
      )`);
    await db.query('CREATE INDEX agency_area_idx ON agency (area_code)');

    await db.query(`
      CREATE TABLE marac (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name       text NOT NULL UNIQUE,
        area_code  varchar(9) NOT NULL REFERENCES area (code),
        active     boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX marac_area_idx ON marac (area_code)');

    await db.query(`
      CREATE TABLE app_user (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email         text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
        display_name  text NOT NULL,
        password_hash text NOT NULL,
        role          text NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer', 'agency_submitter', 'marac_coordinator')),
        agency_id     uuid REFERENCES agency (id),
        marac_id      uuid REFERENCES marac (id),
        active        boolean NOT NULL DEFAULT true,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'agency_submitter') = (agency_id IS NOT NULL)),
        CHECK ((role = 'marac_coordinator') = (marac_id IS NOT NULL))
      )`);
    await db.query('CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))');

    // Analysts and viewers see the areas granted here and every area inside them.
    await db.query(`
      CREATE TABLE user_area (
        user_id   uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        area_code varchar(9) NOT NULL REFERENCES area (code),
        PRIMARY KEY (user_id, area_code)
      )`);

    // Only a hash of the session token is stored, so a database read cannot hijack a session.
    await db.query(`
      CREATE TABLE user_session (
        token_hash bytea PRIMARY KEY,
        user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX user_session_user_idx ON user_session (user_id)');
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
