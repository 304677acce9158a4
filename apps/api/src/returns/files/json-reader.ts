import type { RawTable } from '@waymark/domain';
import { parseJsonFile } from '../../common/json-file.js';
import { UnreadableUpload } from '../../common/unreadable-upload.js';

export interface JsonReturn {
  table: RawTable;
  period?: unknown;
  agencyId?: unknown;
  maracId?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A return sent as JSON: `{ period, values: {...} }` for one row of figures, `{ period, rows: [...] }`
 * for case-level rows. Row numbers count from 1 in the order sent.
 */
export function tableFromJson(body: unknown): JsonReturn {
  if (!isObject(body))
    throw new UnreadableUpload(
      'json_shape',
      'Send a JSON object with "period" and either "values" (one row of figures) or "rows" (case-level)',
    );
  const { values, rows, period, agencyId, maracId, ...extra } = body;
  const unknown = Object.keys(extra);
  if (unknown.length)
    throw new UnreadableUpload(
      'json_shape',
      `Unexpected properties: ${unknown
        .slice(0, 5)
        .map((k) => JSON.stringify(k.slice(0, 40)))
        .join(', ')}. Send only period, values or rows, and agencyId or maracId.`,
    );
  const list = values !== undefined ? [values] : rows;
  if (!Array.isArray(list))
    throw new UnreadableUpload('json_shape', 'Send "values" as an object of figures, or "rows" as a list of objects');
  const columns: string[] = [];
  const tableRows = list.map((item, index) => {
    if (!isObject(item))
      throw new UnreadableUpload(
        'json_shape',
        `Row ${index + 1} is not an object of column names and values`,
        index + 1,
      );
    for (const key of Object.keys(item)) if (!columns.includes(key)) columns.push(key);
    return { rowNumber: index + 1, cells: item };
  });
  return { table: { headerRow: null, columns, rows: tableRows }, period, agencyId, maracId };
}

export function readJsonFile(bytes: Buffer): JsonReturn {
  return tableFromJson(parseJsonFile(bytes));
}
