import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { errorFor, problemsOf, TextInput } from '../components/fields';
import { useLoad } from '../lib/useLoad';
import { MIN_PASSWORD_LENGTH, type FieldProblem, type SetupCompleted, type SetupLinkCheck } from '@waymark/domain';

/**
 * The first administrator of a new install chooses their own name, address and password, through
 * the one-time link Waymark printed when it started. No session is needed.
 */
export function Setup() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const link = useLoad(
    () =>
      token
        ? api<SetupLinkCheck>(`/setup?token=${encodeURIComponent(token)}`)
        : Promise.reject(new ApiError(404, 'This address has no set-up token in it.')),
    [token],
  );
  const [form, setForm] = useState({ displayName: '', email: '', password: '', confirm: '' });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SetupCompleted | null>(null);
  const field = (key: keyof typeof form) => ({
    id: key,
    value: form[key],
    onChange: (value: string) => setForm({ ...form, [key]: value }),
    error: errorFor(problems, key),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form.password !== form.confirm)
      return setProblems([{ field: 'confirm', message: 'The passwords you entered do not match' }]);
    setBusy(true);
    try {
      setDone(
        await api<SetupCompleted>('/setup', {
          method: 'POST',
          body: { token, displayName: form.displayName, email: form.email, password: form.password },
        }),
      );
    } catch (error) {
      setProblems(problemsOf(error, 'Waymark could not be set up. Try again.'));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">Waymark is set up</h1>
            <div className="govuk-panel__body">You are its first administrator</div>
          </div>
          <p className="govuk-body">
            Sign in with {done.email} and the password you chose. The set-up link no longer works.
          </p>
          <p className="govuk-body">
            Next, add the partnership’s Maracs and agencies, say which returns each is due to send, and invite the
            people who send them.
          </p>
          <Link className="govuk-button" to="/">
            Sign in
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Set up Waymark</h1>
        {link.loading && (
          <p className="govuk-body" role="status">
            Checking your set-up link…
          </p>
        )}
        {link.error && (
          <div className="govuk-inset-text" role="alert">
            <p className="govuk-body">{link.error}</p>
            <p className="govuk-body">
              If Waymark already has an administrator,{' '}
              <Link className="govuk-link" to="/">
                sign in
              </Link>{' '}
              instead.
            </p>
          </div>
        )}
        {link.data && (
          <>
            <ErrorSummary problems={problems} idFor={(f) => (f === 'form' ? 'setup-form' : f)} />
            <p className="govuk-body">
              You are about to become this Waymark’s first administrator. You will be able to add Maracs, agencies and
              people, and see everything in it.
            </p>
            <form onSubmit={submit} noValidate id="setup-form" tabIndex={-1}>
              <TextInput
                {...field('displayName')}
                label="Your name"
                hint="As it should appear to the people you invite"
                autoComplete="name"
              />
              <TextInput
                {...field('email')}
                label="Email address"
                hint="Your work address. You will sign in with it."
                type="email"
                autoComplete="username"
              />
              <TextInput
                {...field('password')}
                label="Create a password"
                hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
                type="password"
                autoComplete="new-password"
              />
              <TextInput
                {...field('confirm')}
                label="Confirm your password"
                type="password"
                autoComplete="new-password"
              />
              <button type="submit" className="govuk-button" disabled={busy}>
                Create administrator account
              </button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
