import { AGENCY_QUARTER } from './agency-quarter.js';
import { CASE_LEVEL } from './case-level.js';
import { MARAC_QUARTER } from './marac-quarter.js';
import type { ReturnType, ReturnTypeId } from './return-type.js';

export * from './anonymity.js';
export * from './access.js';
export * from './cell-limits.js';
export * from './cells.js';
export * from './code-lists.js';
export * from './derive.js';
export * from './fields.js';
export * from './return-type.js';
export * from './rules.js';
export * from './schema.js';
export * from './validate.js';
export { AGENCY_QUARTER, CASE_LEVEL, MARAC_QUARTER };

export const RETURN_TYPES: readonly ReturnType[] = [AGENCY_QUARTER, MARAC_QUARTER, CASE_LEVEL];

export function returnTypeById(id: string): ReturnType | undefined {
  return RETURN_TYPES.find((t) => t.id === (id as ReturnTypeId));
}

/** Who sends returns and so can be scheduled to: an agency or a Marac. */
export type OwnerKind = ReturnType['submittedBy'];

export function returnTypesSentBy(kind: OwnerKind): ReturnType[] {
  return RETURN_TYPES.filter((t) => t.submittedBy === kind);
}

/** The quarterly return a new agency or Marac is scheduled to send unless someone says otherwise. */
export function defaultReturnType(kind: OwnerKind): ReturnType {
  return returnTypesSentBy(kind).find((t) => t.expected)!;
}
export * from './completeness.js';
export * from './schedules.js';
