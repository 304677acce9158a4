import type { Problem } from './types';

/** Every problem in an upload, in file order, so a data lead can work down the list. */
export function ProblemTable({ problems }: { problems: Problem[] }) {
  return (
    <table className="govuk-table" id="problems" tabIndex={-1}>
      <caption className="govuk-table__caption govuk-table__caption--m">What to fix ({problems.length})</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Row</th>
          <th scope="col" className="govuk-table__header">Column</th>
          <th scope="col" className="govuk-table__header">Check</th>
          <th scope="col" className="govuk-table__header">What is wrong</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {problems.map((p, i) => (
          <tr className="govuk-table__row" key={i}>
            <td className="govuk-table__cell">{p.row ?? 'Whole file'}</td>
            <td className="govuk-table__cell">{p.column ?? '—'}</td>
            <td className="govuk-table__cell"><code>{p.rule}</code></td>
            <td className="govuk-table__cell">{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
