import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import type { CurrentPerson, SignedInPerson } from '@waymark/domain';
import { api } from './api';
import { AuditPage } from './audits/AuditPage';
import { AuditsList } from './audits/AuditsList';
import { Layout } from './components/Layout';
import { Home } from './pages/Home';
import { ChangePassword } from './pages/ChangePassword';
import { Setup } from './pages/Setup';
import { StartPage } from './pages/StartPage';
import { SignIn } from './pages/SignIn';
import { Completeness } from './returns/Completeness';
import { ReturnDetail } from './returns/ReturnDetail';
import { ReturnForm } from './returns/ReturnForm';
import { SendReturn } from './returns/SendReturn';

// The dashboard views carry the charting library; they load when first opened so sign-in stays light.
const Overview = lazy(() => import('./dashboard/Overview').then((m) => ({ default: m.Overview })));
const Gaps = lazy(() => import('./dashboard/Gaps').then((m) => ({ default: m.Gaps })));
const Repeats = lazy(() => import('./dashboard/Repeats').then((m) => ({ default: m.Repeats })));
const Pathways = lazy(() => import('./dashboard/Pathways').then((m) => ({ default: m.Pathways })));
const MaracView = lazy(() => import('./dashboard/MaracView').then((m) => ({ default: m.MaracView })));
const AgencyView = lazy(() => import('./dashboard/AgencyView').then((m) => ({ default: m.AgencyView })));
const Reports = lazy(() => import('./reports/Reports').then((m) => ({ default: m.Reports })));
const ReportPrint = lazy(() => import('./reports/ReportPrint').then((m) => ({ default: m.ReportPrint })));

// Administration pages are for a few people; they load when opened.
const AuditTrail = lazy(() => import('./audit-trail/AuditTrail').then((m) => ({ default: m.AuditTrail })));
const ImportAgencies = lazy(() => import('./agencies/ImportAgencies').then((m) => ({ default: m.ImportAgencies })));
const InvitePerson = lazy(() => import('./people/InvitePerson').then((m) => ({ default: m.InvitePerson })));
const PeopleList = lazy(() => import('./people/PeopleList').then((m) => ({ default: m.PeopleList })));
const PersonPage = lazy(() => import('./people/PersonPage').then((m) => ({ default: m.PersonPage })));
const Adoptions = lazy(() => import('./standards/Adoptions').then((m) => ({ default: m.Adoptions })));
const TailorAdoption = lazy(() => import('./standards/TailorAdoption').then((m) => ({ default: m.TailorAdoption })));
const ChangeMarac = lazy(() => import('./maracs/ChangeMarac').then((m) => ({ default: m.ChangeMarac })));
const Maracs = lazy(() => import('./maracs/Maracs').then((m) => ({ default: m.Maracs })));
const Schedules = lazy(() => import('./schedules/Schedules').then((m) => ({ default: m.Schedules })));

type Session = { state: 'checking' } | { state: 'signed-out' } | { state: 'signed-in'; me: SignedInPerson };

