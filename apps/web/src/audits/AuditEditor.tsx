import { useState } from 'react';
import type { Audit, AuditItem, Problem, Refusal, StandardRating } from '@waymark/domain';
import { api, ApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { RATINGS } from './types';

interface Draft {
  rating: StandardRating | null;
  evidenceRef: string;
  action: string;
  targetDate: string;
}

const fieldId = (code: string, field: string) => `${code}-${field}`;

/** The self-audit form: one block per standard, grouped by theme; save as often as needed, then submit. */
export function AuditEditor({ audit, onChange }: { audit: Audit; onChange: (a: Audit) => void }) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      audit.items.map((i) => [
        i.code,
        {
          rating: i.selfRating,
          evidenceRef: i.evidenceRef ?? '',
          action: i.action ?? '',
          targetDate: i.targetDate ?? '',
        },
      ]),
    ),
  );
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (code: string, change: Partial<Draft>) => setDrafts((d) => ({ ...d, [code]: { ...d[code], ...change } }));
  const codeOfRow = (row: number | null) => (row ? audit.items[row - 1]?.code : undefined);
  const errorFor = (code: string, field: string) =>
    problems.find(
      (p) => codeOfRow(p.row) === code && (p.column === field || (field === 'rating' && p.column === 'code')),
    )?.message;

  async function send(submit: boolean) {
    setBusy(true);
    setSaved(null);
    try {
      const ratings = audit.items.map((i) => ({ code: i.code, ...drafts[i.code] }));
      let latest = await api<Audit>(`/audits/${audit.id}/ratings`, { method: 'PUT', body: { ratings } });
      if (submit) latest = await api<Audit>(`/audits/${audit.id}/submit`, { method: 'POST' });
      setProblems([]);
      setSaved(submit ? null : 'Draft saved. You can come back to it at any time.');
      onChange(latest);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'The audit could not be saved. Try again.');
      const found = (e.details as Refusal | null)?.problems;
      setProblems(found?.length ? found : [{ row: null, column: null, rule: 'failed', message: e.message }]);
    } finally {
      setBusy(false);
    }
  }

  const themes = [...new Map(audit.items.map((i) => [i.themeId, i.themeTitle])).entries()];
  return (
    <>
      <ErrorSummary
        problems={problems.map((p) => ({
          field: codeOfRow(p.row)
            ? fieldId(codeOfRow(p.row)!, p.column === 'code' ? 'rating' : (p.column ?? 'rating'))
            : 'audit-actions',
          message: p.message,
        }))}
        idFor={(f) => f}
      />
      {saved && (
        <div className="govuk-inset-text" role="status">
          {saved}
        </div>
      )}
      <p className="govuk-body">
        Rate each standard for your service as it is now. Where a standard is partly met or not met, say what you will
        do and by when: these become your action plan. The evidence reference is a short label for a document or record
        (for example "Policy DA-3, 2025"), never anything about a person.
      </p>
      {themes.map(([themeId, title]) => (
        <section key={themeId} className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m">{title}</h2>
          {audit.items
            .filter((i) => i.themeId === themeId)
            .map((item) => (
              <StandardBlock
                key={item.code}
                item={item}
                draft={drafts[item.code]}
                set={(c) => set(item.code, c)}
                errorFor={(f) => errorFor(item.code, f)}
              />
            ))}
        </section>
      ))}
      <div className="govuk-button-group" id="audit-actions">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={busy}
          onClick={() => send(false)}
        >
          Save draft
        </button>
        <button type="button" className="govuk-button" disabled={busy} onClick={() => send(true)}>
          Submit audit
        </button>
      </div>
    </>
  );
}

function StandardBlock({
  item,
  draft,
  set,
  errorFor,
}: {
  item: AuditItem;
  draft: Draft;
  set: (c: Partial<Draft>) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const needsAction = draft.rating === 'partly_met' || draft.rating === 'not_met';
  const ratingError = errorFor('rating');
  const textField = (field: 'evidenceRef' | 'action' | 'targetDate', label: string, hint: string, width: string) => {
    const id = fieldId(item.code, field);
    const error = errorFor(field);
    return (
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor={id}>
          {label}
        </label>
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
        {error && (
          <p className="govuk-error-message" id={`${id}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <input
          className={`govuk-input ${width}${error ? ' govuk-input--error' : ''}`}
          id={id}
          value={draft[field]}
          onChange={(e) => set({ [field]: e.target.value })}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
      </div>
    );
  };
  return (
    <div className={`govuk-form-group${ratingError ? ' govuk-form-group--error' : ''} waymark-standard`}>
      <fieldset className="govuk-fieldset" aria-describedby={`${item.code}-evidence`}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          {item.code}: {item.statement}
          {item.quickWin && <strong className="govuk-tag govuk-tag--blue govuk-!-margin-left-2">Quick win</strong>}
        </legend>
        <div className="govuk-hint" id={`${item.code}-evidence`}>
          Evidence that shows it is met: {item.evidence}
        </div>
        {ratingError && (
          <p className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {ratingError}
          </p>
        )}
        <div className="govuk-radios govuk-radios--small govuk-radios--inline" id={fieldId(item.code, 'rating')}>
          {RATINGS.map((r) => (
            <div className="govuk-radios__item" key={r.code}>
              <input
                className="govuk-radios__input"
                id={`${item.code}-${r.code}`}
                name={`${item.code}-rating`}
                type="radio"
                checked={draft.rating === r.code}
                onChange={() => set({ rating: r.code })}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`${item.code}-${r.code}`}>
                {r.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      {textField(
        'evidenceRef',
        'Evidence reference (optional)',
        'A short label, up to 120 characters',
        'govuk-!-width-two-thirds',
      )}
      {needsAction &&
        textField('action', 'Action', 'What your service will do to meet the standard', 'govuk-!-width-full')}
      {needsAction && textField('targetDate', 'Target date', 'For example, 2026-03-31', 'govuk-input--width-10')}
    </div>
  );
}
