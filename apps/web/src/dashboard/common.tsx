import type { ReactNode } from 'react';
import type { Loaded } from '../lib/useLoad';
import type { Comparison, Disclosure } from './types';

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
export function DisclosureNotice({ disclosure }: { disclosure: Disclosure | undefined }) {
  if (!disclosure) return null;
  return disclosure.applied ? (
    <div className="govuk-inset-text" id="disclosure-note">
      <strong>Small numbers are hidden and counts are rounded.</strong> {disclosure.note} This protects the people behind the figures; analysts see exact counts.
    </div>
  ) : (
    <p className="govuk-body-s" id="disclosure-note">Exact figures: your role sees counts as they were sent, neither hidden nor rounded.</p>
  );
}

/** Loading, error and content states for anything a page waits for. */
export function Waiting<T>({ loaded, what, children }: { loaded: Loaded<T>; what: string; children: (data: T) => ReactNode }) {
  if (loaded.error)
    return (
      <div className="govuk-error-summary" role="alert" aria-labelledby={`${what}-problem`.replace(/\W+/g, '-')}>
        <h2 className="govuk-error-summary__title" id={`${what}-problem`.replace(/\W+/g, '-')}>The {what} could not be shown</h2>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">{loaded.error}</p>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={loaded.reload}>Try again</button>
        </div>
      </div>
    );
  if (loaded.loading || loaded.data === null) return <p className="govuk-body waymark-loading" role="status">Loading the {what}…</p>;
  return <>{children(loaded.data)}</>;
}

/** What a view says when there is nothing to show yet, pointing at who is missing. */
export function NothingYet({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text waymark-empty">{children}</div>;
}
