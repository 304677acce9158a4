import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_QUARTER } from '@waymark/domain';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import type { Client, HttpAnswer } from '../support/http.js';
import { AGENCY_FIGURES, toCsv } from '../support/returns-fixtures.js';

const t = useApi();
const seed = JSON.parse(readFileSync('seeds/standards/dual-issue-practice-1.0.json', 'utf8'));

/**
 * Issue 12: identifiers written the ways the old checks missed, each inside the kind of sentence
 * people type, with a piece of it that must never come back in an answer. Synthetic values only.
 */
const FORMS: { what: string; text: string; secret: string }[] = [
  { what: 'an NHS number written 3-4-3', text: 'Checked against 943 4765 919', secret: '4765' },
  { what: 'a dotted NHS number', text: 'Record 943.476.5919 seen', secret: '476.5919' },
  { what: 'an NHS number in full-width digits', text: 'Record ９４３４７６５９１９ seen', secret: '９４３' },
  { what: 'a postcode without a space', text: 'Home visit at TS247AB', secret: 'TS247AB' },
  { what: 'an NI number with dashes', text: 'NI QQ-12-34-56-C on file', secret: 'QQ-12' },
  { what: 'a phone number in brackets', text: 'Call her on (01632) 960 123', secret: '960 123' },
  { what: 'a phone number written +44 (0)', text: 'Call +44 (0)7700 900123', secret: '900123' },
  { what: 'an email address', text: 'Sent to someone@example.org', secret: 'someone@' },
  { what: 'a name with a date of birth', text: 'Jane Smith 17/03/1984 discussed', secret: 'Jane Smith' },
  { what: 'a labelled date of birth', text: 'Client DOB 17th March 1984', secret: '1984' },
  // Found by an outside tester after the checks above: each was accepted and stored.
  { what: 'an NHS number glued to its label', text: 'NHS9434765919', secret: '9434765919' },
  { what: 'an NHS number split by commas', text: 'nhs:943,476,5919', secret: '943,476' },
  { what: 'an NHS number split by underscores', text: '943_476_5919', secret: '943_476' },
  { what: 'a lower-case name with a date of birth', text: 'jane smith 17/03/1984', secret: 'jane smith' },
  { what: 'a lower-case name with an ISO date of birth', text: 'jane smith 1984-03-17', secret: '1984-03-17' },
  { what: 'a date of birth labelled b.', text: 'Jane Smith b. 17/03/1984', secret: 'b. 17' },
  { what: 'a date of birth written ddmmyyyy', text: 'Jane Smith 17031984', secret: '17031984' },
  { what: 'a name, a word, then a date of birth', text: 'Jane Smith, seen 17/03/1984', secret: 'seen 17' },
  { what: 'a name, an age, then a date of birth', text: 'Jane Smith (age 40) 17/03/1984', secret: 'age 40' },
  { what: 'a title and surname, a word, then a date of birth', text: 'Mrs Jones seen 17/03/1984', secret: 'Jones' },
  { what: 'a postcode glued to its label', text: 'postcodeTS248AB', secret: 'TS248AB' },
  { what: 'a postcode split by an underscore', text: 'ts24_8ab', secret: 'ts24_8ab' },
  { what: 'a postcode split by a comma', text: 'TS24,8AB', secret: 'TS24,8AB' },
  { what: 'an NI number glued to its label', text: 'NIAB123456C', secret: '123456' },
  { what: 'a landline glued to its label', text: 'Tel01429266522', secret: '01429266522' },
  { what: 'a mobile glued to its label', text: 'Mob07700900123', secret: '07700900123' },
  { what: 'a mobile with 44 and no +', text: '44 7700 900123', secret: '7700 900123' },
  { what: 'an e-mail address with (at)', text: 'jane(at)example.com', secret: 'example.com' },
  {
    what: 'a name, a date of birth and a phone number',
    text: 'jane smith 17/03/1984, Tel01429266522',
    secret: '266522',
  },
  {
    what: 'a name, a date of birth and a phone number, no comma',
    text: 'jane smith 17/03/1984 Tel01429266522',
    secret: '266522',
  },
];

const count = async (sql: string, params: unknown[] = []) =>
  Number((await queryDatabase<{ n: string }>(t.db.url, sql, params))[0].n);

/** A 422 naming the field (a form error) or column (a row problem), and never repeating the secret. */
function refused(answer: HttpAnswer, where: { field?: string; column?: string; path?: string }, secret: string) {
  expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(422);
  const found = [...(answer.body.errors ?? []), ...(answer.body.problems ?? [])];
  expect(found).toContainEqual(expect.objectContaining(where));
  expect(JSON.stringify(answer.body)).not.toContain(secret);
}

