import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  /** The column that names the row, read out as the row's header. */
  rowHeader?: boolean;
}

/**
 * A GOV.UK table with a caption and proper header cells, used for every list and for every chart's data.
 * A table wider than the screen scrolls inside its own box, which takes keyboard focus, so the page never does.
 */
export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  id,
  describedBy,
}: {
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  id?: string;
  describedBy?: string;
}) {
  const numeric = (c: Column<T>) => (c.numeric ? ' govuk-table__header--numeric' : '');
  return (
    <div className="app-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="govuk-table" id={id} tabIndex={id ? -1 : undefined} aria-describedby={describedBy}>
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((c) => (
              <th scope="col" className={`govuk-table__header${numeric(c)}`} key={c.header}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={rowKey(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th scope="row" className={`govuk-table__header${numeric(c)}`} key={c.header}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td className={`govuk-table__cell${c.numeric ? ' govuk-table__cell--numeric' : ''}`} key={c.header}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
