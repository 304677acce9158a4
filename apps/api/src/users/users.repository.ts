import { Injectable } from '@nestjs/common';
import type { Role } from '@waymark/domain';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../auth/session.repository.js';

/** An account as the people who manage it see it: who it is, its role's link, and its granted areas. */
export interface UserView extends SessionUser {
  agencyName: string | null;
  maracName: string | null;
  areaCodes: string[];
  /** Where the account's access comes from: its agency's or Marac's area, or its granted areas (none for administrators). */
  scopeAreaCodes: string[];
  active: boolean;
}

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  agencyId: string | null;
  maracId: string | null;
  areaCodes: string[];
}

export interface PeopleFilter {
  /** Only people whose access lies wholly inside these areas (and never administrators); null for everyone. */
  managedWithin: string[] | null;
  id?: string;
  role?: Role | null;
  /** People whose access touches this area or an area inside it. */
  areaCode?: string | null;
  active?: boolean | null;
}

const SELECT_PEOPLE = `
  WITH RECURSIVE within_area AS (
    SELECT code FROM area WHERE code = $3
    UNION SELECT a.code FROM area a JOIN within_area w ON a.parent_code = w.code
  ), people AS (
    SELECT u.id, u.email, u.display_name AS "displayName", u.role, u.agency_id AS "agencyId", g.name AS "agencyName",
           u.marac_id AS "maracId", m.name AS "maracName", u.active,
           coalesce(array_agg(ua.area_code ORDER BY ua.area_code) FILTER (WHERE ua.area_code IS NOT NULL), '{}')::text[] AS "areaCodes",
           CASE u.role WHEN 'agency_submitter' THEN array_remove(ARRAY[g.area_code::text], NULL)
                       WHEN 'marac_coordinator' THEN array_remove(ARRAY[m.area_code::text], NULL)
                       ELSE coalesce(array_agg(ua.area_code ORDER BY ua.area_code) FILTER (WHERE ua.area_code IS NOT NULL), '{}')::text[] END AS "scopeAreaCodes"
    FROM app_user u LEFT JOIN agency g ON g.id = u.agency_id LEFT JOIN marac m ON m.id = u.marac_id LEFT JOIN user_area ua ON ua.user_id = u.id
    GROUP BY u.id, g.id, m.id
  )
  SELECT * FROM people
  WHERE ($1::text[] IS NULL OR (role <> 'admin' AND cardinality("scopeAreaCodes") > 0 AND "scopeAreaCodes" <@ $1::text[]))
    AND ($2::uuid IS NULL OR id = $2)
    AND ($3::text IS NULL OR "scopeAreaCodes" && ARRAY(SELECT code::text FROM within_area))
    AND ($4::text IS NULL OR role = $4) AND ($5::boolean IS NULL OR active = $5)
  ORDER BY lower("displayName"), lower(email)`;

@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  list(filter: PeopleFilter): Promise<UserView[]> {
    return this.db.query(SELECT_PEOPLE, [
      filter.managedWithin,
      filter.id ?? null,
      filter.areaCode ?? null,
      filter.role ?? null,
      filter.active ?? null,
    ]);
  }

  async find(managedWithin: string[] | null, id: string): Promise<UserView | null> {
    return (await this.list({ managedWithin, id }))[0] ?? null;
  }

  async emailTaken(email: string): Promise<boolean> {
    return (
      (await this.db.query<unknown[]>('SELECT 1 FROM app_user WHERE lower(email) = lower($1)', [email])).length > 0
    );
  }

  /** The area of an agency or Marac, or null when there is none with that id. */
  async areaOf(table: 'agency' | 'marac', id: string): Promise<string | null> {
    return (
      (
        await this.db.query<{ areaCode: string }[]>(`SELECT area_code AS "areaCode" FROM ${table} WHERE id = $1`, [id])
      )[0]?.areaCode ?? null
    );
  }

  async insert(user: NewUser): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }[]>(
        'INSERT INTO app_user (email, display_name, password_hash, role, agency_id, marac_id, must_change_password) VALUES ($1, $2, $3, $4, $5, $6, true) RETURNING id',
        [user.email, user.displayName, user.passwordHash, user.role, user.agencyId, user.maracId],
      );
      await tx.query('INSERT INTO user_area (user_id, area_code) SELECT $1, unnest($2::varchar[])', [
        row.id,
        user.areaCodes,
      ]);
      return row.id;
    });
  }

  /** Changes what an account may do; its sessions end so the change takes effect at once. */
  async update(
    id: string,
    change: {
      displayName: string;
      active: boolean;
      role: Role;
      agencyId: string | null;
      maracId: string | null;
      areaCodes: string[];
    },
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        'UPDATE app_user SET display_name = $2, active = $3, role = $4, agency_id = $5, marac_id = $6 WHERE id = $1',
        [id, change.displayName, change.active, change.role, change.agencyId, change.maracId],
      );
      await tx.query('DELETE FROM user_area WHERE user_id = $1', [id]);
      await tx.query('INSERT INTO user_area (user_id, area_code) SELECT $1, unnest($2::varchar[])', [
        id,
        change.areaCodes,
      ]);
      await tx.query('DELETE FROM user_session WHERE user_id = $1', [id]);
    });
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE app_user SET password_hash = $2, must_change_password = true WHERE id = $1', [
        id,
        passwordHash,
      ]);
      await tx.query('DELETE FROM user_session WHERE user_id = $1', [id]);
    });
  }
}