const TITLES: [RegExp, string][] = [
  [/^\/account\/password/, 'Change your password'],
  [/^\/returns\/send/, 'Send a return'],
  [/^\/returns\/form\//, 'Fill in a return'],
  [/^\/returns\/completeness/, 'Returns: who has sent theirs'],
  [/^\/returns\//, 'A return and its versions'],
  [/^\/audits\/./, 'Self-audit'],
  [/^\/audits/, 'Practice standards self-audits'],
  [/^\/audit-trail/, 'Audit trail'],
  [/^\/people\/invite/, 'Invite someone'],
  [/^\/people\/./, 'A person’s account'],
  [/^\/people/, 'People'],
  [/^\/agencies\/import/, 'Add agencies from a file'],
  [/^\/standards\/adoption\/./, 'Tailor a framework'],
  [/^\/standards\/adoption/, 'Standards your areas use'],
  [/^\/maracs\/./, 'Change a Marac'],
  [/^\/maracs/, 'Maracs'],
  [/^\/schedules/, 'Return schedules'],
  [/^\/reports\/.+\/print/, 'A report to print'],
  [/^\/reports/, 'Reports'],
  [/^\/gaps/, 'Gaps'],
  [/^\/repeats/, 'Repeat rates'],
  [/^\/pathways/, 'Referral pathways'],
  [/^\/marac/, 'Marac'],
  [/^\/agency/, 'Your agency'],
  [/^\/partnership/, 'Areas and agencies'],
  [/^\//, 'Overview'],
];

function PageTitle({ signedIn }: { signedIn: boolean }) {
  const { pathname } = useLocation();
  useEffect(() => {
    const title = signedIn
      ? (TITLES.find(([pattern]) => pattern.test(pathname))?.[1] ?? 'Waymark')
      : pathname === '/setup'
        ? 'Set up Waymark'
        : 'Sign in';
    document.title = `${title} – Waymark`;
  }, [pathname, signedIn]);
  return null;
}

export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    api<CurrentPerson>('/auth/me')
      .then((me) => setSession({ state: 'signed-in', me }))
      .catch(() => setSession({ state: 'signed-out' }));
  }, []);

  async function signOut() {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    setSession({ state: 'signed-out' });
  }

  const me = session.state === 'signed-in' ? session.me : null;
  return (
    <BrowserRouter>
      <PageTitle signedIn={me !== null} />
      <Layout me={me} onSignOut={signOut}>
        {session.state === 'checking' && (
          <p className="govuk-body" role="status">
            Checking your session…
          </p>
        )}
        {session.state === 'signed-out' && (
          <Routes>
            <Route path="/setup" element={<Setup />} />
            <Route path="*" element={<SignIn onSignedIn={(m) => setSession({ state: 'signed-in', me: m })} />} />
          </Routes>
        )}
        {me?.mustChangePassword && (
          <ChangePassword
            firstTime
            onChanged={() => setSession({ state: 'signed-in', me: { ...me, mustChangePassword: false } })}
          />
        )}
        {me && !me.mustChangePassword && (
          <Suspense
            fallback={
              <p className="govuk-body" role="status">
                Loading the view…
              </p>
            }
          >
            <Routes>
              <Route
                path="/account/password"
                element={<ChangePassword firstTime={false} onChanged={() => history.back()} />}
              />
              <Route path="/returns/send" element={<SendReturn me={me} />} />
              <Route path="/returns/form/:typeId" element={<ReturnForm me={me} />} />
              <Route path="/returns/completeness" element={<Completeness />} />
              <Route path="/returns/:id" element={<ReturnDetail />} />
              <Route path="/audits" element={<AuditsList me={me} />} />
              <Route path="/audits/:id" element={<AuditPage me={me} />} />
              <Route path="/audit-trail" element={<AuditTrail />} />
              <Route path="/people" element={<PeopleList me={me} />} />
              <Route path="/people/invite" element={<InvitePerson me={me} />} />
              <Route path="/people/:id" element={<PersonPage me={me} />} />
              <Route path="/agencies/import" element={<ImportAgencies />} />
              <Route path="/standards/adoption" element={<Adoptions />} />
              <Route path="/standards/adoption/:id" element={<TailorAdoption />} />
              <Route path="/maracs" element={<Maracs />} />
              <Route path="/maracs/:id" element={<ChangeMarac />} />
              <Route path="/schedules" element={<Schedules />} />
              <Route path="/reports" element={<Reports me={me} />} />
              <Route path="/reports/:kind/print" element={<ReportPrint />} />
              <Route path="/gaps" element={<Gaps />} />
              <Route path="/repeats" element={<Repeats />} />
              <Route path="/pathways" element={<Pathways />} />
              <Route path="/marac" element={<MaracView />} />
              <Route path="/agency" element={<AgencyView me={me} />} />
              <Route path="/partnership" element={<Home me={me} />} />
              <Route path="*" element={<StartPage me={me} overview={<Overview />} agency={<AgencyView me={me} />} />} />
            </Routes>
          </Suspense>
        )}
      </Layout>
    </BrowserRouter>
  );
}
