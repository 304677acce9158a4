import type { FieldDef } from './fields.js';
import type { RuleDef } from './rules.js';

export type ReturnTypeId = 'agency-quarter' | 'marac-quarter' | 'case-level';

/** One kind of return, declared once: everything else (validation, templates, forms, warehouse) derives from it. */
export interface ReturnType {
  readonly id: ReturnTypeId;
  readonly title: string;
  readonly description: string;
  /** Who sends it: an agency or a Marac. */
  readonly submittedBy: 'agency' | 'marac';
  /** `single` returns are one row of counts; `rows` returns are one row per anonymised episode. */
  readonly shape: 'single' | 'rows';
  /** Scheduled every quarter for a new agency or Marac by default, or sent only by agencies that can. */
  readonly expected: boolean;
  readonly fields: readonly FieldDef[];
  readonly rules: readonly RuleDef[];
}

export function fieldOf(type: ReturnType, key: string): FieldDef | undefined {
  return type.fields.find((f) => f.key === key);
}

export function labelFor(type: ReturnType): (key: string) => string {
  return (key) => fieldOf(type, key)?.label ?? key;
}
