import { useLoad } from '../lib/useLoad';
import { currentVersion, sentOn } from './upload';

export const REPLACE_FIELD = 'replace';

/**
 * The message for a form sent while the replace box is shown but not ticked, or null when it may be
 * sent. Read from the form itself, so the rule holds for whatever version the box names.
 */
export function unconfirmedReplace(form: HTMLFormElement): string | null {
  const box = form.querySelector<HTMLInputElement>(`input[name="${REPLACE_FIELD}"]`);
  return box && !box.checked ? `Tick the box to confirm you want to replace version ${box.dataset.version}` : null;
}

/**
 * When the quarter already has a return: a warning naming the version a send would replace, and
 * a box the person must tick first. `sent` changes after each send, so the check is asked again.
 */
export function ReplaceConfirm({
  type,
  period,
  owner,
  sent,
  error,
}: {
  type: string;
  period: string;
  owner: Record<string, string>;
  sent: string | null;
  error?: string;
}) {
  const ownerKey = JSON.stringify(owner);
  const current = useLoad(() => currentVersion(type, period, owner), [type, period, ownerKey, sent]);
  if (current.loading || !current.data) return null;
  const { id, version, receivedAt } = current.data;
  return (
    <div key={id}>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          This replaces version {version} sent on {sentOn(receivedAt)}. The earlier version stays in the history.
        </strong>
      </div>
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        {error && (
          <p className="govuk-error-message" id={`${REPLACE_FIELD}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id={REPLACE_FIELD}
              name={REPLACE_FIELD}
              type="checkbox"
              value="yes"
              data-version={version}
              aria-describedby={error ? `${REPLACE_FIELD}-error` : undefined}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={REPLACE_FIELD}>
              I want to replace version {version}
            </label>
          </div>
        </div>
      </div>
    </div>
  );
}
