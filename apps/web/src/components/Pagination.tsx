import { Link } from 'react-router';

const ARROW = {
  prev: 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z',
  next: 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z',
};

const Arrow = ({ to }: { to: 'prev' | 'next' }) => (
  <svg
    className={`govuk-pagination__icon govuk-pagination__icon--${to}`}
    xmlns="http://www.w3.org/2000/svg"
    height="13"
    width="15"
    aria-hidden="true"
    focusable="false"
    viewBox="0 0 15 13"
  >
    <path d={ARROW[to]} />
  </svg>
);

/** GOV.UK pagination with previous and next links only; nothing when everything fits on one page. */
export function Pagination({
  page,
  pages,
  linkTo,
  label,
}: {
  page: number;
  pages: number;
  linkTo: (page: number) => string;
  label: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label={label}>
      {page > 1 && (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={linkTo(page - 1)} rel="prev">
            <Arrow to="prev" />
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">
              {page - 1} of {pages}
            </span>
          </Link>
        </div>
      )}
      {page < pages && (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={linkTo(page + 1)} rel="next">
            <Arrow to="next" />
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">
              {page + 1} of {pages}
            </span>
          </Link>
        </div>
      )}
    </nav>
  );
}
