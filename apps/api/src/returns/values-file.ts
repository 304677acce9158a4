import type { FieldDef, ReturnType } from '@waymark/domain';
import { csvCell } from '../analytics/tabular.js';

/** A validated value written as the templates ask for it, so the file can be sent again as it is. */
function cellText(field: FieldDef, value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (field.kind === 'yes_no') return value ? 'yes' : 'no';
  if (field.kind === 'codes') return (value as string[]).join(';');
  return value as string | number;
}

/**
 * "What was sent", rebuilt from the validated values: a CSV in the template's layout (one header row
 * of field keys). Waymark never keeps uploaded files, which could carry what no check ever read.
 */
export function valuesCsv(type: ReturnType, rows: Record<string, unknown>[]): string {
  const lines = [
    type.fields.map((f) => csvCell(f.key)).join(','),
    ...rows.map((row) => type.fields.map((f) => csvCell(cellText(f, row[f.key]))).join(',')),
  ];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
