import { useEffect, useState } from 'react';
import { api, type Me } from './api';
import { Layout } from './components/Layout';
import { Home } from './pages/Home';
import { SignIn } from './pages/SignIn';

type Session = { state: 'checking' } | { state: 'signed-out' } | { state: 'signed-in'; me: Me };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    api<Me>('/auth/me')
      .then((me) => setSession({ state: 'signed-in', me }))
      .catch(() => setSession({ state: 'signed-out' }));
  }, []);

  useEffect(() => {
    document.title = `${session.state === 'signed-in' ? 'Your partnership' : 'Sign in'} – Waymark`;
  }, [session.state]);

  async function signOut() {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    setSession({ state: 'signed-out' });
  }

  const me = session.state === 'signed-in' ? session.me : null;
  return (
    <Layout me={me} onSignOut={signOut}>
      {session.state === 'checking' && <p className="govuk-body" role="status">Checking your session…</p>}
      {session.state === 'signed-out' && <SignIn onSignedIn={(m) => setSession({ state: 'signed-in', me: m })} />}
      {me && <Home me={me} />}
    </Layout>
  );
}
