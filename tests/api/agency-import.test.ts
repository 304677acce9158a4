import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import { Client } from '../support/http.js';
import { toCsv } from '../support/returns-fixtures.js';

const t = useApi();

const COLUMNS = ['name', 'sector_code', 'district_code', 'joint_working_model_code', 'expected_return_types'];
const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';

const csvFile = (rows: Record<string, unknown>[], columns = COLUMNS) => ({
  name: 'agencies.csv',
  bytes: toCsv(columns, rows),
});
const agencyCount = async () =>
  Number((await queryDatabase<{ n: string }>(t.db.url, 'SELECT count(*) AS n FROM agency'))[0].n);
const importEvents = () =>
  queryDatabase<{ actor_email: string; area_code: string | null; summary: string; details: { count: number } }>(
    t.db.url,
    "SELECT * FROM audit_event WHERE action = 'agencies_imported' ORDER BY id",
  );

describe('importing agencies from a file', () => {
  let admin: Client;

  beforeAll(async () => {
    admin = await t.as('admin');
  });

  it('offers a CSV template (the header row) and an XLSX template with notes, a guide, the districts and drop-down lists', async () => {
    const csv = await admin.download('/api/agencies/import/template.csv');
    expect(csv.status).toBe(200);
    expect(csv.bytes.toString('utf8')).toBe(`\uFEFF${COLUMNS.join(',')}\r\n`);

    const xlsx = await admin.download('/api/agencies/import/template.xlsx');
    expect(xlsx.headers.get('content-disposition')).toContain('waymark-agencies-template.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Agencies', 'visible'],
      ['Guide', 'visible'],
      ['Districts', 'visible'],
      ['Lists', 'hidden'],
    ]);
    const sheet = book.getWorksheet('Agencies')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS);
    expect(sheet.getCell('B1').note).toEqual(expect.stringContaining('Sector'));
    expect(sheet.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['Lists!$A$2:$A$14'] });
    expect(sheet.getCell('C2').dataValidation.formulae[0]).toMatch(/^Districts!\$A\$2:\$A\$\d+$/);
    const districts = book.getWorksheet('Districts')!;
    expect([districts.getCell('A2').value, districts.getCell('B2').value]).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[EW]\d{8}$/)]),
    );
    const guide = JSON.stringify(book.getWorksheet('Guide')!.getSheetValues());
    for (const code of ['idva_service', 'joint_liaison', 'case-level']) expect(guide).toContain(code);

    expect((await t.anonymous().get('/api/agencies/import/template.csv')).status).toBe(401);
    expect((await (await t.as('viewer')).get('/api/agencies/import/template.csv')).status).toBe(403);
    expect((await admin.get('/api/agencies/import/template.pdf')).status).toBe(404);
  });

  it('refuses a file with bad rows, listing every problem with its row, column and rule, and stores nothing', async () => {
    const [refuge] = (await admin.get(`/api/agencies?area=${HARTLEPOOL}&sector=refuge`)).body;
    const before = await agencyCount();
    const good = {
      name: 'Hartlepool Harbour Project',
      sector_code: 'domestic_abuse_service',
      district_code: HARTLEPOOL,
    };
    const answer = await admin.upload(
      '/api/agencies/import',
      csvFile([
        good, // row 2
        { ...good, name: '' }, // 3
        { ...good, name: 'Bakery', sector_code: 'bakery', joint_working_model_code: 'ad hoc' }, // 4
        { ...good, name: 'Nowhere service', district_code: 'E99999999' }, // 5
        { ...good, name: 'hartlepool harbour project' }, // 6: repeats row 2
        { ...good, name: refuge.name.toUpperCase() }, // 7: already exists
        { ...good, name: 'Ring 07700 900123 for help' }, // 8
        { ...good, name: 'Recovery hub', expected_return_types: 'agency-quarter;marac-quarter' }, // 9
        { ...good, name: 'x'.repeat(201) }, // 10
      ]),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.message).toBe('The agencies were not imported: the file has 9 problems. Nothing was stored.');
    expect(
      answer.body.problems.map((p: { row: number; column: string; rule: string }) => [p.row, p.column, p.rule]),
    ).toEqual([
      [3, 'name', 'required'],
      [4, 'sector_code', 'allowed_values'],
      [4, 'joint_working_model_code', 'allowed_values'],
      [5, 'district_code', 'unknown_district'],
      [6, 'name', 'duplicate_in_file'],
      [7, 'name', 'already_exists'],
      [8, 'name', 'identifier'],
      [9, 'expected_return_types', 'allowed_values'],
      [10, 'name', 'too_long'],
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('07700');
    expect(await agencyCount()).toBe(before);
    expect(await importEvents()).toEqual([]);
    // The refusal is on the audit trail as an upload refused: how many problems and of which kinds, never what the file said.
    const refused = await queryDatabase<{
      summary: string;
      details: { status: number; problems: number; rules: string[] };
    }>(
      t.db.url,
      "SELECT summary, details FROM audit_event WHERE action = 'agencies_import_refused' ORDER BY id DESC LIMIT 1",
    );
    expect(refused[0]).toMatchObject({
      summary: 'Refused a file of agencies: 9 problems',
      details: { status: 422, problems: 9 },
    });
    expect(refused[0].details.rules).toEqual(expect.arrayContaining(['required', 'identifier', 'unknown_district']));
    expect(JSON.stringify(refused)).not.toContain('07700');
  });

  it('refuses a header that is not the template’s, naming each column', async () => {
    const answer = await admin.upload(
      '/api/agencies/import',
      csvFile(
        [{ name: 'A service', sector: 'refuge', district_code: HARTLEPOOL }],
        ['name', 'sector', 'district_code'],
      ),
    );
    expect(answer.status).toBe(422);
    expect(
      answer.body.problems.map((p: { row: number; column: string; rule: string }) => [p.row, p.column, p.rule]),
    ).toEqual([
      [1, 'sector', 'unknown_column'],
      [1, 'sector_code', 'missing_column'],
    ]);
  });

  it('imports a good CSV whole, each agency due to send the returns its row names, with one audit event', async () => {
    const before = await agencyCount();
    const answer = await admin.upload(
      '/api/agencies/import',
      csvFile([
        {
          name: 'Tees Valley Recovery',
          sector_code: 'drug_alcohol_service',
          district_code: MIDDLESBROUGH,
          joint_working_model_code: 'joint_liaison',
          expected_return_types: 'agency-quarter;case-level',
        },
        { name: 'Middlesbrough Housing Options', sector_code: 'housing', district_code: MIDDLESBROUGH },
      ]),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.created.map((c: { name: string }) => c.name)).toEqual([
      'Tees Valley Recovery',
      'Middlesbrough Housing Options',
    ]);
    expect(await agencyCount()).toBe(before + 2);
    const recovery = (await admin.get(`/api/agencies/${answer.body.created[0].id}`)).body;
    expect(recovery).toMatchObject({
      sector: 'drug_alcohol_service',
      areaCode: MIDDLESBROUGH,
      jointWorkingModel: 'joint_liaison',
      active: true,
    });

    const schedules = await queryDatabase<{ agency_id: string; return_type: string }>(
      t.db.url,
      'SELECT agency_id, return_type FROM return_schedule WHERE agency_id = ANY($1) ORDER BY agency_id, return_type',
      [answer.body.created.map((c: { id: string }) => c.id)],
    );
    const typesOf = (id: string) => schedules.filter((s) => s.agency_id === id).map((s) => s.return_type);
    expect(typesOf(answer.body.created[0].id)).toEqual(['agency-quarter', 'case-level']);
    expect(typesOf(answer.body.created[1].id)).toEqual(['agency-quarter']);

    const events = await importEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_email: 'admin@demo.waymark.test',
      area_code: MIDDLESBROUGH,
      summary: 'Imported 2 agencies from a CSV file',
      details: { count: 2 },
    });
  });

  it('imports the XLSX template filled in, its guide and lists left in place', async () => {
    const template = await admin.download('/api/agencies/import/template.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Agencies')!;
    sheet.getRow(2).values = ['Stockton Family Support', 'childrens_social_care', 'E06000004', '', ''];
    sheet.getRow(3).values = ['Stockton Idva Team', 'idva_service', 'E06000004', 'parallel', 'agency-quarter'];
    const answer = await admin.upload('/api/agencies/import', {
      name: 'agencies.xlsx',
      bytes: Buffer.from(await book.xlsx.writeBuffer()),
    });
    expect(answer.status).toBe(201);
    expect(answer.body.created.map((c: { name: string }) => c.name)).toEqual([
      'Stockton Family Support',
      'Stockton Idva Team',
    ]);
    expect(
      (await admin.get('/api/agencies?area=E06000004&sector=idva_service')).body.map((a: { name: string }) => a.name),
    ).toContain('Stockton Idva Team');

    book.addWorksheet('Notes').getCell('A1').value = 'Stockton Refuge Two, refuge, E06000004';
    sheet.getRow(2).values = ['Stockton Refuge Two', 'refuge', 'E06000004'];
    sheet.getRow(3).values = [];
    const extra = await admin.upload('/api/agencies/import', {
      name: 'agencies.xlsx',
      bytes: Buffer.from(await book.xlsx.writeBuffer()),
    });
    expect(extra.status).toBe(422);
    expect(extra.body.problems[0].rule).toBe('extra_sheet');
  });

  it('lets an analyst granted Hartlepool import into Hartlepool only', async () => {
    const created = (
      await admin.post('/api/users', {
        email: 'importer@demo.waymark.test',
        displayName: 'Importer',
        role: 'analyst',
        areaCodes: [HARTLEPOOL],
      })
    ).body;
    const analyst = await new Client(t.api.baseUrl).signIn('importer@demo.waymark.test', created.initialPassword);
    const before = await agencyCount();
    const mixed = await analyst.upload(
      '/api/agencies/import',
      csvFile([
        { name: 'Hartlepool Outreach', sector_code: 'domestic_abuse_service', district_code: HARTLEPOOL },
        { name: 'Middlesbrough Outreach', sector_code: 'domestic_abuse_service', district_code: MIDDLESBROUGH },
      ]),
    );
    expect(mixed.status).toBe(403);
    expect(mixed.body.problems).toEqual([
      {
        row: 3,
        column: 'district_code',
        rule: 'outside_your_areas',
        message: 'Middlesbrough (E06000002) is not in the areas you are granted, so you cannot add agencies there',
      },
    ]);
    expect(await agencyCount()).toBe(before);

    const own = await analyst.upload(
      '/api/agencies/import',
      csvFile([{ name: 'Hartlepool Outreach', sector_code: 'domestic_abuse_service', district_code: HARTLEPOOL }]),
    );
    expect(own.status).toBe(201);
    expect((await importEvents()).at(-1)).toMatchObject({
      actor_email: 'importer@demo.waymark.test',
      area_code: HARTLEPOOL,
    });

    // One at a time, too: an agency in Hartlepool yes, in Middlesbrough no, and none moved there.
    expect(
      (
        await analyst.post('/api/agencies', {
          name: 'Middlesbrough Drop-in',
          sector: 'refuge',
          areaCode: MIDDLESBROUGH,
        })
      ).status,
    ).toBe(403);
    const mine = await analyst.post('/api/agencies', {
      name: 'Hartlepool Drop-in',
      sector: 'refuge',
      areaCode: HARTLEPOOL,
    });
    expect(mine.status).toBe(201);
    expect((await analyst.request('PATCH', `/api/agencies/${mine.body.id}`, { areaCode: MIDDLESBROUGH })).status).toBe(
      403,
    );
    const theirs = (await admin.get(`/api/agencies?area=${MIDDLESBROUGH}`)).body[0];
    expect((await analyst.request('PATCH', `/api/agencies/${theirs.id}`, { name: 'Renamed' })).status).toBe(404);
    expect((await admin.get(`/api/agencies/${theirs.id}`)).body.name).toBe(theirs.name);
    expect((await (await t.as('viewer')).upload('/api/agencies/import', csvFile([]))).status).toBe(403);
  });
});
