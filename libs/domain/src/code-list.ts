/** One entry of a controlled vocabulary: a stable machine code and the words people read. */
export interface Code<C extends string = string> {
  readonly code: C;
  readonly label: string;
  readonly description?: string;
}

/** A code list; `X` adds fields particular to that list. */
export type CodeList<C extends string = string, X = unknown> = readonly (Code<C> & X)[];

/** Codes of a list, in declaration order. */
export function codesOf<C extends string>(list: CodeList<C>): C[] {
  return list.map((entry) => entry.code);
}

export function isCodeIn<C extends string>(list: CodeList<C>, value: unknown): value is C {
  return typeof value === 'string' && list.some((entry) => entry.code === value);
}

export function labelOf<C extends string>(list: CodeList<C>, code: C): string {
  const entry = list.find((e) => e.code === code);
  if (!entry) throw new Error(`Unknown code "${code}"`);
  return entry.label;
}
