import { useEffect, useRef } from 'react';

/**
 * A generated password, shown this once: Waymark keeps only its hash, so leaving the page loses it.
 * Focused when it appears, so a screen reader reads it out.
 */
export function OneTimePassword({ title, person, password }: { title: string; person: string; password: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [password]);
  return (
    <>
      <div className="govuk-panel govuk-panel--confirmation waymark-one-time" ref={ref} tabIndex={-1} role="status">
        <h2 className="govuk-panel__title">{title}</h2>
        <div className="govuk-panel__body">
          One-time password for {person}
          <br />
          <strong className="waymark-one-time__password" data-testid="one-time-password">
            {password}
          </strong>
        </div>
      </div>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          This password is shown only once. Pass it on securely, for example by phone or in person, never in the same
          email as the address it signs in with.
        </strong>
      </div>
    </>
  );
}
