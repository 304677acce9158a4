/** Injection tokens for values made at start-up rather than by Nest. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const WAREHOUSE = Symbol('WAREHOUSE');
export const DATABASE_INFO = Symbol('DATABASE_INFO');

export interface DatabaseInfo {
  embedded: boolean;
  migrationsApplied: number;
}
