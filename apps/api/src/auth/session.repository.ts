import { Injectable } from '@nestjs/common';
import type { Role } from '@waymark/domain';
import { DataSource } from 'typeorm';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  agencyId: string | null;
  maracId: string | null;
  /** The password was made for them (on invitation or reset): they choose their own first. */
  mustChangePassword: boolean;
}

export interface LoginCandidate extends SessionUser {
  passwordHash: string;
  active: boolean;
}

const USER_COLUMNS =
  'u.id, u.email, u.display_name AS "displayName", u.role, u.agency_id AS "agencyId", u.marac_id AS "maracId", u.must_change_password AS "mustChangePassword"';

@Injectable()
export class SessionRepository {
  constructor(private readonly db: DataSource) {}

  async findLoginCandidate(email: string): Promise<LoginCandidate | null> {
    const rows = await this.db.query<LoginCandidate[]>(
      `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash", u.active FROM app_user u WHERE lower(u.email) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  async create(tokenHash: Buffer, userId: string, hours: number): Promise<void> {
    await this.db.query(
      `INSERT INTO user_session (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [tokenHash, userId, hours],
    );
  }

  /** The active user behind an unexpired session, or null. */
  async findUser(tokenHash: Buffer): Promise<SessionUser | null> {
    const rows = await this.db.query<SessionUser[]>(
      `SELECT ${USER_COLUMNS} FROM user_session s JOIN app_user u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** The person's own new password: chosen now, so every other session of theirs ends. */
  async choosePassword(userId: string, passwordHash: string, keepSession: Buffer): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE app_user SET password_hash = $2, must_change_password = false WHERE id = $1', [
        userId,
        passwordHash,
      ]);
      await tx.query('DELETE FROM user_session WHERE user_id = $1 AND token_hash <> $2', [userId, keepSession]);
    });
  }

  async passwordHashOf(userId: string): Promise<string | null> {
    return (
      (
        await this.db.query<{ passwordHash: string }[]>(
          'SELECT password_hash AS "passwordHash" FROM app_user WHERE id = $1',
          [userId],
        )
      )[0]?.passwordHash ?? null
    );
  }

  async delete(tokenHash: Buffer): Promise<void> {
    await this.db.query('DELETE FROM user_session WHERE token_hash = $1', [tokenHash]);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.query('DELETE FROM user_session WHERE user_id = $1', [userId]);
  }

  async deleteExpired(): Promise<void> {
    await this.db.query('DELETE FROM user_session WHERE expires_at <= now()');
  }
}
