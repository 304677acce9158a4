import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../support/databases.js';
import { useApi } from '../support/fixture.js';
import type { Client, HttpAnswer } from '../support/http.js';

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
];

const count = async (sql: string, params: unknown[] = []) => Number((await queryDatabase<{ n: string }>(t.db.url, sql, params))[0].n);

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
      refused(await submitter.request('PUT', `/api/audits/${audit.id}/ratings`, { ratings: [{ code: first.code, rating: 'met', evidenceRef: text }] }), { column: 'evidenceRef', rule: 'identifier' }, secret);
      refused(await submitter.request('PUT', `/api/audits/${audit.id}/ratings`, { ratings: [{ code: first.code, rating: 'not_met', action: text, targetDate: '2099-03-31' }] }), { column: 'action', rule: 'identifier' }, secret);
    }
    expect(await count('SELECT count(*) AS n FROM audit_rating WHERE audit_id = $1 AND (evidence_ref IS NOT NULL OR action IS NOT NULL)', [audit.id])).toBe(0);

    // What audits legitimately say still goes through: acts, policy titles, target dates.
    const fine = await submitter.request('PUT', `/api/audits/${audit.id}/ratings`, { ratings: [{ code: first.code, rating: 'not_met', evidenceRef: 'Domestic Abuse Act 2021 s.57', action: 'Adopt the Safe Lives Marac principles 2023; review by 2026-03-31', targetDate: '2099-03-31' }] });
    expect(fine.status).toBe(200);
    expect(fine.body.items[0]).toMatchObject({ evidenceRef: 'Domestic Abuse Act 2021 s.57', action: 'Adopt the Safe Lives Marac principles 2023; review by 2026-03-31' });
  });

  it('refuses the same in the exported audit workbook, rich text included, and keeps what was there', async () => {
    const xlsx = await submitter.download(`/api/audits/${audit.id}/export.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Audit')!;
    sheet.getRow(2).getCell('F').value = { richText: [{ text: 'Call her on ' }, { text: '(01632) 960 123', font: { bold: true } }] };
    sheet.getRow(3).getCell('G').value = 'Jane Smith 17/03/1984 discussed';
    const answer = await submitter.upload(`/api/audits/${audit.id}/ratings`, { name: 'audit.xlsx', bytes: Buffer.from(await book.xlsx.writeBuffer()) }, {}, 'PUT');
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
    for (const { text, secret } of FORMS) refused(await analyst.request('PUT', `/api/audits/${audit.id}/moderation/${code}`, { rating: 'partly_met', reason: text }), { field: 'reason' }, secret);
    refused(await analyst.request('PUT', `/api/audits/${audit.id}/moderation/${code}`, { rating: 'partly_met', reason: '9'.repeat(1 << 20) }), { field: 'reason', message: 'reason must be 300 characters or fewer' }, '9999999999');
    expect(await count('SELECT count(*) AS n FROM audit_rating WHERE moderation_reason IS NOT NULL')).toBe(0);
    expect((await analyst.request('PUT', `/api/audits/${audit.id}/moderation/${code}`, { rating: 'partly_met', reason: 'Posters seen on the visit in March 2025' })).status).toBe(200);
  });

  it('refuses a local standard whose statement or evidence has any identifier, and adds none', async () => {
    const adoption = (await analyst.get('/api/standards/adoptions')).body.find((a: { kind: string }) => a.kind === 'agency');
    for (const { text, secret } of FORMS) {
      refused(await analyst.post(`/api/standards/adoptions/${adoption.id}/standards`, { theme: 'data', statement: text, evidence: 'Completeness report.' }), { field: 'statement' }, secret);
      refused(await analyst.post(`/api/standards/adoptions/${adoption.id}/standards`, { theme: 'data', statement: 'Agencies send returns on time.', evidence: text }), { field: 'evidence' }, secret);
    }
    expect(await count("SELECT count(*) AS n FROM adopted_standard WHERE origin = 'local'")).toBe(0);
  });

  it('refuses an imported framework with an identifier in any of its texts', async () => {
    const before = await count('SELECT count(*) AS n FROM standards_framework');
    for (const [i, { text, secret }] of FORMS.entries()) {
      const standards = [{ ...seed.standards[0], evidence: text }, ...seed.standards.slice(1)];
      refused(await analyst.post('/api/standards/frameworks', { ...seed, version: `9.${i}`, standards }), { path: 'standards[0].evidence' }, secret);
    }
    const { text, secret } = FORMS[0];
    refused(await analyst.post('/api/standards/frameworks', { ...seed, version: '9.90', description: text }), { path: 'description' }, secret);
    refused(await analyst.post('/api/standards/frameworks', { ...seed, version: '9.91', sources: [text] }), { path: 'sources[0]' }, secret);
    refused(await analyst.post('/api/standards/frameworks', { ...seed, version: '9.92', themes: [{ ...seed.themes[0], description: text }, ...seed.themes.slice(1)] }), { path: 'themes[0].description' }, secret);
    expect(await count('SELECT count(*) AS n FROM standards_framework')).toBe(before);
  });

  it('refuses an agency name with any identifier, when created and when changed', async () => {
    const before = await count('SELECT count(*) AS n FROM agency');
    const [agency] = (await admin.get('/api/agencies?area=E06000001&sector=refuge')).body;
    for (const { text, secret } of FORMS) {
      refused(await admin.post('/api/agencies', { name: `Harbour Refuge. ${text}`, sector: 'refuge', areaCode: 'E06000001' }), { field: 'name' }, secret);
      refused(await admin.patch(`/api/agencies/${agency.id}`, { name: text }), { field: 'name' }, secret);
    }
    expect(await count('SELECT count(*) AS n FROM agency')).toBe(before);
    expect((await admin.get(`/api/agencies/${agency.id}`)).body.name).toBe(agency.name);
    expect((await admin.post('/api/agencies', { name: 'Tees Valley Recovery Service 2023', sector: 'drug_alcohol_service', areaCode: 'E06000001' })).status).toBe(201);
  });
});
