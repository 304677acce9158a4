import type { MigrationInterface, QueryRunner } from 'typeorm';

const QUARTER = `'^20[0-9]{2}-[0-9]{2} Q[1-4]$'`;

/** The financial quarter label (2025-26 Q1) of a moment, by the UK calendar. */
const quarterOf = (column: string) => `(
  SELECT format('%s-%s Q%s', y, lpad(((y + 1) % 100)::text, 2, '0'), (extract(month FROM d)::int + 8) % 12 / 3 + 1)
  FROM (SELECT d, extract(year FROM d)::int - CASE WHEN extract(month FROM d) < 4 THEN 1 ELSE 0 END AS y
        FROM (SELECT (${column} AT TIME ZONE 'Europe/London')::date AS d) AS day) AS fy)`;

/**
 * Which agencies and Maracs are due to send which returns, from which quarter and until which.
 * Until now every active agency owed an agency-quarter return and every active Marac a marac-quarter
 * return each quarter; each is given that schedule, from the earlier of the quarter it was created
 * in and the first quarter it sent a return for, so completeness keeps counting what it counted.
 * Quarter labels are compared as text: in the C collation their order is the quarters' order.
 */
export class ReturnSchedules1796271000000 implements MigrationInterface {
  name = 'ReturnSchedules1796271000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE return_schedule (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id    uuid REFERENCES agency (id),
        marac_id     uuid REFERENCES marac (id),
        return_type  text NOT NULL,
        from_period  text COLLATE "C" NOT NULL CHECK (from_period ~ ${QUARTER}),
        until_period text COLLATE "C" CHECK (until_period ~ ${QUARTER} AND until_period >= from_period),
        created_at   timestamptz NOT NULL DEFAULT now(),
        created_by   uuid REFERENCES app_user (id),
        CHECK ((agency_id IS NULL) <> (marac_id IS NULL))
      )`);
    await db.query(
      'CREATE INDEX return_schedule_agency_idx ON return_schedule (agency_id) WHERE agency_id IS NOT NULL',
    );
    await db.query('CREATE INDEX return_schedule_marac_idx ON return_schedule (marac_id) WHERE marac_id IS NOT NULL');
    for (const [table, column, type] of [
      ['agency', 'agency_id', 'agency-quarter'],
      ['marac', 'marac_id', 'marac-quarter'],
    ]) {
      await db.query(`
        INSERT INTO return_schedule (${column}, return_type, from_period)
        SELECT o.id, '${type}', least(${quarterOf('o.created_at')} COLLATE "C", (
          SELECT min(s.period COLLATE "C") FROM submission s WHERE s.${column} = o.id AND s.period ~ ${QUARTER}))
        FROM ${table} o`);
    }
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
