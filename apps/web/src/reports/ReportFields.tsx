import type { FieldProblem, OfferedReportKind } from '@waymark/domain';
import { errorFor, Select, type Option } from '../components/fields';
import { financialYears, QUARTERS, quarterText, yearEnd, yearOf, type ReportChoice } from './choices';

/** GOV.UK radios, each choice with a hint: which report, and which figures. The first radio takes the group's id, for the error summary's link. */
export function HintedRadios<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  options: { value: T; label: string; hint: string }[];
  value: string;
  onChange: (value: T) => void;
  error?: string;
}) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? `${name}-error` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
        {error && (
          <p className="govuk-error-message" id={`${name}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-radios" data-module="govuk-radios">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${o.value}`;
            return (
              <div className="govuk-radios__item" key={o.value}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={o.value}
                  checked={value === o.value}
                  onChange={() => onChange(o.value)}
                  aria-describedby={`${id}-hint`}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {o.label}
                </label>
                <div id={`${id}-hint`} className="govuk-hint govuk-radios__hint">
                  {o.hint}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** The period controls the kind needs: one quarter, one financial year, or first and last years. */
export function PeriodFields({
  kind,
  kinds,
  choice,
  onChange,
  problems,
}: {
  kind: OfferedReportKind;
  kinds: OfferedReportKind[];
  choice: ReportChoice;
  onChange: (period: { from: string; to: string }) => void;
  problems: FieldProblem[];
}) {
  if (kind.period === 'quarter') {
    const quarters = QUARTERS.includes(kind.from) ? QUARTERS : [kind.from, ...QUARTERS];
    return (
      <Select
        id="from"
        label="Quarter"
        hint="The report covers this quarter, with the eight quarters up to it for trends."
        value={choice.from}
        onChange={(q) => onChange({ from: q, to: q })}
        options={quarters.map((q) => ({ code: q, label: quarterText(q) }))}
        error={errorFor(problems, 'from')}
      />
    );
  }
  const years: Option[] = financialYears(kinds).map((y) => ({ code: y.code, label: y.label }));
  if (kind.period === 'year')
    return (
      <Select
        id="from"
        label="Financial year"
        hint="April to March. The year under way covers the quarters that have ended."
        value={yearOf(choice.from)}
        onChange={(y) => onChange({ from: `${y} Q1`, to: yearEnd(y) })}
        options={years}
        error={errorFor(problems, 'from')}
      />
    );
  return (
    <>
      <Select
        id="from"
        label="First financial year"
        value={yearOf(choice.from)}
        onChange={(y) => onChange({ from: `${y} Q1`, to: choice.to })}
        options={years}
        error={errorFor(problems, 'from')}
      />
      <Select
        id="to"
        label="Last financial year"
        hint="The same as the first year for a single year. The year under way covers the quarters that have ended."
        value={yearOf(choice.to)}
        onChange={(y) => onChange({ from: choice.from, to: yearEnd(y) })}
        options={years}
        error={errorFor(problems, 'to')}
      />
    </>
  );
}
