import { useId, useRef, useState, type ReactNode } from 'react';
import { download, fileSlug, toCsv } from '../lib/csv';
import { Table } from './Table';

type Cell = string | number | null;

/** One column of a chart's data: how it reads in the table and what goes into the CSV. */
export interface DataColumn<T> {
  header: string;
  /** The CSV cell: a number stays a number, in the unit the header names; empty when there is none. */
  value: (row: T) => Cell;
  /** Shown in the table instead of the raw value (for example "<5" or "31.2%"). */
  display?: (row: T) => ReactNode;
  numeric?: boolean;
  /** The CSV's columns for this one when they differ from the table's, such as an interval's two ends. */
  csv?: { header: string; value: (row: T) => Cell }[];
}

/** The CSV: numbers only in figure columns, and a last "Suppressed" column saying which rows had figures withheld. */
function csvOf<T>(columns: DataColumn<T>[], rows: T[], suppressed: ((row: T) => boolean) | undefined): string {
  const cells = columns.flatMap((c) => c.csv ?? [{ header: c.header, value: c.value }]);
  if (suppressed) cells.push({ header: 'Suppressed', value: (r) => (suppressed(r) ? 'Yes' : 'No') });
  return toCsv(
    cells.map((c) => c.header),
    rows.map((r) => cells.map((c) => c.value(r))),
  );
}

interface Props<T> {
  title: string;
  /** One plain-English sentence saying what the chart shows. */
  summary: string;
  rows: T[];
  columns: DataColumn<T>[];
  rowKey: (row: T) => string;
  /** The chart itself; omitted when the table is the view (for example a heatmap). */
  chart?: ReactNode;
  /** Shown beside the chart when the answer had small numbers hidden. */
  suppressionNote?: string | null;
  /** False when the "chart" is itself HTML (a heatmap table), so there is no picture to download. */
  picture?: boolean;
  /** A long table with no chart: starts closed behind the same show/hide button. */
  collapsible?: boolean;
  /** Rows with figures withheld because they are small (their CSV cells are empty and say so in a "Suppressed" column). */
  suppressed?: (row: T) => boolean;
  /** Shown under the summary: where a benchmark comes from and which period it covers. */
  note?: ReactNode;
  /** The chart has marks a keyboard can reach (a funnel plot's points): a group, not a single picture. */
  interactive?: boolean;
}

/**
 * Every chart comes with a summary sentence, its data as a table (shown on request) and downloads
 * of the data (CSV) and the picture (SVG), so nobody depends on seeing the chart.
 */
export function ChartPanel<T>({
  title,
  summary,
  rows,
  columns,
  rowKey,
  chart,
  suppressionNote,
  picture = true,
  collapsible = false,
  suppressed,
  note,
  interactive = false,
}: Props<T>) {
  const id = useId().replace(/:/g, '');
  const [showTable, setShowTable] = useState(!chart && !collapsible);
  const chartRef = useRef<HTMLDivElement>(null);
  const name = fileSlug(title);

  const downloadCsv = () =>
    download(`${name}.csv`, 'text/csv;charset=utf-8', '\uFEFF' + csvOf(columns, rows, suppressed));
  const downloadSvg = () => {
    const svg = chartRef.current?.querySelector('svg.recharts-surface, svg');
    if (!svg) return;
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    const heading = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    heading.textContent = `${title}. ${summary}`;
    copy.prepend(heading);
    download(`${name}.svg`, 'image/svg+xml', new XMLSerializer().serializeToString(copy));
  };

  return (
    <section className="waymark-panel" aria-labelledby={`${id}-title`}>
      <h2 className="govuk-heading-m" id={`${id}-title`}>
        {title}
      </h2>
      <p className="govuk-body" id={`${id}-summary`}>
        {summary}
      </p>
      {note}
      {suppressionNote && <p className="govuk-body-s waymark-panel__note">{suppressionNote}</p>}
      {chart &&
        rows.length > 0 &&
        (picture ? (
          <div
            className="waymark-panel__chart"
            role={interactive ? 'group' : 'img'}
            aria-label={`${title}. ${summary}`}
            ref={chartRef}
          >
            {chart}
          </div>
        ) : (
          chart
        ))}
      <div className="waymark-panel__actions">
        {(chart || collapsible) && (
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            aria-expanded={showTable}
            aria-controls={`${id}-table`}
            onClick={() => setShowTable(!showTable)}
          >
            {showTable ? 'Hide data table' : 'Show data table'}
            <span className="govuk-visually-hidden"> for {title}</span>
          </button>
        )}
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={downloadCsv}
          disabled={rows.length === 0}
        >
          Download CSV<span className="govuk-visually-hidden"> for {title}</span>
        </button>
        {chart && picture && rows.length > 0 && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={downloadSvg}>
            Download image (SVG)<span className="govuk-visually-hidden"> for {title}</span>
          </button>
        )}
      </div>
      <div id={`${id}-table`} hidden={!showTable}>
        {showTable && (
          <Table
            caption={`${title}: data`}
            describedBy={`${id}-summary`}
            rows={rows}
            rowKey={rowKey}
            columns={columns.map((c, i) => ({
              header: c.header,
              numeric: c.numeric,
              rowHeader: i === 0,
              cell: (r: T) => (c.display ? c.display(r) : (c.value(r) ?? '—')),
            }))}
          />
        )}
      </div>
    </section>
  );
}
