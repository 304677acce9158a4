import { longDate, reportKind, type Report, type ReportSection, type ReportTable } from '@waymark/domain';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api';
import { Table } from '../components/Table';
import { Waiting } from '../dashboard/common';
import { useLoad } from '../lib/useLoad';
import { ReportChart } from './ReportChart';

type Row = { key: string; cells: string[] };

function NumberedTable({ table, number }: { table: ReportTable; number: number }) {
  const rows: Row[] = table.rows.map((cells, i) => ({ key: String(i), cells }));
  const columns = table.head.map((header, i) => ({
    header,
    numeric: table.numeric[i],
    rowHeader: i === 0,
    cell: (r: Row) => r.cells[i],
  }));
  return <Table caption={`Table ${number}: ${table.caption}`} columns={columns} rows={rows} rowKey={(r) => r.key} />;
}

/** A section of the report; `firstTable` and `firstFigure` are the numbers its first table and chart take, as both are numbered through the whole report. */
function Section({
  section,
  firstTable,
  firstFigure,
}: {
  section: ReportSection;
  firstTable: number;
  firstFigure: number;
}) {
  return (
    <section className="waymark-report__section" aria-labelledby={`section-${section.id}`}>
      <h2 className="govuk-heading-l" id={`section-${section.id}`}>
        {section.title}
      </h2>
      <p className="govuk-body">{section.summary}</p>
      {section.charts.map((chart, i) => (
        <ReportChart key={i} chart={chart} number={firstFigure + i} />
      ))}
      {section.tables.map((table, i) => (
        <NumberedTable key={`${i}:${table.caption}`} table={table} number={firstTable + i} />
      ))}
      {section.notes.map((note) => (
        <p className="govuk-body-s waymark-panel__note" key={note}>
          {note}
        </p>
      ))}
    </section>
  );
}

/** The only markings a report carries; anything else is never written into the stylesheet. */
const MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const;

/**
 * The report's security marking at the top and bottom of every printed page, in the page's margin
 * boxes. The text depends on the report, so it is written as a small stylesheet of its own.
 */
function MarkingOnEveryPage({ label }: { label: Report['marking']['label'] }) {
  const marking = MARKINGS.find((m) => m === label) ?? 'OFFICIAL-SENSITIVE';
  const box = `content: "${marking}"; font: bold 11pt Arial, sans-serif; color: #0b0c0c;`;
  return <style>{`@page { @top-center { ${box} } @bottom-center { ${box} } }`}</style>;
}

function Printable({ report }: { report: Report }) {
  // The document title names the printed file and heads each printed page.
  useEffect(() => {
    document.title = `${report.title}: ${report.subtitle} – Waymark`;
  }, [report]);
  const firstOf = (count: (s: ReportSection) => number) => {
    let next = 1;
    return report.sections.map((s) => (next += count(s)) - count(s));
  };
  const firstTables = firstOf((s) => s.tables.length);
  const firstFigures = firstOf((s) => s.charts.length);
  return (
    <article className="waymark-report">
      <MarkingOnEveryPage label={report.marking.label} />
      <div className="govuk-inset-text waymark-report__marking" id="marking">
        <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{report.marking.label}</p>
        <p className="govuk-body govuk-!-margin-bottom-0">{report.marking.note}</p>
      </div>
      <div className="waymark-report__cover">
        <h1 className="govuk-heading-xl">{report.title}</h1>
        <p className="govuk-body-l">{report.subtitle}</p>
        <p className="govuk-body">Made on {longDate(report.madeAt)}.</p>
        <p className="govuk-body">{report.rules.statement}</p>
      </div>
      {report.sections.map((section, i) => (
        <Section key={section.id} section={section} firstTable={firstTables[i]} firstFigure={firstFigures[i]} />
      ))}
      <section className="waymark-report__section" aria-labelledby="section-sources">
        <h2 className="govuk-heading-l" id="section-sources">
          Sources
        </h2>
        <ul className="govuk-list govuk-list--bullet waymark-break">
          {report.sources.map((source) => (
            <li key={source}>{source}</li>
          ))}
        </ul>
      </section>
    </article>
  );
}

/** A report as a page to print or save as PDF: the same content as the Word file, laid out for A4. */
export function ReportPrint() {
  const { kind = '' } = useParams();
  const [params] = useSearchParams();
  const known = reportKind(kind);
  const query = params.toString();
  const report = useLoad(
    () => (known?.printable ? api<Report>(`/reports/${kind}?${query}`) : Promise.reject(new Error())),
    [kind, query],
  );
  if (!known?.printable)
    return (
      <>
        <h1 className="govuk-heading-l">There is no print view for this report</h1>
        <p className="govuk-body">
          <Link className="govuk-link" to="/reports">
            Choose a report
          </Link>
        </p>
      </>
    );
  const wordUrl = `/api/reports/${kind}.docx?${query}`;
  return (
    <>
      <div className="waymark-no-print waymark-report__actions">
        <button type="button" className="govuk-button" onClick={() => window.print()}>
          Print this report
        </button>
        <a className="govuk-link" href={wordUrl} download>
          Download as Word
        </a>
        <Link className="govuk-link" to={`/reports?kind=${kind}&${query}`}>
          Choose another report
        </Link>
      </div>
      <Waiting loaded={report} what="report">
        {(r) => <Printable report={r} />}
      </Waiting>
    </>
  );
}
