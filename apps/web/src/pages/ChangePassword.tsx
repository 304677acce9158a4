import { MIN_PASSWORD_LENGTH, type FieldProblem } from '@waymark/domain';
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { errorFor, problemsOf, TextInput } from '../components/fields';

/**
 * A person chooses their own password. Someone who signed in with a password made for them (on
 * invitation or reset) comes here first: whoever passed it on has seen it.
 */
export function ChangePassword({ firstTime, onChanged }: { firstTime: boolean; onChanged: () => void }) {
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const field = (key: keyof typeof form) => ({
    id: key,
    value: form[key],
    onChange: (value: string) => setForm({ ...form, [key]: value }),
    error: errorFor(problems, key),
    type: 'password' as const,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form.newPassword !== form.confirm)
      return setProblems([{ field: 'confirm', message: 'The new passwords you entered do not match' }]);
    setBusy(true);
    try {
      await api('/auth/password', {
        method: 'POST',
        body: { currentPassword: form.currentPassword, newPassword: form.newPassword },
      });
      setProblems([]);
      setDone(true);
    } catch (error) {
      setProblems(problemsOf(error, 'Your password could not be changed. Try again.'));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">Password changed</h1>
            <div className="govuk-panel__body">Use it next time you sign in</div>
          </div>
          <p className="govuk-body">
            You stay signed in here; anywhere else you were signed in, you have been signed out.
          </p>
          <button type="button" className="govuk-button" onClick={onChanged}>
            Continue
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary problems={problems} idFor={(f) => f} />
        <h1 className="govuk-heading-l">{firstTime ? 'Choose your own password' : 'Change your password'}</h1>
        {firstTime && (
          <p className="govuk-body">
            The password you signed in with was made for you and someone else has seen it. Choose one only you know
            before you go on.
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <TextInput
            {...field('currentPassword')}
            label={firstTime ? 'The password you were given' : 'Current password'}
            autoComplete="current-password"
          />
          <TextInput
            {...field('newPassword')}
            label="New password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
            autoComplete="new-password"
          />
          <TextInput {...field('confirm')} label="Confirm new password" autoComplete="new-password" />
          <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
            {busy ? 'Saving…' : 'Save password'}
          </button>
        </form>
      </div>
    </div>
  );
}
