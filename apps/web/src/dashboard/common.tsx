import type { ReactNode } from 'react';
import type {
  Benchmark,
  Comparison,
  Coverage,
  DisclosureReport,
  IndicatorFigure,
  IndicatorsAnswer,
  ReturnsStatus,
} from '@waymark/domain';
import { inSentence } from '@waymark/domain';
import { formatCount, formatValue, type Unit } from '../lib/format';
import type { Loaded } from '../lib/useLoad';

const COMPARISON_TAG: Record<Comparison, string> = {
  better: 'govuk-tag--green',
  similar: 'govuk-tag--grey',
  worse: 'govuk-tag--red',
  higher: 'govuk-tag--blue',
  lower: 'govuk-tag--purple',
  not_compared: 'govuk-tag--grey',
};

/** Better, similar or worse, in words (the colour only repeats what the words say). */
export function ComparisonTag({ comparison, label }: { comparison: Comparison; label: string }) {
  return <strong className={`govuk-tag ${COMPARISON_TAG[comparison]}`}>{label}</strong>;
}

/** Says, once per page, that small numbers are hidden and why; analysts are told they see exact figures. */
export function DisclosureNotice({ disclosure }: { disclosure: DisclosureReport | undefined }) {
  if (!disclosure) return null;
  return disclosure.applied ? (
    <div className="govuk-inset-text" id="disclosure-note">
      <strong>Small numbers are hidden and counts are rounded.</strong> {disclosure.note} This protects the people
      behind the figures; analysts see exact counts. In CSV downloads a hidden count is an empty cell, and the row's
      Suppressed column says Yes.
    </div>
  ) : (
    <p className="govuk-body-s" id="disclosure-note">
      Exact figures: your role sees counts as they were sent, neither hidden nor rounded.
    </p>
  );
}

/** Loading, error and content states for anything a page waits for. */
export function Waiting<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.error)
    return (
      <div className="govuk-error-summary" role="alert" aria-labelledby={`${what}-problem`.replace(/\W+/g, '-')}>
        <h2 className="govuk-error-summary__title" id={`${what}-problem`.replace(/\W+/g, '-')}>
          The {what} could not be shown
        </h2>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">{loaded.error}</p>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={loaded.reload}>
            Try again
          </button>
        </div>
      </div>
    );
  if (loaded.loading || loaded.data === null)
    return (
      <p className="govuk-body waymark-loading" role="status">
        Loading the {what}…
      </p>
    );
  return <>{children(loaded.data)}</>;
}

/** What a view says when there is nothing to show yet, pointing at who is missing. */
export function NothingYet({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text waymark-empty">{children}</div>;
}

/** Words shown instead of a figure: "No returns" when none came in, "Withheld" when it is too small to publish. */
export const figureInstead = (e: {
  value: number | null;
  suppressed: boolean;
  status?: ReturnsStatus;
}): string | null => (e.status === 'no_returns' ? 'No returns' : e.suppressed && e.value === null ? 'Withheld' : null);

/** One indicator of an answer, or null when the answer (or the indicator) is not there. */
export const byId = (answer: IndicatorsAnswer | null, id: string) =>
  answer?.indicators.find((i) => i.id === id) ?? null;

/** "3 of 4 returns received" while some are still missing; null otherwise. */
export const returnsReceived = (i: Pick<IndicatorFigure, 'status' | 'returns'>): string | null =>
  i.status === 'partial' && i.returns ? `${i.returns.received} of ${i.returns.due} returns received` : null;

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** A benchmark in words with the period it was published for, then any note on how it was chosen for this range. */
export function referenceText(r: Benchmark, unit: Unit, withSource = false): string {
  const figure = `${r.label} ${formatValue(unit, r.value)}${r.period ? ` for ${r.period.label}` : ''}${withSource ? `, from ${r.source}` : ''}`;
  return r.note ? `${sentence(figure)} ${sentence(r.note)}` : sentence(figure);
}

/** Shown wherever a benchmark is drawn or compared with: what it is, for when, and where it comes from. */
export function BenchmarkNote({ references, unit }: { references: (Benchmark | null | undefined)[]; unit: Unit }) {
  const shown = references.filter((r): r is Benchmark => !!r);
  if (!shown.length) return null;
  return (
    <p className="govuk-body-s waymark-panel__note">
      {shown.length === 1 ? 'Benchmark' : 'Benchmarks'}: {shown.map((r) => referenceText(r, unit, true)).join(' ')}
    </p>
  );
}

/**
 * How far a count is from the level its benchmark recommends, in the benchmark's own words, never "a
 * shortfall of 0"; null when the answer gives no gap.
 */
export function volumeText({ extra, benchmark }: Pick<IndicatorFigure, 'extra' | 'benchmark'>): string | null {
  const level = benchmark ? `the ${inSentence(benchmark.label)}` : 'the benchmark';
  if (extra?.surplus) return `${formatCount(extra.surplus, false)} cases above ${level}`;
  if (extra?.shortfall)
    return `${formatCount(extra.shortfall, false)} cases below ${level} (${formatCount(extra.recommendedCases, false)} at that level)`;
  if (extra?.surplus === 0) return `At ${level}`;
  return extra?.shortfall === 0 ? `At or above ${level}` : null;
}

/** How many districts' returns a figure is built on, and which are missing. */
export function CoverageNote({ coverage }: { coverage: Coverage | undefined }) {
  if (!coverage) return null;
  return (
    <div className="govuk-body-s waymark-coverage">
      <p className="govuk-body-s">{coverage.label}</p>
      {coverage.notReporting.length > 0 && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Districts not reporting</span>
          </summary>
          <ul className="govuk-details__text govuk-list">
            {coverage.notReporting.map((d) => (
              <li key={d.code}>{d.name}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
