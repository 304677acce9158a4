import type { Agency, Area, Marac, Person } from '@waymark/domain';
import { api } from '../api';

/** A role and what it is tied to, as the forms hold it. */
export interface Scope {
  role: string;
  agencyId: string;
  maracId: string;
  areaCodes: string[];
}

/** What a person may be tied to: the agencies, Maracs and areas the signed-in person can see. */
export interface ScopeChoices {
  agencies: Agency[];
  maracs: Marac[];
  areas: Area[];
}

export const loadScopeChoices = async (): Promise<ScopeChoices> => {
  const [agencies, maracs, areas] = await Promise.all([
    api<Agency[]>('/agencies'),
    api<Marac[]>('/maracs'),
    api<Area[]>('/areas'),
  ]);
  return { agencies, maracs, areas };
};

export const scopeOf = (p: Person): Scope => ({
  role: p.role,
  agencyId: p.agencyId ?? '',
  maracId: p.maracId ?? '',
  areaCodes: p.areaCodes.length ? p.areaCodes : [''],
});

/** The request body for a role: the role and only the link it has (the API refuses the others). */
export function scopeBody(scope: Scope): Record<string, unknown> {
  if (scope.role === 'agency_submitter') return { role: scope.role, agencyId: scope.agencyId || undefined };
  if (scope.role === 'marac_coordinator') return { role: scope.role, maracId: scope.maracId || undefined };
  if (scope.role === 'analyst' || scope.role === 'viewer')
    return { role: scope.role, areaCodes: scope.areaCodes.filter(Boolean) };
  return { role: scope.role || undefined };
}

/** Where a person's access lies, in words. */
export function scopeWords(p: Person, areaName: (code: string) => string): string {
  if (p.agencyName) return p.agencyName;
  if (p.maracName) return p.maracName;
  return p.areaCodes.length ? p.areaCodes.map(areaName).join(', ') : 'Everything';
}

/** Form field ids for the API's field names, so the error summary links to the right control. */
export const FIELD_IDS: Record<string, string> = {
  role: 'role',
  agencyId: 'agencyId',
  maracId: 'maracId',
  areaCodes: 'areaCodes-0',
};
