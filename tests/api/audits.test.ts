import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/fixture.js';
import type { Client } from '../support/http.js';

const t = useApi();
const framework = JSON.parse(readFileSync('seeds/standards/dual-issue-practice-1.0.json', 'utf8')) as {
  standards: { id: string; theme: string; sectors: string[] }[];
};
const applying = (sector: string) =>
  framework.standards.filter((s) => s.sectors.includes('all') || s.sectors.includes(sector)).map((s) => s.id);

interface Item {
  code: string;
  selfRating: string | null;
}

/** Every standard met, except the ones named. */
function ratingsFor(
  items: Item[],
  exceptions: Record<string, { rating: string; action?: string; targetDate?: string }>,
) {
  return items.map((i) => ({ code: i.code, evidenceRef: `EV-${i.code}`, rating: 'met', ...exceptions[i.code] }));
}

describe('self-audits against the practice standards', () => {
  let submitter: Client;
  let admin: Client;
  let analyst: Client;
  let refugeId: string;
  let auditA: { id: string; items: Item[] };

  beforeAll(async () => {
    submitter = await t.as('submitter');
    admin = await t.as('admin');
    analyst = await t.as('analyst');
    refugeId = (await admin.get('/api/agencies?area=E06000001&sector=refuge')).body[0].id;
  });

  it('opens a draft listing only the adopted standards that apply to the agency’s sector, once per year', async () => {
    const opened = await submitter.post('/api/audits', { period: '2025-26' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      status: 'draft',
      version: null,
      period: '2025-26',
      sector: 'drug_alcohol_service',
    });
    expect(opened.body.items.map((i: Item) => i.code)).toEqual(applying('drug_alcohol_service'));
    expect(opened.body.items.map((i: Item) => i.code)).not.toContain('CHI-04'); // children's safeguarding links: not a drug and alcohol standard
    const again = await submitter.post('/api/audits', { period: '2025-26' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(opened.body.id);
    auditA = opened.body;
  });

  it('saves a draft, and will not submit until every standard is rated and every gap has an action and a date', async () => {
    const partial = await submitter.request('PUT', `/api/audits/${auditA.id}/ratings`, {
      ratings: [{ code: 'GOV-01', rating: 'not_met' }],
    });
    expect(partial.status).toBe(200);
    expect(partial.body.summary.unrated).toBe(auditA.items.length - 1);
    const early = await submitter.post(`/api/audits/${auditA.id}/submit`);
    expect(early.status).toBe(422);
    expect(early.body.problems).toEqual(
      expect.arrayContaining([
        {
          row: 1,
          column: 'action',
          rule: 'action_required',
          message: 'Standard GOV-01 is not fully met: say what action will be taken',
        },
        {
          row: 1,
          column: 'targetDate',
          rule: 'target_date_required',
          message: 'Standard GOV-01 is not fully met: give a target date for the action',
        },
        { row: 2, column: 'rating', rule: 'required', message: 'Rate standard GOV-02' },
      ]),
    );

    const bad = await submitter.request('PUT', `/api/audits/${auditA.id}/ratings`, {
      ratings: [
        { code: 'GOV-01', rating: 'sort of' },
        { code: 'NOPE-1', rating: 'met' },
        { code: 'GOV-02', rating: 'met', evidenceRef: 'call 07700 900123' },
        { code: 'GOV-04', rating: 'met', targetDate: '31/03/2026' },
        { code: 'GOV-03', rating: 'met', targetDate: '2024-02-30' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.problems.map((p: { rule: string }) => p.rule)).toEqual([
      'allowed_values',
      'unknown_standard',
      'identifier',
      'date_format',
      'date_format',
    ]); // 2024-02-30 does not exist
    expect(JSON.stringify(bad.body)).not.toContain('900123');
  });

  it('submits a complete audit as version 1', async () => {
    const ratings = ratingsFor(auditA.items, {
      'GOV-01': { rating: 'not_met', action: 'Write the dual-issue policy and name a lead', targetDate: '2025-01-31' },
      'GOV-02': { rating: 'partly_met', action: 'Put posters in every waiting room', targetDate: '2099-01-31' },
      'GOV-03': { rating: 'not_applicable' },
      'ENQ-01': { rating: 'Not met', action: 'Add routine enquiry to the assessment form', targetDate: '2099-06-30' },
    });
    expect((await submitter.request('PUT', `/api/audits/${auditA.id}/ratings`, { ratings })).status).toBe(200);
    const submitted = await submitter.post(`/api/audits/${auditA.id}/submit`);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 1, current: true });
    expect(submitted.body.summary.selfRated).toMatchObject({
      notMet: 2,
      partlyMet: 1,
      notApplicable: 1,
      applicable: auditA.items.length - 1,
    });
    expect((await submitter.request('PUT', `/api/audits/${auditA.id}/ratings`, { ratings })).status).toBe(409);
  });

  it('lets a submitter audit only their own agency, and viewers only read', async () => {
    expect((await submitter.post('/api/audits', { period: '2025-26', agencyId: refugeId })).status).toBe(403);
    const viewer = await t.as('viewer');
    expect((await viewer.get(`/api/audits/${auditA.id}`)).status).toBe(200);
    expect((await viewer.post('/api/audits', { period: '2025-26', agencyId: refugeId })).status).toBe(403);
    expect(
      (await viewer.request('PUT', `/api/audits/${auditA.id}/moderation/GOV-02`, { rating: 'met', reason: 'x' }))
        .status,
    ).toBe(403);
  });

  it('computes compliance by standard, theme, agency and sector that matches the hand count, with not-applicable left out', async () => {
    // A second agency, the Hartlepool refuge, audited by the administrator on its behalf.
    const draft = (await admin.post('/api/audits', { period: '2025-26', agencyId: refugeId })).body;
    const ratings = ratingsFor(draft.items, {
      'GOV-01': { rating: 'not_met', action: 'Adopt a policy', targetDate: '2099-03-31' },
    });
    await admin.request('PUT', `/api/audits/${draft.id}/ratings`, { ratings });
    expect((await admin.post(`/api/audits/${draft.id}/submit`)).status).toBe(201);

    const byStandard = (await analyst.get('/api/standards/compliance?area=E06000001&period=2025-26&by=standard')).body;
    const row = (code: string) => byStandard.find((r: { key: string }) => r.key === code);
    expect(row('GOV-01')).toMatchObject({ met: 0, notMet: 2, applicable: 2, metShare: 0 });
    expect(row('GOV-02')).toMatchObject({ met: 1, partlyMet: 1, applicable: 2, metShare: 0.5 });
    expect(row('GOV-03')).toMatchObject({ met: 1, notApplicable: 1, applicable: 1, metShare: 1 });

    const governance = (
      await analyst.get('/api/standards/compliance?area=E06000001&period=2025-26&by=theme')
    ).body.find((r: { key: string }) => r.key === 'governance');
    // A: not met, partly, n/a, met; refuge: not met, met, met, met.
    expect(governance).toMatchObject({
      met: 4,
      partlyMet: 1,
      notMet: 2,
      notApplicable: 1,
      applicable: 7,
    });
    expect(governance.metShare).toBeCloseTo(4 / 7, 12);

    const nA = applying('drug_alcohol_service').length;
    const nB = applying('refuge').length;
    const bySector = (await analyst.get('/api/standards/compliance?area=E06000001&period=2025-26&by=sector')).body;
    const drugAlcohol = bySector.find((r: { key: string }) => r.key === 'drug_alcohol_service');
    expect(drugAlcohol).toMatchObject({ met: nA - 4, applicable: nA - 1 });
    expect(drugAlcohol.metShare).toBeCloseTo((nA - 4) / (nA - 1), 12);
    const refuge = bySector.find((r: { key: string }) => r.key === 'refuge');
    expect(refuge).toMatchObject({ met: nB - 1, applicable: nB });
    expect(refuge.metShare).toBeCloseTo((nB - 1) / nB, 12);
    expect((await analyst.get('/api/standards/compliance?area=E06000001&period=2025-26&by=agency')).body).toHaveLength(
      2,
    );

    const gaps = (await analyst.get('/api/standards/gaps?area=E06000001&period=2025-26')).body;
    expect(gaps.standardsNoAgencyMeets.map((s: { key: string }) => s.key)).toEqual(['GOV-01']);
    expect(gaps.overdueActions).toEqual([
      expect.objectContaining({
        code: 'GOV-01',
        targetDate: '2025-01-31',
        rating: 'not_met',
        action: 'Write the dual-issue policy and name a lead',
      }),
    ]);
  });

  it('keeps the self-rating beside the moderated one, and compliance follows the moderated rating', async () => {
    expect(
      (await submitter.request('PUT', `/api/audits/${auditA.id}/moderation/GOV-02`, { rating: 'met', reason: 'x' }))
        .status,
    ).toBe(403);
    const missingReason = await analyst.request('PUT', `/api/audits/${auditA.id}/moderation/GOV-02`, { rating: 'met' });
    expect(missingReason.status).toBe(422);
    const moderated = await analyst.request('PUT', `/api/audits/${auditA.id}/moderation/GOV-02`, {
      rating: 'met',
      reason: 'Posters seen on the visit in March',
    });
    expect(moderated.status).toBe(200);
    expect(moderated.body.items.find((i: Item) => i.code === 'GOV-02')).toMatchObject({
      selfRating: 'partly_met',
      moderatedRating: 'met',
      moderationReason: 'Posters seen on the visit in March',
      moderatedBy: 'Demo commissioner',
    });
    expect(moderated.body.summary.selfRated.partlyMet).toBe(1);
    expect(moderated.body.summary.afterModeration.partlyMet).toBe(0);
    const byStandard = (await analyst.get('/api/standards/compliance?area=E06000001&period=2025-26&by=standard')).body;
    expect(byStandard.find((r: { key: string }) => r.key === 'GOV-02')).toMatchObject({
      met: 2,
      partlyMet: 0,
      metShare: 1,
    });
  });

  it('re-audits: a new draft starts from the submitted answers, and submitting it supersedes version 1', async () => {
    const draft = await submitter.post('/api/audits', { period: '2025-26' });
    expect(draft.status).toBe(201);
    expect(draft.body.id).not.toBe(auditA.id);
    expect(draft.body.items.find((i: Item) => i.code === 'GOV-01').selfRating).toBe('not_met');
    expect(draft.body.summary.unrated).toBe(0);

    // Change one answer through the exported workbook, as an agency would offline.
    const xlsx = await submitter.download(`/api/audits/${draft.body.id}/export.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Audit')!;
    sheet.eachRow((r, n) => {
      if (n > 1 && r.getCell(1).value === 'ENQ-01') {
        r.getCell(5).value = 'Met';
        r.getCell(7).value = '';
        r.getCell(8).value = '';
      }
    });
    const empty = await submitter.request('PUT', `/api/audits/${draft.body.id}/ratings`, {});
    expect(empty.status).toBe(422);
    const viaFile = await submitter.upload(
      `/api/audits/${draft.body.id}/ratings`,
      { name: 'audit.xlsx', bytes: Buffer.from(await book.xlsx.writeBuffer()) },
      {},
      'PUT',
    );
    expect(viaFile.status).toBe(200);
    expect(viaFile.body.items.find((i: Item) => i.code === 'ENQ-01').selfRating).toBe('met');

    const submitted = await submitter.post(`/api/audits/${draft.body.id}/submit`);
    expect(submitted.body).toMatchObject({ version: 2, current: true });
    const versions = (await submitter.get(`/api/audits/${draft.body.id}/versions`)).body;
    expect(
      versions.map((v: { version: number; current: boolean; supersededBy: string | null }) => [v.version, v.current]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions[1].supersededBy).toBe(draft.body.id);
  });

  it('shows the change since the last audit year', async () => {
    const last = (await submitter.post('/api/audits', { period: '2024-25' })).body;
    await submitter.request('PUT', `/api/audits/${last.id}/ratings`, { ratings: ratingsFor(last.items, {}) });
    await submitter.post(`/api/audits/${last.id}/submit`);
    const gaps = (await analyst.get('/api/standards/gaps?area=E06000001&period=2025-26')).body;
    const mine = gaps.changeSinceLastAudit.find((c: { agencyName: string }) =>
      c.agencyName.includes('Drug and alcohol'),
    );
    const nA = applying('drug_alcohol_service').length;
    // Version 2 of 2025-26: GOV-01 not met, GOV-02 partly (version 2 carries no moderation), GOV-03 n/a, ENQ-01 now met.
    const now = (nA - 3) / (nA - 1);
    expect(mine.previousMetShare).toBe(1);
    expect(mine.metShare).toBeCloseTo(now, 12);
    expect(mine.change).toBeCloseTo(now - 1, 12);
  });

  it('gives a Marac coordinator the ten-principle Marac self-assessment for their Marac', async () => {
    const coordinator = await t.as('marac');
    const opened = await coordinator.post('/api/audits', { period: '2025-26' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ ownerName: 'Hartlepool Marac (demo)', agencyId: null, sector: null });
    expect(opened.body.items).toHaveLength(21);
    expect(new Set(opened.body.items.map((i: { themeTitle: string }) => i.themeTitle)).size).toBe(10);
    expect((await coordinator.post('/api/audits', { period: '2025-26', agencyId: refugeId })).status).toBe(403);
  });
});
