import { useState, type FormEvent } from 'react';
import type { AdoptedStandard } from '@waymark/domain';
import { Textarea } from '../components/fields';

interface Props {
  standard: AdoptedStandard;
  /** Whether this standard's switch-off form is open (one at a time, so its fields keep their ids). */
  asking: boolean;
  onAsk: (asking: boolean) => void;
  reasonError?: string;
  /** Switches the standard off with the reason given, or back on. */
  onSwitch: (standard: AdoptedStandard, reason: string | null) => Promise<boolean>;
}

/** One standard: what it asks, and switching it off (with a reason) or back on. */
export function StandardCard({ standard, asking, onAsk, reasonError, onSwitch }: Props) {
  const [reason, setReason] = useState('');
  const off = !standard.active;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onSwitch(standard, reason)) setReason('');
  };

  return (
    <section
      className={`waymark-standard${off ? ' waymark-standard--off' : ''}`}
      aria-labelledby={`standard-${standard.code}`}
    >
      <h3 className="govuk-heading-s" id={`standard-${standard.code}`}>
        {standard.code}
        {standard.origin === 'local' && (
          <strong className="govuk-tag govuk-tag--blue govuk-!-margin-left-2">Local</strong>
        )}
        {off && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Switched off</strong>}
      </h3>
      <p className="govuk-body">{standard.statement}</p>
      <p className="govuk-body-s">Evidence: {standard.evidence}</p>
      {off && (
        <div className="govuk-inset-text">
          Why it is switched off: {standard.switchedOffReason ?? 'no reason was recorded'}
        </div>
      )}
      {off && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onSwitch(standard, null)}>
          Switch back on<span className="govuk-visually-hidden"> {standard.code}</span>
        </button>
      )}
      {!off && !asking && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onAsk(true)}>
          Switch off<span className="govuk-visually-hidden"> {standard.code}</span>
        </button>
      )}
      {!off && asking && (
        <form onSubmit={submit} noValidate>
          <Textarea
            id="reason"
            label={`Why is ${standard.code} being switched off?`}
            hint="Everyone auditing against this area's standards can read it. Write about services, never about a person."
            value={reason}
            onChange={setReason}
            error={reasonError}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--warning">
              Switch off<span className="govuk-visually-hidden"> {standard.code}</span>
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onAsk(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
