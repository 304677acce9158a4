import type { Role } from '../roles.js';
import type { ReturnType } from './return-type.js';

/**
 * What someone may read of one stored return:
 * - `values`: its stored values and the file rebuilt from them (and its listing);
 * - `listing`: that it exists, who sent it, when, its versions and size, but none of its values;
 * - `none`: nothing (the route answers as if it did not exist, or refuses the role outright).
 */
export type ReturnAccess = 'values' | 'listing' | 'none';

export interface ReturnReader {
  role: Role;
  agencyId: string | null;
  maracId: string | null;
}

export interface ReturnOwner {
  agencyId: string | null;
  maracId: string | null;
}

/** Viewers read analytics only: no return, not even that one exists. */
export const READS_RETURNS: readonly Role[] = ['admin', 'analyst', 'agency_submitter', 'marac_coordinator'];

/**
 * The one rule for reading returns (scope, checked elsewhere, limits it further to the reader's areas).
 * The agency or Marac that sent a return reads all of it. Administrators and analysts read the figures
 * of quarterly returns, which are counts already; case-level rows, one per person's episode, never
 * leave the server except to the agency that made them, so for everyone else they are listing only.
 * Agency submitters and Marac coordinators read nothing of anyone else's; viewers read no returns.
 */
export function returnAccess(reader: ReturnReader, type: Pick<ReturnType, 'shape'>, owner: ReturnOwner): ReturnAccess {
  const own =
    (reader.role === 'agency_submitter' && reader.agencyId !== null && reader.agencyId === owner.agencyId) ||
    (reader.role === 'marac_coordinator' && reader.maracId !== null && reader.maracId === owner.maracId);
  if (own) return 'values';
  if (reader.role !== 'admin' && reader.role !== 'analyst') return 'none';
  return type.shape === 'rows' ? 'listing' : 'values';
}
