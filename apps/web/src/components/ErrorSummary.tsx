import { useEffect, useRef } from 'react';
import type { FieldProblem } from '@waymark/domain';

/** GOV.UK error summary: focused when it appears, each problem linking to its field. */
export function ErrorSummary({ problems, idFor }: { problems: FieldProblem[]; idFor: (field: string) => string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length) ref.current?.focus();
  }, [problems]);
  if (!problems.length) return null;
  return (
    <div
      className="govuk-error-summary"
      data-module="govuk-error-summary"
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
    >
      <h2 className="govuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list govuk-error-summary__list">
          {problems.map((p) => (
            <li key={`${p.field}:${p.message}`}>
              <a href={`#${idFor(p.field)}`}>{p.message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
