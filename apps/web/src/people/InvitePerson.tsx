import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { AREA_GRANTED_ROLES, ROLES, type FieldProblem, type InvitedPerson, type SignedInPerson } from '@waymark/domain';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { problemsOf, TextInput, errorFor } from '../components/fields';
import { useLoad } from '../lib/useLoad';
import { OneTimePassword } from './OneTimePassword';
import { RoleAndScope } from './RoleAndScope';
import { FIELD_IDS, loadScopeChoices, scopeBody, type Scope } from './types';

const EMPTY: Scope = { role: '', agencyId: '', maracId: '', areaCodes: [''] };

/** Roles the signed-in person may give: administrators any; analysts viewers and analysts. */
export const rolesFor = (me: SignedInPerson) =>
  ROLES.filter((r) => me.role === 'admin' || AREA_GRANTED_ROLES.includes(r.code));

/** Creates an account with a role and what it is tied to; the generated password is shown once. */
export function InvitePerson({ me }: { me: SignedInPerson }) {
  const choices = useLoad(loadScopeChoices, []);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [scope, setScope] = useState<Scope>(EMPTY);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<InvitedPerson | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      setCreated(
        await api<InvitedPerson>('/users', {
          method: 'POST',
          body: { displayName, email, ...scopeBody(scope) },
        }),
      );
      setProblems([]);
      setDisplayName('');
      setEmail('');
      setScope(EMPTY);
    } catch (error) {
      setProblems(problemsOf(error, 'The account could not be created. Try again.'));
    } finally {
      setBusy(false);
    }
  }

  if (choices.error)
    return (
      <p className="govuk-body" role="alert">
        {choices.error}
      </p>
    );
  if (!choices.data)
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {created && (
          <>
            <OneTimePassword title="Account created" person={created.user.email} password={created.initialPassword} />
            <p className="govuk-body">
              <Link className="govuk-link" to={`/people/${created.user.id}`}>
                See {created.user.displayName}’s account
              </Link>
            </p>
          </>
        )}
        <ErrorSummary problems={problems} idFor={(f) => FIELD_IDS[f] ?? f} />
        <h1 className="govuk-heading-l">Invite someone</h1>
        <p className="govuk-body">
          Waymark makes a password for the new account and shows it to you once. They can sign in with it straight away.
        </p>
        <form onSubmit={submit} noValidate id="form" tabIndex={-1}>
          <TextInput
            id="displayName"
            label="Full name"
            hint="As it should appear in Waymark"
            value={displayName}
            onChange={setDisplayName}
            error={errorFor(problems, 'displayName')}
          />
          <TextInput
            id="email"
            label="Email address"
            hint="Their work address. They sign in with it."
            type="email"
            value={email}
            onChange={setEmail}
            error={errorFor(problems, 'email')}
          />
          <RoleAndScope
            value={scope}
            onChange={setScope}
            roles={rolesFor(me)}
            choices={choices.data}
            problems={problems}
          />
          <button type="submit" className="govuk-button" disabled={busy}>
            Create account
          </button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/people">
            Back to people
          </Link>
        </p>
      </div>
    </div>
  );
}
