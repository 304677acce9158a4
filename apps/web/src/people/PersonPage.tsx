import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  labelOf,
  ROLES,
  type FieldProblem,
  type PasswordReset,
  type Person,
  type SignedInPerson,
} from '@waymark/domain';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { errorFor, problemsOf, TextInput } from '../components/fields';
import { useLoad } from '../lib/useLoad';
import { rolesFor } from './InvitePerson';
import { OneTimePassword } from './OneTimePassword';
import { RoleAndScope } from './RoleAndScope';
import { FIELD_IDS, loadScopeChoices, scopeBody, scopeOf, scopeWords, type Scope } from './types';

function Saved({ message }: { message: string }) {
  return (
    <div
      className="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="saved-title"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="saved-title">
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  );
}

/** One person's account: change their role and access, deactivate or reactivate it, reset the password. */
export function PersonPage({ me }: { me: SignedInPerson }) {
  const { id = '' } = useParams();
  const loaded = useLoad(() => Promise.all([api<Person>(`/users/${id}`), loadScopeChoices()]), [id]);
  const [person, setPerson] = useState<Person | null>(null);
  const [displayName, setDisplayName] = useState('');
  const [scope, setScope] = useState<Scope | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);

  const show = (p: Person) => {
    setPerson(p);
    setDisplayName(p.displayName);
    setScope(scopeOf(p));
  };
  useEffect(() => void (loaded.data && show(loaded.data[0])), [loaded.data]);

  if (loaded.error)
    return (
      <p className="govuk-body" role="alert">
        {loaded.error}
      </p>
    );
  if (!loaded.data || !person || !scope)
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  const choices = loaded.data[1];
  const own = person.id === me.id;
  const areaName = (code: string) => choices.areas.find((a) => a.code === code)?.name ?? code;

  async function change(body: Record<string, unknown>, done: string) {
    setSaved(null);
    setPassword(null);
    try {
      show(await api<Person>(`/users/${id}`, { method: 'PATCH', body }));
      setProblems([]);
      setSaved(done);
    } catch (error) {
      setProblems(problemsOf(error, 'The change could not be saved. Try again.'));
    }
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    void change(
      own ? { displayName } : { displayName, ...scopeBody(scope) },
      'Changes saved. If they were signed in, they need to sign in again.',
    );
  };

  async function resetPassword() {
    setSaved(null);
    try {
      setPassword((await api<PasswordReset>(`/users/${id}/password-reset`, { method: 'POST' })).newPassword);
      setProblems([]);
    } catch (error) {
      setProblems(problemsOf(error, 'The password could not be reset. Try again.'));
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {saved && <Saved message={saved} />}
        {password && <OneTimePassword title="Password reset" person={person.email} password={password} />}
        <ErrorSummary problems={problems} idFor={(f) => FIELD_IDS[f] ?? f} />
        <span className="govuk-caption-l waymark-break">{person.email}</span>
        <h1 className="govuk-heading-l">{person.displayName}</h1>
        <dl className="govuk-summary-list">
          {[
            ['Role', labelOf(ROLES, person.role)],
            ['Access to', scopeWords(person, areaName)],
            ['Status', person.active ? 'Active' : 'Deactivated: cannot sign in'],
          ].map(([key, value]) => (
            <div className="govuk-summary-list__row" key={key}>
              <dt className="govuk-summary-list__key">{key}</dt>
              <dd className="govuk-summary-list__value">{value}</dd>
            </div>
          ))}
        </dl>

        <h2 className="govuk-heading-m">Change name, role and access</h2>
        <form onSubmit={save} noValidate id="form" tabIndex={-1}>
          <TextInput
            id="displayName"
            label="Full name"
            value={displayName}
            onChange={setDisplayName}
            error={errorFor(problems, 'displayName')}
          />
          {own ? (
            <p className="govuk-inset-text">You cannot change your own role or access. Ask another administrator.</p>
          ) : (
            <RoleAndScope
              value={scope}
              onChange={setScope}
              roles={rolesFor(me)}
              choices={choices}
              problems={problems}
            />
          )}
          <button type="submit" className="govuk-button">
            Save changes
          </button>
        </form>

        <h2 className="govuk-heading-m">Password</h2>
        <p className="govuk-body">
          Resetting makes a new password, shown to you once. The old one stops working and they are signed out.
        </p>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={resetPassword}>
          Reset password
        </button>

        {!own && (
          <>
            <h2 className="govuk-heading-m">{person.active ? 'Deactivate account' : 'Reactivate account'}</h2>
            <p className="govuk-body">
              {person.active
                ? 'They are signed out at once and cannot sign in until the account is reactivated. What they sent stays.'
                : 'They can sign in again with their current password.'}
            </p>
            <button
              type="button"
              className={`govuk-button${person.active ? ' govuk-button--warning' : ''}`}
              onClick={() =>
                change(
                  { active: !person.active },
                  person.active ? 'Account deactivated. They have been signed out.' : 'Account reactivated.',
                )
              }
            >
              {person.active ? 'Deactivate account' : 'Reactivate account'}
            </button>
          </>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to="/people">
            Back to people
          </Link>
        </p>
      </div>
    </div>
  );
}
