/**
 * Cross-field rules, declared as data so that each can name its columns and explain itself,
 * and so the web form, the validator and the template guide all read the same list.
 */
export type RuleDef =
  /** every field in `fields` is at most `max` (for example disclosed ≤ asked). */
  | { readonly id: string; readonly kind: 'at_most'; readonly fields: readonly string[]; readonly max: string }
  /** the parts add up exactly to the total (within 0.01 for shares). */
  | { readonly id: string; readonly kind: 'sum_equals'; readonly parts: readonly string[]; readonly total: string }
  /** the parts add up to no more than the total (people may be left unrecorded). */
  | { readonly id: string; readonly kind: 'sum_at_most'; readonly parts: readonly string[]; readonly total: string }
  /** when `field` has a value (or is yes), `needs` must have one too (or be yes). */
  | { readonly id: string; readonly kind: 'needs'; readonly field: string; readonly needs: string }
  /** when `field` has a value (or is yes), `needs` must be yes. */
  | { readonly id: string; readonly kind: 'only_if_yes'; readonly field: string; readonly needs: string };

export type RowValues = Readonly<Record<string, unknown>>;

export interface RuleBreach {
  rule: string;
  column: string;
  message: string;
}

const present = (v: unknown) => v !== null && v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0);
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const EPSILON = 0.005;

/** Checks one rule against one row of already-typed values; rules whose fields are missing are not judged. */
export function checkRule(rule: RuleDef, row: RowValues, labelOf: (key: string) => string): RuleBreach[] {
  switch (rule.kind) {
    case 'at_most': {
      const max = row[rule.max];
      if (typeof max !== 'number') return [];
      return rule.fields.flatMap((f) => {
        const value = row[f];
        if (!(typeof value === 'number' && value > max + EPSILON)) return [];
        return [
          {
            rule: rule.id,
            column: f,
            message: `${labelOf(f)} (${value}) cannot be more than ${labelOf(rule.max)} (${max})`,
          },
        ];
      });
    }
    case 'sum_equals':
    case 'sum_at_most': {
      const total = row[rule.total];
      if (typeof total !== 'number' || rule.parts.some((p) => typeof row[p] !== 'number')) return [];
      const sum = Math.round(rule.parts.reduce((s, p) => s + num(row[p]), 0) * 100) / 100;
      const broken = rule.kind === 'sum_equals' ? Math.abs(sum - total) > EPSILON : sum > total + EPSILON;
      if (!broken) return [];
      const relation = rule.kind === 'sum_equals' ? 'must add up to' : 'cannot add up to more than';
      return [
        {
          rule: rule.id,
          column: rule.parts[0],
          message: `${rule.parts.map(labelOf).join(' + ')} (${sum}) ${relation} ${labelOf(rule.total)} (${total})`,
        },
      ];
    }
    case 'needs':
      return present(row[rule.field]) && !present(row[rule.needs])
        ? [
            {
              rule: rule.id,
              column: rule.needs,
              message: `${labelOf(rule.needs)} is needed when ${labelOf(rule.field)} is given`,
            },
          ]
        : [];
    case 'only_if_yes':
      return present(row[rule.field]) && row[rule.needs] !== true
        ? [
            {
              rule: rule.id,
              column: rule.field,
              message: `${labelOf(rule.field)} can only be given when ${labelOf(rule.needs)} is yes`,
            },
          ]
        : [];
  }
}

/** A sentence describing a rule, for the template guide and the form's hints. */
export function describeRule(rule: RuleDef, labelOf: (key: string) => string): string {
  switch (rule.kind) {
    case 'at_most':
      return `${rule.fields.map(labelOf).join(', ')}: each at most ${labelOf(rule.max)}`;
    case 'sum_equals':
      return `${rule.parts.map(labelOf).join(' + ')} = ${labelOf(rule.total)}`;
    case 'sum_at_most':
      return `${rule.parts.map(labelOf).join(' + ')} ≤ ${labelOf(rule.total)}`;
    case 'needs':
      return `${labelOf(rule.needs)} is needed when ${labelOf(rule.field)} is given`;
    case 'only_if_yes':
      return `${labelOf(rule.field)} only when ${labelOf(rule.needs)} is yes`;
  }
}

/** Every field a rule reads. */
export function ruleFields(rule: RuleDef): readonly string[] {
  switch (rule.kind) {
    case 'at_most':
      return [...rule.fields, rule.max];
    case 'sum_equals':
    case 'sum_at_most':
      return [...rule.parts, rule.total];
    case 'needs':
    case 'only_if_yes':
      return [rule.field, rule.needs];
  }
}
