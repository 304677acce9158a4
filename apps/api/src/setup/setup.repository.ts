import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How long a set-up link works. */
export const SETUP_LINK_HOURS = 24;

export interface SetupTokenState {
  spent: boolean;
  expired: boolean;
}

export interface FirstAdministrator {
  email: string;
  displayName: string;
  passwordHash: string;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest();
const ANY_ACTIVE_ADMINISTRATOR = "SELECT 1 FROM app_user WHERE role = 'admin' AND active LIMIT 1";

/**
 * One-time set-up links, kept only as hashes. Used by the API and at start-up, before the API runs,
 * so it takes the data source itself.
 */
@Injectable()
export class SetupRepository {
  constructor(private readonly db: DataSource) {}

  async administratorExists(): Promise<boolean> {
    return (await this.db.query<unknown[]>(ANY_ACTIVE_ADMINISTRATOR)).length > 0;
  }

  /** A new random token, valid for SETUP_LINK_HOURS; every earlier unspent token stops working. */
  async issue(): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE setup_token SET expires_at = now() WHERE spent_at IS NULL AND expires_at > now()');
      await tx.query(
        `INSERT INTO setup_token (token_hash, expires_at) VALUES ($1, now() + interval '${SETUP_LINK_HOURS} hours')`,
        [hashOf(token)],
      );
    });
    return token;
  }

  async state(token: string): Promise<SetupTokenState | null> {
    const rows = await this.db.query<SetupTokenState[]>(
      'SELECT spent_at IS NOT NULL AS spent, expires_at <= now() AS expired FROM setup_token WHERE token_hash = $1',
      [hashOf(token)],
    );
    return rows[0] ?? null;
  }

  /**
   * Creates the first administrator and spends the token, in one transaction that holds the token's
   * row: of two requests at once, one wins. Returns the new account's id, or a reason it was not made.
   */
  createAdministrator(
    token: string,
    admin: FirstAdministrator,
  ): Promise<{ id: string } | { refused: 'token' | 'email' }> {
    return this.db.transaction(async (tx) => {
      const [usable] = await tx.query<unknown[]>(
        'SELECT 1 FROM setup_token WHERE token_hash = $1 AND spent_at IS NULL AND expires_at > now() FOR UPDATE',
        [hashOf(token)],
      );
      if (!usable || (await tx.query<unknown[]>(ANY_ACTIVE_ADMINISTRATOR)).length) return { refused: 'token' as const };
      const [user] = await tx.query<{ id: string }[]>(
        "INSERT INTO app_user (email, display_name, password_hash, role) VALUES ($1, $2, $3, 'admin') ON CONFLICT DO NOTHING RETURNING id",
        [admin.email, admin.displayName, admin.passwordHash],
      );
      if (!user) return { refused: 'email' as const };
      await tx.query('UPDATE setup_token SET spent_at = now(), spent_by = $2 WHERE token_hash = $1', [
        hashOf(token),
        user.id,
      ]);
      return { id: user.id };
    });
  }
}
