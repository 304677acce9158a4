import { Injectable } from '@nestjs/common';
import type { Role } from '@waymark/domain';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../auth/session.repository.js';

/** An account as administrators see it: who it is, its role's link, and its granted areas. */
export interface UserView extends SessionUser {
  areaCodes: string[];
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

const SELECT_USER = `
  SELECT u.id, u.email, u.display_name AS "displayName", u.role, u.agency_id AS "agencyId", u.marac_id AS "maracId", u.active,
         coalesce(array_agg(ua.area_code ORDER BY ua.area_code) FILTER (WHERE ua.area_code IS NOT NULL), '{}') AS "areaCodes"
  FROM app_user u LEFT JOIN user_area ua ON ua.user_id = u.id`;

@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  list(): Promise<UserView[]> {
    return this.db.query(`${SELECT_USER} GROUP BY u.id ORDER BY u.role, lower(u.email)`);
  }

  async find(id: string): Promise<UserView | null> {
    const rows = await this.db.query(`${SELECT_USER} WHERE u.id = $1 GROUP BY u.id`, [id]);
    return rows[0] ?? null;
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM app_user WHERE lower(email) = lower($1)', [email])).length > 0;
  }

  async exists(table: 'agency' | 'marac', id: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;
  }

  async insert(user: NewUser): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        'INSERT INTO app_user (email, display_name, password_hash, role, agency_id, marac_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [user.email, user.displayName, user.passwordHash, user.role, user.agencyId, user.maracId],
      );
      await tx.query('INSERT INTO user_area (user_id, area_code) SELECT $1, unnest($2::varchar[])', [row.id, user.areaCodes]);
      return row.id as string;
    });
  }

  /** Changes what an account may do; its sessions end so the change takes effect at once. */
  async update(id: string, change: { displayName: string; active: boolean; areaCodes: string[] | null }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE app_user SET display_name = $2, active = $3 WHERE id = $1', [id, change.displayName, change.active]);
      if (change.areaCodes) {
        await tx.query('DELETE FROM user_area WHERE user_id = $1', [id]);
        await tx.query('INSERT INTO user_area (user_id, area_code) SELECT $1, unnest($2::varchar[])', [id, change.areaCodes]);
      }
      await tx.query('DELETE FROM user_session WHERE user_id = $1', [id]);
    });
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE app_user SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
      await tx.query('DELETE FROM user_session WHERE user_id = $1', [id]);
    });
  }
}
