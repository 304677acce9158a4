import type { Problem } from '../returns/validate.js';

/** How an answer's figures were published for the reader: small numbers hidden and rounded, or exact. */
export interface DisclosureReport {
  applied: boolean;
  threshold: number;
  roundingBase: number;
  /** Figures this answer withheld. */
  suppressedCells: number;
  /** The rule in plain words, for the page. */
  note: string;
}

/** The area, sector and quarters (labels such as "2025-26 Q1") an analytics answer covers. */
export interface AnswerRange {
  area: string | null;
  sector: string | null;
  from: string;
  to: string;
}

/** A form field the API refused, and why (`errors` of a 422 from a form). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Every refusal (4xx) has this shape: `problems` always, `errors` when a form's fields were refused,
 * and sometimes more (for example `identifiersFound` on a refused return).
 */
export interface Refusal {
  statusCode: number;
  message: string;
  problems: Problem[];
  errors?: FieldProblem[];
  [extra: string]: unknown;
}
