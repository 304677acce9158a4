import ExcelJS from 'exceljs';
import { AGENCY_QUARTER, asText, CASE_LEVEL, MARAC_QUARTER, type ReturnType } from '@waymark/domain';
import { describe, expect, it } from 'vitest';
import { useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';
import { AGENCY_FIGURES, caseRows, MARAC_FIGURES } from '../support/returns-fixtures.js';

const t = useApi();

const CASES: [ReturnType, 'submitter' | 'marac', Record<string, unknown>[]][] = [
  [AGENCY_QUARTER, 'submitter', [AGENCY_FIGURES]],
  [MARAC_QUARTER, 'marac', [MARAC_FIGURES]],
  [CASE_LEVEL, 'submitter', caseRows(6)],
];

const asCell = (v: unknown) =>
  v === null || v === undefined
    ? ''
    : Array.isArray(v)
      ? v.join(';')
      : typeof v === 'boolean'
        ? v
          ? 'yes'
          : 'no'
        : asText(v);

/** What a data lead's script does with the CSV template: keep it, and write rows under the header. */
function fillCsv(template: string, rows: Record<string, unknown>[]): string {
  const lines = template
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  const header = lines[lines.length - 1].split(',');
  return [...lines, ...rows.map((r) => header.map((k) => asCell(r[k])).join(','))].join('\r\n') + '\r\n';
}

async function fillXlsx(template: Buffer, rows: Record<string, unknown>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('Return')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  rows.forEach((r, i) =>
    header.forEach(
      (k, j) => (sheet.getRow(i + 2).getCell(j + 1).value = typeof r[k] === 'number' ? r[k] : asCell(r[k])),
    ),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('templates', () => {
  it('the CSV template is the header row of every field, in dictionary order, and nothing else', async () => {
    const csv = await t.anonymous().download('/api/returns/templates/agency-quarter.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="waymark-agency-quarter-template.csv"');
    // Comment lines are refused on upload, so the guidance lives in the XLSX template and the dictionary.
    expect(csv.bytes.toString('utf8')).toBe(`\uFEFF${AGENCY_QUARTER.fields.map((f) => f.key).join(',')}\r\n`);
    const guide = new ExcelJS.Workbook();
    await guide.xlsx.load(
      (await t.anonymous().download('/api/returns/templates/agency-quarter.xlsx')).bytes as unknown as ArrayBuffer,
    );
    expect(guide.getWorksheet('Guide')!.getRow(2).values).toEqual([
      undefined,
      'caseload',
      'Caseload',
      'yes',
      expect.any(String),
      expect.stringContaining('Different people your service worked with'),
      expect.any(String),
    ]);
  });

  it('the XLSX template has notes, a guide, the checks and drop-down lists of allowed values', async () => {
    const xlsx = await t.anonymous().download('/api/returns/templates/case-level.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Return', 'Guide', 'Checks', 'Lists']);
    const sheet = book.getWorksheet('Return')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(CASE_LEVEL.fields.map((f) => f.key));
    const roleColumn = CASE_LEVEL.fields.findIndex((f) => f.key === 'role') + 1;
    const roleCell = sheet.getRow(2).getCell(roleColumn);
    expect(roleCell.dataValidation).toMatchObject({
      type: 'list',
      formulae: [expect.stringMatching(/^Lists!\$[A-Z]+\$2:\$[A-Z]+\$3$/)],
    });
    expect(sheet.getRow(1).getCell(1).note).toEqual(expect.stringContaining('keyed hash'));
    const guide = book.getWorksheet('Guide')!;
    expect(guide.getRow(2).getCell(1).value).toBe('person_key');
    expect(book.getWorksheet('Checks')!.rowCount).toBe(CASE_LEVEL.rules.length + 1);
    expect((await t.anonymous().get('/api/returns/templates/case-level.pdf')).status).toBe(404);
    expect((await t.anonymous().get('/api/returns/templates/nothing.csv')).status).toBe(404);
  });

  it('the dictionary is published for forms and scripts', async () => {
    const types = (await t.anonymous().get('/api/returns/types')).body;
    expect(types.map((x: { id: string }) => x.id)).toEqual(['agency-quarter', 'marac-quarter', 'case-level']);
    expect(types[0].fields[0]).toMatchObject({ key: 'caseload', label: 'Caseload', kind: 'count', required: true });
  });

  for (const [type, who, rows] of CASES) {
    for (const format of ['csv', 'xlsx'] as const) {
      it(`a ${type.id} ${format.toUpperCase()} template filled in by a script round-trips to identical stored values`, async () => {
        const client: Client = await t.as(who);
        const template = await t.anonymous().download(`/api/returns/templates/${type.id}.${format}`);
        const filled =
          format === 'csv' ? fillCsv(template.bytes.toString('utf8'), rows) : await fillXlsx(template.bytes, rows);
        const answer = await client.upload(
          `/api/returns/${type.id}`,
          { name: `filled.${format}`, bytes: filled },
          { period: '2025-26 Q1' },
        );
        expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(201);
        expect((await client.get(`/api/returns/${answer.body.id}`)).body.rows).toEqual(rows);
      });
    }
  }
});

describe('the OpenAPI document', () => {
  it('describes each return body with the JSON schema derived from the dictionary', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const agency = doc.components.schemas.AgencyQuarter;
    expect(agency.required).toEqual(['period', 'values']);
    expect(Object.keys(agency.properties.values.properties)).toEqual(AGENCY_QUARTER.fields.map((f) => f.key));
    expect(agency.properties.values.properties.caseload).toMatchObject({ type: 'integer', minimum: 0 });
    const caseLevel = doc.components.schemas.CaseLevel.properties.rows.items.properties;
    expect(caseLevel.role.enum).toEqual(['victim', 'perpetrator', null]);
    expect(caseLevel.person_key.pattern).toBe('^[0-9a-f]{64}$');
    expect(doc.paths['/api/returns/marac-quarter'].post.responses['422']).toBeDefined();
  });
});
