import type { ReactNode } from 'react';
import { REPORT_READERS, type SignedInPerson } from '@waymark/domain';
import { Link, NavLink, useLocation } from 'react-router';

const SENDS_RETURNS = ['admin', 'agency_submitter', 'marac_coordinator'];
const READS_AUDIT_TRAIL = ['admin', 'analyst'];
/** Administrators everywhere, analysts in the areas they are granted. */
const MANAGES_AREAS = ['admin', 'analyst'];
const MANAGEMENT_VIEWS: [string, string][] = [
  ['/people', 'People'],
  ['/standards/adoption', 'Standards adoption'],
  ['/maracs', 'Maracs'],
  ['/schedules', 'Return schedules'],
];

/** The partnership views, for everyone except agency staff, whose start page is their own agency. */
const PARTNERSHIP_VIEWS: [string, string][] = [
  ['/gaps', 'Gaps'],
  ['/repeats', 'Repeat rates'],
  ['/pathways', 'Referral pathways'],
  ['/marac', 'Marac'],
];

export function Layout({
  me,
  onSignOut,
  children,
}: {
  me: SignedInPerson | null;
  onSignOut: () => void;
  children: ReactNode;
}) {
  // Moving between dashboard views keeps the chosen filters, which live in the address.
  const { search } = useLocation();
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <a href="/" className="govuk-generic-header__homepage-link">
              Waymark
            </a>
          </div>
        </div>
      </header>
      <div className="govuk-width-container">
        <div className="govuk-phase-banner">
          <p className="govuk-phase-banner__content">
            <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
            <span className="govuk-phase-banner__text">
              Dual-issue partnership dashboard. Returns hold counts and anonymised episodes only: never enter anything
              that identifies a person.
            </span>
          </p>
        </div>
        {me && (
          <div className="govuk-grid-row govuk-!-margin-top-3 waymark-no-print">
            <p className="govuk-body govuk-grid-column-two-thirds">
              Signed in as <strong>{me.displayName}</strong> ({me.roleLabel}).{' '}
              <Link className="govuk-link" to="/account/password">
                Change your password
              </Link>
            </p>
            <div className="govuk-grid-column-one-third govuk-!-text-align-right">
              <button
                type="button"
                className="govuk-button govuk-button--secondary waymark-sign-out"
                onClick={onSignOut}
              >
                Sign out
              </button>
            </div>
          </div>
        )}
        {me && (
          <nav aria-label="Main" className="waymark-nav">
            <ul className="govuk-list waymark-nav__list">
              <li>
                <NavLink className="govuk-link govuk-link--no-visited-state" to={{ pathname: '/', search }} end>
                  {me.agencyId ? 'Your agency' : 'Overview'}
                </NavLink>
              </li>
              {!me.agencyId &&
                PARTNERSHIP_VIEWS.map(([to, label]) => (
                  <li key={to}>
                    <NavLink className="govuk-link govuk-link--no-visited-state" to={{ pathname: to, search }}>
                      {label}
                    </NavLink>
                  </li>
                ))}
              {SENDS_RETURNS.includes(me.role) && (
                <li>
                  <NavLink className="govuk-link govuk-link--no-visited-state" to="/returns/send">
                    Send a return
                  </NavLink>
                </li>
              )}
              <li>
                <NavLink className="govuk-link govuk-link--no-visited-state" to="/returns/completeness">
                  Who has sent returns
                </NavLink>
              </li>
              <li>
                <NavLink className="govuk-link govuk-link--no-visited-state" to="/audits">
                  Self-audits
                </NavLink>
              </li>
              {!me.agencyId && (
                <li>
                  <NavLink className="govuk-link govuk-link--no-visited-state" to="/partnership">
                    Areas and agencies
                  </NavLink>
                </li>
              )}
              {REPORT_READERS.includes(me.role) && (
                <li>
                  <NavLink className="govuk-link govuk-link--no-visited-state" to="/reports">
                    Reports
                  </NavLink>
                </li>
              )}
              {READS_AUDIT_TRAIL.includes(me.role) && (
                <li>
                  <NavLink className="govuk-link govuk-link--no-visited-state" to="/audit-trail">
                    Audit trail
                  </NavLink>
                </li>
              )}
              {MANAGES_AREAS.includes(me.role) &&
                MANAGEMENT_VIEWS.map(([to, label]) => (
                  <li key={to}>
                    <NavLink className="govuk-link govuk-link--no-visited-state" to={to}>
                      {label}
                    </NavLink>
                  </li>
                ))}
            </ul>
          </nav>
        )}
        <main className="govuk-main-wrapper" id="main-content" role="main">
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <p className="govuk-footer__meta-custom govuk-body-s">
            Waymark shows anonymised, aggregate figures only. Small numbers are suppressed for viewers.
          </p>
        </div>
      </footer>
    </>
  );
}
