import ExcelJS from 'exceljs';
import { checkSheets, openWorkbook } from '../common/workbook.js';
import { asText, type Framework } from '@waymark/domain';
import { UnreadableUpload } from '../common/unreadable-upload.js';

const text = (v: ExcelJS.CellValue) =>
  (v === null || v === undefined
    ? ''
    : typeof v === 'object' && 'richText' in v
      ? v.richText.map((r) => r.text).join('')
      : asText(v)
  ).trim();

/** A framework as a workbook: one sheet for its details, one for themes, one for standards. */
export async function frameworkToXlsx(doc: Framework): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const about = book.addWorksheet('Framework');
  about.columns = [
    { header: 'field', key: 'field', width: 16 },
    { header: 'value', key: 'value', width: 100 },
  ];
  for (const field of ['key', 'version', 'kind', 'title', 'description'] as const)
    about.addRow({ field, value: doc[field] });
  about.addRow({ field: 'sources', value: doc.sources.join('\n') });
  const themes = book.addWorksheet('Themes');
  themes.columns = [
    { header: 'id', key: 'id', width: 20 },
    { header: 'title', key: 'title', width: 40 },
    { header: 'description', key: 'description', width: 90 },
  ];
  doc.themes.forEach((t) => themes.addRow(t));
  const standards = book.addWorksheet('Standards');
  standards.columns = [
    { header: 'id', key: 'id', width: 12 },
    { header: 'theme', key: 'theme', width: 18 },
    { header: 'statement', key: 'statement', width: 90 },
    { header: 'evidence', key: 'evidence', width: 60 },
    { header: 'sectors', key: 'sectors', width: 40 },
    { header: 'quick_win', key: 'quickWin', width: 10 },
  ];
  doc.standards.forEach((s) =>
    standards.addRow({ ...s, sectors: s.sectors.join(';'), quickWin: s.quickWin ? 'yes' : 'no' }),
  );
  for (const sheet of [about, themes, standards]) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Reads a workbook laid out as frameworkToXlsx writes it; the result is checked by readFramework. */
export async function frameworkFromXlsx(bytes: Buffer): Promise<unknown> {
  const book = await openWorkbook(bytes);
  // The same rules as return workbooks: the three sheets read must be visible, unmerged and free of formulas; nothing else may hold data.
  checkSheets(book, { data: book.worksheets.filter((s) => ['Framework', 'Themes', 'Standards'].includes(s.name)) });
  const sheet = (name: string) => {
    const found = book.getWorksheet(name);
    if (!found) throw new UnreadableUpload('missing_sheet', `The workbook needs a sheet called "${name}"`);
    return found;
  };
  const records = (name: string) => {
    const ws = sheet(name);
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(text);
    const out: Record<string, string>[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      const record = Object.fromEntries(header.map((h, i) => [h, text(values[i] ?? null)]));
      if (Object.values(record).some(Boolean)) out.push(record);
    });
    return out;
  };
  // Columns and fields the export does not write are passed on, when filled in, to be refused by
  // name: nothing in the workbook is dropped unread. Empty ones carry nothing and are left out.
  const filled = (extra: Record<string, string>) =>
    Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== ''));
  const { key, version, kind, title, description, sources, ...aboutExtra } = Object.fromEntries(
    records('Framework').map((r) => [r.field, r.value]),
  );
  return {
    key,
    version,
    kind,
    title,
    description: description ?? '',
    sources: (sources ?? '').split('\n').filter(Boolean),
    ...filled(aboutExtra),
    themes: records('Themes').map(({ id, title, description, ...extra }) => ({
      id,
      title,
      description: description ?? '',
      ...filled(extra),
    })),
    standards: records('Standards').map(
      ({ id, theme, statement, evidence, sectors, quick_win: quickWin, ...extra }) => ({
        id,
        theme,
        statement,
        evidence,
        sectors: (sectors ?? '')
          .split(/[;,]/)
          .map((x) => x.trim())
          .filter(Boolean),
        quickWin: /^(yes|y|true|1)$/i.test(quickWin) ? true : /^(no|n|false|0)$/i.test(quickWin) ? false : quickWin,
        ...filled(extra),
      }),
    ),
  };
}
