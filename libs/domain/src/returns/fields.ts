import type { Code, CodeList } from '../code-list.js';

/**
 * What a field holds. `count` is a whole number of people, cases or events; `share` allows
 * fractions (a Marac case referred jointly by two agencies counts half to each).
 */
export type FieldKind = 'count' | 'share' | 'code' | 'codes' | 'yes_no' | 'month' | 'person_key';

export interface FieldDef {
  readonly key: string;
  readonly label: string;
  readonly help: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** The section of the form and template the field sits in. */
  readonly group: string;
  /** What a count counts, for labels and charts. */
  readonly unit?: string;
  readonly codes?: CodeList<string, object>;
}

/** Largest value any count may take: larger numbers are typing mistakes, not services. */
export const MAX_COUNT = 1_000_000;

/** Small builders so each return's declaration reads as a list of fields. */
export const field = {
  count: (key: string, label: string, help: string, group: string, unit = 'people', required = true): FieldDef => ({
    key,
    label,
    help,
    kind: 'count',
    required,
    group,
    unit,
  }),
  share: (key: string, label: string, help: string, group: string, unit = 'cases'): FieldDef => ({
    key,
    label,
    help,
    kind: 'share',
    required: true,
    group,
    unit,
  }),
  code: (
    key: string,
    label: string,
    help: string,
    group: string,
    codes: CodeList<string, object>,
    required = false,
  ): FieldDef => ({ key, label, help, kind: 'code', required, group, codes }),
  codes: (key: string, label: string, help: string, group: string, codes: CodeList<string, object>): FieldDef => ({
    key,
    label,
    help,
    kind: 'codes',
    required: false,
    group,
    codes,
  }),
  yesNo: (key: string, label: string, help: string, group: string, required = false): FieldDef => ({
    key,
    label,
    help,
    kind: 'yes_no',
    required,
    group,
  }),
};

/** One count per code (for example one count per abuse type), keyed `<prefix>_<code>`. */
export function countsPerCode(
  prefix: string,
  codes: CodeList<string, object>,
  help: (c: Code) => string,
  group: string,
  unit = 'people',
): FieldDef[] {
  return codes.map((c) => field.count(`${prefix}_${c.code}`, c.label, help(c), group, unit));
}

/** How a field's values are written in a CSV or spreadsheet cell, for the template guide. */
export function formatHint(f: FieldDef): string {
  switch (f.kind) {
    case 'count':
      return `Whole number, 0 to ${MAX_COUNT.toLocaleString('en-GB')}`;
    case 'share':
      return 'Number, 0 or more; up to 2 decimal places (half a case is 0.5)';
    case 'code':
      return `One of: ${f.codes!.map((c) => c.code).join(', ')}`;
    case 'codes':
      return `None, one or more of, separated by semicolons: ${f.codes!.map((c) => c.code).join(', ')}`;
    case 'yes_no':
      return 'yes or no';
    case 'month':
      return 'Year and month, like 2025-04 (never a full date)';
    case 'person_key':
      return '64 hexadecimal characters: a keyed hash made at your agency, never a name or number';
  }
}
