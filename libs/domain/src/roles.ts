import type { CodeList } from './code-list.js';

export type Role = 'admin' | 'analyst' | 'viewer' | 'agency_submitter' | 'marac_coordinator';

export const ROLES: CodeList<Role> = [
  {
    code: 'admin',
    label: 'Administrator',
    description: 'Manages areas, agencies, users and roles across the whole system.',
  },
  {
    code: 'analyst',
    label: 'Analyst (commissioner)',
    description: 'Reads exact figures for their areas, compares areas, moderates audits.',
  },
  {
    code: 'viewer',
    label: 'Viewer (steering group or CSP member)',
    description: 'Reads dashboards for their areas with small numbers suppressed.',
  },
  { code: 'agency_submitter', label: 'Agency submitter', description: 'Sends returns and self-audits for one agency.' },
  { code: 'marac_coordinator', label: 'Marac coordinator', description: 'Sends the quarterly return for one Marac.' },
];

/**
 * Roles whose scope is a list of granted areas (rather than one agency or one Marac); also the only roles an analyst may give and manage (within their areas):
 * never administrators, nor accounts tied to an agency or Marac, which read its own returns and
 * whose password whoever makes them learns.
 */
export const AREA_GRANTED_ROLES: readonly Role[] = ['analyst', 'viewer'];

/** Roles that see exact figures; everyone else gets disclosure-controlled output. */
export function seesExactFigures(role: Role): boolean {
  return role === 'admin' || role === 'analyst';
}
