import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case-level episodes get a typed table of their own, one column per field of the case-level data
 * dictionary. They are by far the most numerous rows Waymark keeps (millions a year nationally):
 * typed columns take about a third of the space of the JSON they replace and let the warehouse be
 * rebuilt from plain column values. Rows already stored move across in the same transaction.
 */
export class CaseEpisodes1795434900000 implements MigrationInterface {
  name = 'CaseEpisodes1795434900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_episode (
        submission_id              uuid NOT NULL,
        row_number                 integer NOT NULL,
        person_key                 text NOT NULL CHECK (person_key ~ '^[0-9a-f]{64}$'),
        referral_month             text NOT NULL CHECK (referral_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        role                       text,
        asked                      boolean,
        disclosed                  boolean,
        disclosure_timing          text,
        disclosure_recency         text,
        abuse_types                text[],
        substances                 text[],
        gender                     text,
        age_band                   text,
        ethnic_group               text,
        disabled                   boolean,
        lgbt                       boolean,
        first_language_not_english boolean,
        children_in_household      boolean,
        referred_to                text,
        referral_engaged           boolean,
        marac_referral             boolean,
        repeat                     boolean
      )`);
    // Keys are added after the move: checked once over the whole table rather than row by row.
    await db.query(`
      INSERT INTO case_episode
      SELECT r.submission_id, r.row_number, x.*
      FROM submission s JOIN submission_row r ON r.submission_id = s.id
      CROSS JOIN LATERAL jsonb_to_record(r.data) AS x(
        person_key text, referral_month text, role text, asked boolean, disclosed boolean, disclosure_timing text,
        disclosure_recency text, abuse_types text[], substances text[], gender text, age_band text, ethnic_group text,
        disabled boolean, lgbt boolean, first_language_not_english boolean, children_in_household boolean,
        referred_to text, referral_engaged boolean, marac_referral boolean, repeat boolean)
      WHERE s.return_type = 'case-level'`);
    await db.query('ALTER TABLE case_episode ADD PRIMARY KEY (submission_id, row_number)');
    await db.query('ALTER TABLE case_episode ADD FOREIGN KEY (submission_id) REFERENCES submission (id)');
    await db.query(
      `DELETE FROM submission_row r USING submission s WHERE s.id = r.submission_id AND s.return_type = 'case-level'`,
    );
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Waymark migrations are forward-only'));
  }
}
