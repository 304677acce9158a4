import type { Role } from '../roles.js';

/** The person signed in: POST /api/auth/login. */
export interface SignedInPerson {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  agencyId: string | null;
  maracId: string | null;
  /** Signed in with a password made for them: they choose their own before anything else. */
  mustChangePassword: boolean;
}

/** GET /api/auth/me: the person signed in and the areas they see (null for every area). */
export interface CurrentPerson extends SignedInPerson {
  areaCodes: string[] | null;
}

/** A person and their access: GET /api/users (a list), GET /api/users/:id and PATCH /api/users/:id. */
export interface Person {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  agencyId: string | null;
  agencyName: string | null;
  maracId: string | null;
  maracName: string | null;
  /** The areas granted to an analyst or viewer. */
  areaCodes: string[];
  /** Where the account's access comes from: its agency's or Marac's area, or its granted areas (none for administrators). */
  scopeAreaCodes: string[];
  active: boolean;
}

/** POST /api/users: the new account and its first password, shown once. */
export interface InvitedPerson {
  user: Person;
  initialPassword: string;
}

/** POST /api/users/:id/password-reset: the new password, shown once. */
export interface PasswordReset {
  newPassword: string;
}
