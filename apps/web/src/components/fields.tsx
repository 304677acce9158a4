import type { ReactNode } from 'react';
import type { FieldProblem } from '@waymark/domain';
import { ApiError } from '../api';

export interface Option {
  code: string;
  label: string;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

/** The ids a control is described by: its hint and its error, when it has them. */
const describedBy = ({ id, hint, error }: FieldProps) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

/** A GOV.UK form group: label, hint and error message around one control. */
function Group({ id, label, hint, error, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="govuk-error-message" id={`${id}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function TextInput(
  props: FieldProps & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'email' | 'password';
    autoComplete?: string;
  },
) {
  const { id, error, value, onChange, type = 'text', autoComplete = 'off' } = props;
  return (
    <Group {...props}>
      <input
        className={`govuk-input${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-describedby={describedBy(props)}
      />
    </Group>
  );
}

export function Select(
  props: FieldProps & { value: string; onChange: (value: string) => void; options: Option[]; placeholder?: string },
) {
  const { id, error, value, onChange, options, placeholder } = props;
  return (
    <Group {...props}>
      <select
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(props)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

export function Textarea(props: FieldProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  const { id, error, value, onChange, rows = 4 } = props;
  return (
    <Group {...props}>
      <textarea
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(props)}
      />
    </Group>
  );
}

/**
 * The problems an API refusal names, as fields and messages for the error summary: form errors
 * of a 422, the problems of a 403, or the refusal's own message under `form`.
 */
export function problemsOf(error: unknown, fallback: string): FieldProblem[] {
  if (!(error instanceof ApiError)) return [{ field: 'form', message: fallback }];
  if (error.problems.length) return error.problems;
  const listed = (error.details as { problems?: { column: string | null; message: string }[] } | null)?.problems ?? [];
  return listed.length
    ? listed.map((p) => ({ field: p.column ?? 'form', message: p.message }))
    : [{ field: 'form', message: error.message }];
}

/** The message for one field, for the error message beside it. */
export const errorFor = (problems: FieldProblem[], field: string) => problems.find((p) => p.field === field)?.message;
