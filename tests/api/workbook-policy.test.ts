import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lyingZip, macroWorkbook } from '../bad-inputs/hostile-files.js';
import { unzip, zipOf } from '../bad-inputs/zip.js';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';
import { AGENCY_FIGURES } from '../support/returns-fixtures.js';

const t = useApi();

type Problem = { row: number | null; column: string | null; rule: string; message: string };
const load = async (bytes: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
};
const save = async (book: ExcelJS.Workbook) => Buffer.from(await book.xlsx.writeBuffer());
const rules = (body: { problems?: Problem[] }) => (body.problems ?? []).map((p) => p.rule);

describe('the workbook rules on the return template', () => {
  let submitter: Client;
  let template: Buffer;
  beforeAll(async () => {
    submitter = await t.as('submitter');
    template = (await t.anonymous().download('/api/returns/templates/agency-quarter.xlsx')).bytes;
  });

  /** The template with the figures typed in, then `change` applied to the book. */
  const filled = async (change: (book: ExcelJS.Workbook) => void = () => undefined) => {
    const book = await load(template);
    const sheet = book.getWorksheet('Return')!;
    (sheet.getRow(1).values as string[])
      .slice(1)
      .forEach((key, i) => (sheet.getRow(2).getCell(i + 1).value = AGENCY_FIGURES[key]));
    change(book);
    return save(book);
  };
  const send = async (bytes: Buffer, period = '2025-26 Q1') =>
    submitter.upload('/api/returns/agency-quarter', { name: 'return.xlsx', bytes }, { period });

  it('accepts the filled template with its guide, checks and hidden lists, even with the lists shown', async () => {
    expect((await send(await filled())).status).toBe(201);
    expect((await send(await filled((b) => (b.getWorksheet('Lists')!.state = 'visible')), '2025-26 Q2')).status).toBe(
      201,
    );
  });

  it('refuses the template once its guide carries anything it did not say, naming the sheet', async () => {
    const answer = await send(
      await filled((b) => (b.getWorksheet('Guide')!.getCell('H4').value = 'Client: seen at home')),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.problems).toEqual([
      expect.objectContaining({ rule: 'extra_sheet', message: expect.stringContaining('"Guide"') }),
    ]);
  });

  it('refuses a hidden data sheet, a second data sheet and an unmerged-looking merge, listing each', async () => {
    const answer = await send(
      await filled((b) => {
        b.getWorksheet('Return')!.mergeCells('A2:B2');
        b.addWorksheet('Scratch', { state: 'veryHidden' }).getCell('A1').value = 'old figures';
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'merged_cells',
          row: 2,
          column: 'caseload',
          message: expect.stringContaining('A2:B2'),
        }),
        expect.objectContaining({ rule: 'hidden_sheet', message: expect.stringContaining('"Scratch"') }),
      ]),
    );
  });

  it('reads the sheet named Return whatever the tab order, and ignores empty extra sheets', async () => {
    const bytes = await filled((b) => {
      b.addWorksheet('Sheet2');
      (b.getWorksheet('Return') as unknown as { orderNo: number }).orderNo = 9; // written last of the tabs
    });
    expect((await load(bytes)).worksheets.map((w) => w.name)).toEqual(['Guide', 'Checks', 'Lists', 'Sheet2', 'Return']);
    expect((await send(bytes, '2025-26 Q3')).status).toBe(201);
  });
});

