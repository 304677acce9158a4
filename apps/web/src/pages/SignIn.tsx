import { useState, type FormEvent } from 'react';
import type { FieldProblem, SignedInPerson } from '@waymark/domain';
import { api, ApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';

const FIELD_IDS: Record<string, string> = { email: 'email', password: 'password', form: 'email' };

export function SignIn({ onSignedIn }: { onSignedIn: (me: SignedInPerson) => void }) {
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const email = text('email').trim();
    const password = text('password');
    const found: FieldProblem[] = [];
    if (!email) found.push({ field: 'email', message: 'Enter your email address' });
    if (!password) found.push({ field: 'password', message: 'Enter your password' });
    if (found.length) return setProblems(found);
    setBusy(true);
    try {
      onSignedIn(await api<SignedInPerson>('/auth/login', { method: 'POST', body: { email, password } }));
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'Something went wrong. Try again.');
      setProblems(e.problems.length ? e.problems : [{ field: 'form', message: e.message }]);
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (field: string) =>
    problems.find((p) => p.field === field || (field === 'email' && p.field === 'form'))?.message;
  const emailError = errorFor('email');
  const passwordError = errorFor('password');

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary problems={problems} idFor={(f) => FIELD_IDS[f] ?? f} />
        <h1 className="govuk-heading-l">Sign in to Waymark</h1>
        <form onSubmit={submit} noValidate>
          <div className={`govuk-form-group${emailError ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label" htmlFor="email">
              Email address
            </label>
            <div className="govuk-hint" id="email-hint">
              The work address your administrator registered
            </div>
            {emailError && (
              <p className="govuk-error-message" id="email-error">
                <span className="govuk-visually-hidden">Error:</span> {emailError}
              </p>
            )}
            <input
              className={`govuk-input${emailError ? ' govuk-input--error' : ''}`}
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              spellCheck={false}
              aria-describedby={`email-hint${emailError ? ' email-error' : ''}`}
            />
          </div>
          <div className={`govuk-form-group${passwordError ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label" htmlFor="password">
              Password
            </label>
            {passwordError && (
              <p className="govuk-error-message" id="password-error">
                <span className="govuk-visually-hidden">Error:</span> {passwordError}
              </p>
            )}
            <input
              className={`govuk-input govuk-!-width-two-thirds${passwordError ? ' govuk-input--error' : ''}`}
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              aria-describedby={passwordError ? 'password-error' : undefined}
            />
          </div>
          <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </div>
  );
}
