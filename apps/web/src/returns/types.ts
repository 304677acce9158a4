import type { ReturnType } from '@waymark/domain';

/** Which return types a role may send. */
export function typesFor(role: string, all: readonly ReturnType[]): readonly ReturnType[] {
  if (role === 'admin') return all;
  if (role === 'agency_submitter') return all.filter((t) => t.submittedBy === 'agency');
  if (role === 'marac_coordinator') return all.filter((t) => t.submittedBy === 'marac');
  return [];
}
