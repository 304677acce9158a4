import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useApi } from '../support/fixture.js';

const t = useApi();
const seed = JSON.parse(readFileSync('seeds/standards/dual-issue-practice-1.0.json', 'utf8'));

describe('standards frameworks', () => {
  it('are seeded: the agency framework and the Marac ten principles', async () => {
    const analyst = await t.as('analyst');
    const list = (await analyst.get('/api/standards/frameworks')).body;
    expect(list.map((f: { key: string; kind: string; standards: number }) => [f.key, f.kind, f.standards])).toEqual([
      ['dual-issue-practice', 'agency', seed.standards.length],
      ['marac-principles', 'marac', 21],
    ]);
  });

  it('export as JSON and XLSX, and a changed workbook imports as a new version', async () => {
    const analyst = await t.as('analyst');
    const [agency] = (await analyst.get('/api/standards/frameworks')).body;
    const json = await analyst.get(`/api/standards/frameworks/${agency.id}/export.json`);
    expect(json.body).toEqual(seed);

    const xlsx = await analyst.download(`/api/standards/frameworks/${agency.id}/export.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const same = await analyst.upload('/api/standards/frameworks', { name: 'same.xlsx', bytes: xlsx.bytes });
    expect(same.status).toBe(409);

    book.getWorksheet('Framework')!.getRow(3).getCell(2).value = '1.1';
    book.getWorksheet('Standards')!.getRow(2).getCell(3).value =
      'A revised first standard, reworded by the partnership.';
    const changed = await analyst.upload('/api/standards/frameworks', {
      name: 'v1.1.xlsx',
      bytes: Buffer.from(await book.xlsx.writeBuffer()),
    });
    expect(changed.status).toBe(201);
    expect(changed.body).toMatchObject({
      key: 'dual-issue-practice',
      version: '1.1',
      standards: seed.standards.length,
    });
    const detail = (await analyst.get(`/api/standards/frameworks/${changed.body.id}`)).body;
    expect(detail.standards[0].statement).toBe('A revised first standard, reworded by the partnership.');
    expect(detail.standards.slice(1)).toEqual(seed.standards.slice(1));
  });

  it('refuse a broken framework with 422 naming each problem, and only analysts and administrators import', async () => {
    const analyst = await t.as('analyst');
    const broken = await analyst.post('/api/standards/frameworks', {
      ...seed,
      version: '9',
      standards: [{ ...seed.standards[0], theme: 'nowhere', sectors: [] }],
    });
    expect(broken.status).toBe(422);
    expect(broken.body.problems.map((p: { path: string }) => p.path)).toEqual([
      'standards[0].theme',
      'standards[0].sectors',
    ]);
    expect((await (await t.as('viewer')).post('/api/standards/frameworks', seed)).status).toBe(403);
    expect((await (await t.as('submitter')).post('/api/standards/frameworks', seed)).status).toBe(403);
  });
});

describe('adopting and tailoring', () => {
  it('the demo partnership has adopted both frameworks at force-area level', async () => {
    const adoptions = (await (await t.as('analyst')).get('/api/standards/adoptions')).body;
    expect(adoptions.map((a: { areaCode: string; kind: string }) => [a.areaCode, a.kind])).toEqual([
      ['E23000013', 'agency'],
      ['E23000013', 'marac'],
    ]);
  });

  it('an analyst adopts for an area in scope, switches a standard off and adds a local one; others cannot', async () => {
    const analyst = await t.as('analyst');
    const [agency] = (await analyst.get('/api/standards/frameworks')).body;
    const adopted = await analyst.post('/api/standards/adoptions', { areaCode: 'E06000004', frameworkId: agency.id });
    expect(adopted.status).toBe(201);
    expect(adopted.body.standards).toHaveLength(seed.standards.length);

    const unexplained = await analyst.patch(`/api/standards/adoptions/${adopted.body.id}/standards/GOV-02`, {
      active: false,
    });
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.errors).toEqual([
      { field: 'reason', message: 'Enter why the area is switching this standard off' },
    ]);
    const off = await analyst.patch(`/api/standards/adoptions/${adopted.body.id}/standards/GOV-02`, {
      active: false,
      reason: 'The district has no governance board of its own yet.',
    });
    expect(off.body.standards.find((s: { code: string }) => s.code === 'GOV-02')).toMatchObject({
      active: false,
      switchedOffReason: 'The district has no governance board of its own yet.',
    });
    const local = await analyst.post(`/api/standards/adoptions/${adopted.body.id}/standards`, {
      theme: 'data',
      statement: 'Agencies send their quarterly return to Waymark within 30 days of the quarter end.',
      evidence: 'Completeness report.',
      sectors: ['all'],
      quickWin: true,
    });
    expect(local.status).toBe(201);
    expect(local.body.code).toBe('LOCAL-01');
    expect(local.body.standards.at(-1)).toMatchObject({
      code: 'LOCAL-01',
      origin: 'local',
      themeTitle: 'Recording, data and monitoring',
    });

    // Stockton agencies now audit against the district's tailored list.
    const admin = await t.as('admin');
    const [stocktonHousing] = (await admin.get('/api/agencies?area=E06000004&sector=housing')).body;
    const audit = await admin.post('/api/audits', { period: '2025-26', agencyId: stocktonHousing.id });
    const codes = audit.body.items.map((i: { code: string }) => i.code);
    expect(codes).not.toContain('GOV-02');
    expect(codes).toContain('LOCAL-01');
    expect(codes).toContain('GOV-01');

    expect(
      (await (await t.as('viewer')).post('/api/standards/adoptions', { areaCode: 'E06000001', frameworkId: agency.id }))
        .status,
    ).toBe(403);
    expect(
      (await analyst.post('/api/standards/adoptions', { areaCode: 'E09000001', frameworkId: agency.id })).status,
    ).toBe(404);
  });
});