describe('the workbook rules on audit and framework uploads', () => {
  let submitter: Client;
  let analyst: Client;
  let auditId: string;
  let frameworkId: string;
  beforeAll(async () => {
    submitter = await t.as('submitter');
    analyst = await t.as('analyst');
    auditId = (await submitter.post('/api/audits', { period: '2025-26' })).body.id;
    frameworkId = (await analyst.get('/api/standards/frameworks')).body[0].id;
  });
  const putAudit = async (bytes: Buffer) =>
    submitter.upload(`/api/audits/${auditId}/ratings`, { name: 'audit.xlsx', bytes }, {}, 'PUT');
  const exported = async () => load((await submitter.download(`/api/audits/${auditId}/export.xlsx`)).bytes);

  it('takes the exported audit back with its About sheet, and refuses formulas, extra data and hidden sheets in it', async () => {
    const book = await exported();
    book.getWorksheet('Audit')!.getCell('E2').value = 'Met';
    expect((await putAudit(await save(book))).status).toBe(200);

    book.getWorksheet('Audit')!.getCell('F2').value = {
      formula: 'CONCAT("policy ","v2")',
      result: 'policy v2',
    };
    const formula = await putAudit(await save(book));
    expect(formula.status).toBe(422);
    expect(formula.body.problems).toEqual([
      expect.objectContaining({
        rule: 'formula',
        row: 2,
        column: 'evidence_ref',
        message: expect.stringContaining('Cell F2'),
      }),
    ]);

    const other = await exported();
    other.getWorksheet('About')!.addRow(['Notes', 'called the client back']);
    other.getWorksheet('Audit')!.state = 'hidden';
    other.addWorksheet('Shown').getCell('A1').value = 'x';
    expect(rules((await putAudit(await save(other))).body).sort()).toEqual([
      'extra_sheet',
      'extra_sheet',
      'hidden_sheet',
    ]);
  });

  it('refuses a macro workbook and a lying zip as an audit, before anything is read', async () => {
    expect(rules((await putAudit(await macroWorkbook())).body)).toEqual(['macro']);
    const bomb = await putAudit(lyingZip());
    expect([bomb.status, rules(bomb.body)]).toEqual([413, ['zip_bomb']]);
  });

  it('imports the exported framework workbook, and refuses one with a formula or a linked part', async () => {
    const book = await load((await analyst.download(`/api/standards/frameworks/${frameworkId}/export.xlsx`)).bytes);
    book.getWorksheet('Framework')!.getRow(3).getCell(2).value = '7.1';
    expect(
      (await analyst.upload('/api/standards/frameworks', { name: 'f.xlsx', bytes: await save(book) })).status,
    ).toBe(201);

    book.getWorksheet('Framework')!.getRow(3).getCell(2).value = '7.2';
    book.getWorksheet('Standards')!.getCell('C2').value = { formula: 'A1&B1', result: 'x' };
    const formula = await analyst.upload('/api/standards/frameworks', { name: 'f.xlsx', bytes: await save(book) });
    expect([formula.status, rules(formula.body)]).toEqual([422, ['formula']]);

    const parts = unzip(await save(book)).map((p) =>
      p.name === 'xl/_rels/workbook.xml.rels'
        ? {
            ...p,
            data: Buffer.from(
              p.data
                .toString()
                .replace(
                  '</Relationships>',
                  '<Relationship Id="rX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="https://example.invalid/t.xltx" TargetMode="External"/></Relationships>',
                ),
            ),
          }
        : p,
    );
    expect(
      rules((await analyst.upload('/api/standards/frameworks', { name: 'f.xlsx', bytes: zipOf(parts) })).body),
    ).toEqual(['external_link']);
  });

  it('reads framework JSON strictly, as a file and as a body', async () => {
    const doc = (await analyst.get(`/api/standards/frameworks/${frameworkId}/export.json`)).body;
    const text = JSON.stringify({ ...doc, version: '8.0' }).replace(
      '"version":"8.0"',
      '"version":"8.0","version":"8.1"',
    );
    const file = await analyst.upload('/api/standards/frameworks', { name: 'f.json', bytes: text });
    expect(file.status).toBe(422);
    expect(file.body.problems).toEqual([expect.objectContaining({ rule: 'duplicate_key', column: 'version', row: 1 })]);
    const body = await fetch(`${t.api.baseUrl}/api/standards/frameworks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: (analyst as unknown as { cookie: string }).cookie },
      body: text,
    });
    expect(body.status).toBe(422);
    expect(((await body.json()) as { problems: Problem[] }).problems).toEqual([
      expect.objectContaining({ rule: 'duplicate_key', column: 'version' }),
    ]);
    const [{ n }] = await queryDatabase<{ n: number }>(
      t.db.url,
      "SELECT count(*)::int AS n FROM standards_framework WHERE version LIKE '8.%'",
    );
    expect(n).toBe(0);
  });
});
