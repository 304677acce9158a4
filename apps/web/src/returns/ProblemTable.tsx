import type { Problem } from '@waymark/domain';
import { Table } from '../components/Table';

/** Every problem in an upload, in file order, so a data lead can work down the list. */
export function ProblemTable({ problems }: { problems: Problem[] }) {
  return (
    <Table
      id="problems"
      caption={`What to fix (${problems.length})`}
      rows={problems.map((p, i) => ({ ...p, i }))}
      rowKey={(p) => String(p.i)}
      columns={[
        { header: 'Row', cell: (p) => p.row ?? 'Whole file' },
        { header: 'Column', cell: (p) => p.column ?? '—' },
        { header: 'Check', cell: (p) => <code>{p.rule}</code> },
        { header: 'What is wrong', cell: (p) => p.message },
      ]}
    />
  );
}