describe('free text in every route is checked for identifiers', () => {
  let submitter: Client;
  let analyst: Client;
  let admin: Client;
  let audit: { id: string; items: { code: string }[] };

  beforeAll(async () => {
    [submitter, analyst, admin] = await Promise.all([t.as('submitter'), t.as('analyst'), t.as('admin')]);
    audit = (await submitter.post('/api/audits', { period: '2025-26' })).body;
  });

  it('refuses audit evidence and actions sent as JSON with any identifier, and stores none of them', async () => {
    const [first] = audit.items;
    for (const { text, secret } of FORMS) {
      refused(
        await submitter.request('PUT', `/api/audits/${audit.id}/ratings`, {
          ratings: [{ code: first.code, rating: 'met', evidenceRef: text }],
        }),
        { column: 'evidenceRef', rule: 'identifier' },
        secret,
      );
      refused(
        await submitter.request('PUT', `/api/audits/${audit.id}/ratings`, {
          ratings: [{ code: first.code, rating: 'not_met', action: text, targetDate: '2099-03-31' }],
        }),
        { column: 'action', rule: 'identifier' },
        secret,
      );
    }
    expect(
      await count(
        'SELECT count(*) AS n FROM audit_rating WHERE audit_id = $1 AND (evidence_ref IS NOT NULL OR action IS NOT NULL)',
        [audit.id],
      ),
    ).toBe(0);

    // What audits legitimately say still goes through: acts, policy titles, target dates.
    const fine = await submitter.request('PUT', `/api/audits/${audit.id}/ratings`, {
      ratings: [
        {
          code: first.code,
          rating: 'not_met',
          evidenceRef: 'Domestic Abuse Act 2021 s.57',
          action: 'Adopt the Safe Lives Marac principles 2023; review by 2026-03-31',
          targetDate: '2099-03-31',
        },
      ],
    });
    expect(fine.status).toBe(200);
    expect(fine.body.items[0]).toMatchObject({
      evidenceRef: 'Domestic Abuse Act 2021 s.57',
      action: 'Adopt the Safe Lives Marac principles 2023; review by 2026-03-31',
    });
  });

  it('refuses the same in the exported audit workbook, rich text included, and keeps what was there', async () => {
    const xlsx = await submitter.download(`/api/audits/${audit.id}/export.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Audit')!;
    sheet.getRow(2).getCell('F').value = {
      richText: [{ text: 'Call her on ' }, { text: '(01632) 960 123', font: { bold: true } }],
    };
    sheet.getRow(3).getCell('G').value = 'Jane Smith 17/03/1984 discussed';
    const answer = await submitter.upload(
      `/api/audits/${audit.id}/ratings`,
      { name: 'audit.xlsx', bytes: Buffer.from(await book.xlsx.writeBuffer()) },
      {},
      'PUT',
    );
    refused(answer, { row: 2, column: 'evidenceRef', rule: 'identifier' }, '960 123');
    refused(answer, { row: 3, column: 'action', rule: 'identifier' }, 'Jane Smith');
    const items = (await submitter.get(`/api/audits/${audit.id}`)).body.items;
    expect(items[0].evidenceRef).toBe('Domestic Abuse Act 2021 s.57');
    expect(items[1].action).toBeNull();
  });

  it('refuses a moderation reason with any identifier (or too long to read), and leaves the rating unmoderated', async () => {
    const ratings = audit.items.map((i) => ({ code: i.code, rating: 'met', evidenceRef: `EV-${i.code}` }));
    expect((await submitter.request('PUT', `/api/audits/${audit.id}/ratings`, { ratings })).status).toBe(200);
    expect((await submitter.post(`/api/audits/${audit.id}/submit`)).status).toBe(201);
    const code = audit.items[0].code;
    for (const { text, secret } of FORMS)
      refused(
        await analyst.request('PUT', `/api/audits/${audit.id}/moderation/${code}`, {
          rating: 'partly_met',
          reason: text,
        }),
        { field: 'reason' },
        secret,
      );
    refused(
      await analyst.request('PUT', `/api/audits/${audit.id}/moderation/${code}`, {
        rating: 'partly_met',
        reason: '9'.repeat(1 << 20),
      }),
      { field: 'reason', message: 'reason must be 300 characters or fewer' },
      '9999999999',
    );
    expect(await count('SELECT count(*) AS n FROM audit_rating WHERE moderation_reason IS NOT NULL')).toBe(0);
    expect(
      (
        await analyst.request('PUT', `/api/audits/${audit.id}/moderation/${code}`, {
          rating: 'partly_met',
          reason: 'Posters seen on the visit in March 2025',
        })
      ).status,
    ).toBe(200);
  });

  it('refuses a local standard whose statement or evidence has any identifier, and adds none', async () => {
    const adoption = (await analyst.get('/api/standards/adoptions')).body.find(
      (a: { kind: string }) => a.kind === 'agency',
    );
    for (const { text, secret } of FORMS) {
      refused(
        await analyst.post(`/api/standards/adoptions/${adoption.id}/standards`, {
          theme: 'data',
          statement: text,
          evidence: 'Completeness report.',
        }),
        { field: 'statement' },
        secret,
      );
      refused(
        await analyst.post(`/api/standards/adoptions/${adoption.id}/standards`, {
          theme: 'data',
          statement: 'Agencies send returns on time.',
          evidence: text,
        }),
        { field: 'evidence' },
        secret,
      );
    }
    expect(await count("SELECT count(*) AS n FROM adopted_standard WHERE origin = 'local'")).toBe(0);
  });

  it('refuses an imported framework with an identifier in any of its texts', async () => {
    const before = await count('SELECT count(*) AS n FROM standards_framework');
    for (const [i, { text, secret }] of FORMS.entries()) {
      const standards = [{ ...seed.standards[0], evidence: text }, ...seed.standards.slice(1)];
      refused(
        await analyst.post('/api/standards/frameworks', { ...seed, version: `9.${i}`, standards }),
        { path: 'standards[0].evidence' },
        secret,
      );
    }
    const { text, secret } = FORMS[0];
    refused(
      await analyst.post('/api/standards/frameworks', { ...seed, version: '9.90', description: text }),
      { path: 'description' },
      secret,
    );
    refused(
      await analyst.post('/api/standards/frameworks', { ...seed, version: '9.91', sources: [text] }),
      { path: 'sources[0]' },
      secret,
    );
    refused(
      await analyst.post('/api/standards/frameworks', {
        ...seed,
        version: '9.92',
        themes: [{ ...seed.themes[0], description: text }, ...seed.themes.slice(1)],
      }),
      { path: 'themes[0].description' },
      secret,
    );
    expect(await count('SELECT count(*) AS n FROM standards_framework')).toBe(before);
  });

  it('refuses an agency name with any identifier, when created and when changed', async () => {
    // The outside tester's agency name, on its own as well as after a real name (below).
    refused(
      await admin.post('/api/agencies', {
        name: 'jane smith 17/03/1984 Tel01429266522',
        sector: 'refuge',
        areaCode: 'E06000001',
      }),
      { field: 'name' },
      '266522',
    );
    const before = await count('SELECT count(*) AS n FROM agency');
    const [agency] = (await admin.get('/api/agencies?area=E06000001&sector=refuge')).body;
    for (const { text, secret } of FORMS) {
      refused(
        await admin.post('/api/agencies', { name: `Harbour Refuge. ${text}`, sector: 'refuge', areaCode: 'E06000001' }),
        { field: 'name' },
        secret,
      );
      refused(await admin.patch(`/api/agencies/${agency.id}`, { name: text }), { field: 'name' }, secret);
    }
    expect(await count('SELECT count(*) AS n FROM agency')).toBe(before);
    expect((await admin.get(`/api/agencies/${agency.id}`)).body.name).toBe(agency.name);
    expect(
      (
        await admin.post('/api/agencies', {
          name: 'Tees Valley Recovery Service 2023',
          sector: 'drug_alcohol_service',
          areaCode: 'E06000001',
        })
      ).status,
    ).toBe(201);
  });
});

describe('an imported framework keeps only what was checked', () => {
  let analyst: Client;
  const frameworks = () => count('SELECT count(*) AS n FROM standards_framework');

  beforeAll(async () => {
    analyst = await t.as('analyst');
  });

  it('refuses properties a framework does not have, naming where they are, and stores nothing', async () => {
    const before = await frameworks();
    const answer = await analyst.post('/api/standards/frameworks', {
      ...seed,
      version: '8.0',
      notes: 'Jane Smith 17/03/1984 discussed',
      standards: [{ ...seed.standards[0], note: 'Call 07700 900123' }, ...seed.standards.slice(1)],
    });
    refused(answer, { path: 'notes' }, 'Smith');
    refused(answer, { path: 'standards[0].note' }, '900123');
    expect(await frameworks()).toBe(before);
  });

  it('holds versions and theme ids to strict formats, and reads them for identifiers', async () => {
    const before = await frameworks();
    refused(
      await analyst.post('/api/standards/frameworks', { ...seed, version: '943 476 5919' }),
      { path: 'version' },
      '476',
    );
    const themes = [{ ...seed.themes[0], id: 'Jane Smith 17/03/1984' }, ...seed.themes.slice(1)];
    refused(
      await analyst.post('/api/standards/frameworks', { ...seed, version: '8.1', themes }),
      { path: 'themes[0].id' },
      'Smith',
    );
    refused(
      await analyst.post('/api/standards/frameworks', {
        ...seed,
        version: '8.2',
        themes: [{ ...seed.themes[0], id: 'jane-smith-17031984' }, ...seed.themes.slice(1)],
      }),
      { path: 'themes[0].id' },
      '17031984',
    );
    expect(await frameworks()).toBe(before);
  });

  it('refuses a filled-in column the export does not have in a framework workbook', async () => {
    const [agency] = (await analyst.get('/api/standards/frameworks')).body;
    const xlsx = await analyst.download(`/api/standards/frameworks/${agency.id}/export.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    book.getWorksheet('Framework')!.getRow(2).getCell(2).value = '8.3'; // the version row
    const standards = book.getWorksheet('Standards')!;
    standards.getRow(1).getCell(7).value = 'notes';
    standards.getRow(2).getCell(7).value = 'Call 07700 900123';
    refused(
      await analyst.upload('/api/standards/frameworks', {
        name: 'framework.xlsx',
        bytes: Buffer.from(await book.xlsx.writeBuffer()),
      }),
      { path: 'standards[0].notes' },
      '900123',
    );
  });

  it('stores, and serves back, exactly the checked values', async () => {
    const sent = { ...seed, version: '8.4', title: `  ${seed.title}  ` };
    const answer = await analyst.post('/api/standards/frameworks', sent);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(201);
    const [stored] = await queryDatabase<{ document: Record<string, unknown> }>(
      t.db.url,
      'SELECT document FROM standards_framework WHERE id = $1',
      [answer.body.id],
    );
    const expected = { ...seed, version: '8.4', title: seed.title.trim() };
    expect(stored.document).toEqual(expected);
    expect((await (await t.as('viewer')).get(`/api/standards/frameworks/${answer.body.id}/export.json`)).body).toEqual(
      expected,
    );
  });
});

/** A multipart upload written by hand, so that its file name reaches the server exactly as given (FormData would escape line breaks). */
async function rawUpload(
  client: Client,
  path: string,
  fileName: string,
  bytes: string,
  fields: Record<string, string>,
) {
  const boundary = 'waymark-test-boundary';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const body = `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(fileName)}\r\nContent-Type: text/csv\r\n\r\n${bytes}\r\n--${boundary}--\r\n`;
  const cookie = (client as unknown as { cookie: string | null }).cookie;
  const response = await fetch(client.baseUrl + path, {
    method: 'POST',
    body,
    headers: {
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      Accept: 'application/json',
      ...(cookie ? { Cookie: cookie } : {}),
    },
  });
  return { status: response.status, body: await response.json(), headers: response.headers } as HttpAnswer;
}

describe('the names of uploaded files', () => {
  let submitter: Client;
  const csv = toCsv(
    AGENCY_QUARTER.fields.map((f) => f.key),
    [AGENCY_FIGURES],
  );
  const stored = () => count('SELECT count(*) AS n FROM submission');

  beforeAll(async () => {
    submitter = await t.as('submitter');
  });

  it('refuses a file name that looks like it identifies someone, never repeating it, and stores nothing', async () => {
    for (const [name, secret] of [
      ['John Smith DOB 12-03-1985 NHS 9434765919 TS24 8AB.csv', 'Smith'],
      ['jane_smith_17031984.csv', 'jane_smith'],
      ['return for Tel01429266522.csv', '266522'],
    ]) {
      const answer = await submitter.upload(
        '/api/returns/agency-quarter',
        { name, bytes: csv },
        { period: '2025-26 Q1' },
      );
      refused(answer, { column: 'file', rule: 'identifier' }, secret);
    }
    expect(await stored()).toBe(0);
  });

  it('strips control and direction characters from a name and caps it at 120 characters, keeping the extension', async () => {
    // What the outside tester sent: 8,016 characters with a line break and a right-to-left override.
    const tail = '\nQ1 \u202Evsc.csv';
    const name = 'agency return '.repeat(600).slice(0, 8016 - tail.length) + tail;
    const answer = await rawUpload(submitter, '/api/returns/agency-quarter', name, csv, { period: '2025-26 Q1' });
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(201);
    const [listed] = (await (await t.as('analyst')).get('/api/returns?type=agency-quarter&period=2025-26%20Q1')).body;
    expect(listed.fileName.length).toBeLessThanOrEqual(120);
    expect(listed.fileName).toMatch(/^agency return .*…\.csv$/);
    expect(listed.fileName).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const [row] = await queryDatabase<{ file_name: string }>(
      t.db.url,
      'SELECT file_name FROM submission WHERE id = $1',
      [answer.body.id],
    );
    expect(row.file_name).toBe(listed.fileName);
  });
});
