import { monthsOf, parseQuarter, type Area, type Marac, type OfferedReportKind } from '@waymark/domain';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { reportQuery, yearOf, type ReportChoice } from './choices';

const FORMAT_NAME = { docx: 'Word', xlsx: 'Excel' } as const;

/** The period in words, with its months: "2026-27 Q2 (July to September 2026)", "the financial year 2025-26 (April 2025 to March 2026)". */
function periodText(kind: OfferedReportKind, choice: ReportChoice): string {
  const [from, to] = [parseQuarter(choice.from), parseQuarter(choice.to)];
  if (!from || !to) return '';
  const months = monthsOf(from, to);
  if (kind.period === 'quarter') return `${choice.from} (${months})`;
  const [first, last] = [yearOf(choice.from), yearOf(choice.to)];
  const soFar = to.quarter === 4 ? '' : ' so far';
  return first === last
    ? `the financial year ${first}${soFar} (${months})`
    : `the financial years ${first} to ${last}${soFar} (${months})`;
}

/**
 * Where to get the report chosen: the file, and for reports read as papers, the page to print. Its
 * heading takes focus when the form has just been sent (`announce`), so the panel is read out; only
 * then, not when it reappears because a choice was changed back.
 */
export function Ready({
  kind,
  choice,
  areas,
  maracs,
  announce,
  announced,
}: {
  kind: OfferedReportKind;
  choice: ReportChoice;
  areas: Area[];
  maracs: Marac[];
  announce: boolean;
  announced: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!announce) return;
    heading.current?.focus();
    announced();
  }, [announce, announced]);
  const query = reportQuery(choice);
  const place =
    maracs.find((m) => m.id === choice.marac)?.name ?? areas.find((a) => a.code === choice.area)?.name ?? choice.area;
  return (
    <div className="waymark-report-ready">
      <h2 className="govuk-heading-m" id="your-report" tabIndex={-1} ref={heading}>
        Your report
      </h2>
      <p className="govuk-body">
        {kind.title} for {place}, {periodText(kind, choice)}.
      </p>
      <p className="govuk-body">
        {choice.figures === 'exact'
          ? 'It has exact figures, so it is marked OFFICIAL-SENSITIVE: do not share it beyond people entitled to see exact figures.'
          : 'Small numbers are hidden in it, so it can be shared with a board or partnership. It is marked OFFICIAL.'}
      </p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`/api/reports/${kind.id}.${kind.format}?${query}`} download>
            Download {kind.title} ({FORMAT_NAME[kind.format]})
          </a>
        </li>
        {kind.printable && (
          <li>
            <Link className="govuk-link" to={`/reports/${kind.id}/print?${query}`}>
              Open print view
            </Link>
          </li>
        )}
      </ul>
    </div>
  );
}
