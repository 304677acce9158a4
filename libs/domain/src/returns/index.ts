import { AGENCY_QUARTER } from './agency-quarter.js';
import { CASE_LEVEL } from './case-level.js';
import { MARAC_QUARTER } from './marac-quarter.js';
import type { ReturnType, ReturnTypeId } from './return-type.js';

export * from './anonymity.js';
export * from './access.js';
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
export * from './completeness.js';
