import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';

interface AreaRow {
  code: string;
  name: string;
  type: 'lad' | 'csp' | 'pfa';
  parentCode: string | null;
  females16plus: number | null;
  populationSource: string | null;
}

const LAD_POPULATION_SOURCE = 'ONS mid-2021 estimates, females aged 16+ (LAD21)';
const PFA_POPULATION_SOURCE = 'ONS mid-2021 estimates, females aged 16+, summed to police force area';
const CSP_POPULATION_SOURCE = 'Sum of member districts, ONS mid-2021 females aged 16+';
/** Where the force-area file and the 2017 lookup spell a name differently. */
const PFA_NAME_ALIASES: Record<string, string> = { 'London, City of': 'City of London' };

async function readCsv(dir: string, file: string): Promise<Record<string, string>[]> {
  return parse(await readFile(join(dir, file)), { columns: true, bom: true, skip_empty_lines: true, trim: true });
}

/** Districts, partnerships and force areas with adult female population, derived from the ONS files. */
export async function loadAreas(dir: string): Promise<AreaRow[]> {
  const lookup = await readCsv(dir, 'LAD17_CSP17_PFA17_lookup_EW.csv');
  const ladPopulation = new Map(
    (await readCsv(dir, 'derived_females16plus_by_lad21_mid2021.csv')).map((r) => [
      r.ladcode21,
      Number(r.females_16plus),
    ]),
  );
  const pfaPopulation = new Map(
    (await readCsv(dir, 'derived_females16plus_by_pfa_mid2021.csv')).map((r) => [
      r.pfa_name,
      Number(r.females_16plus_mid2021),
    ]),
  );

  const areas = new Map<string, AreaRow>();
  const cspMembers = new Map<string, (number | null)[]>();
  for (const row of lookup) {
    const pfaName = PFA_NAME_ALIASES[row.PFA17NM] ?? row.PFA17NM;
    const pfaFemales = pfaPopulation.get(pfaName) ?? null;
    areas.set(row.PFA17CD, {
      code: row.PFA17CD,
      name: pfaName,
      type: 'pfa',
      parentCode: null,
      females16plus: pfaFemales,
      populationSource: pfaFemales === null ? null : PFA_POPULATION_SOURCE,
    });
    areas.set(row.CSP17CD, {
      code: row.CSP17CD,
      name: row.CSP17NM,
      type: 'csp',
      parentCode: row.PFA17CD,
      females16plus: null,
      populationSource: null,
    });
    const ladFemales = ladPopulation.get(row.LAD17CD) ?? null;
    areas.set(row.LAD17CD, {
      code: row.LAD17CD,
      name: row.LAD17NM,
      type: 'lad',
      parentCode: row.CSP17CD,
      females16plus: ladFemales,
      populationSource: ladFemales === null ? null : LAD_POPULATION_SOURCE,
    });
    cspMembers.set(row.CSP17CD, [...(cspMembers.get(row.CSP17CD) ?? []), ladFemales]);
  }
  for (const [code, members] of cspMembers) {
    if (members.some((m) => m === null)) continue;
    const csp = areas.get(code)!;
    csp.females16plus = members.reduce<number>((sum, m) => sum + (m ?? 0), 0);
    csp.populationSource = CSP_POPULATION_SOURCE;
  }
  const order = { pfa: 0, csp: 1, lad: 2 } as const; // parents before children for the foreign key
  return [...areas.values()].sort((a, b) => order[a.type] - order[b.type] || a.code.localeCompare(b.code));
}

/** Inserts or refreshes every reference area (leaving unchanged ones untouched, so a start records no change); returns how many areas there are. */
export async function seedReferenceData(dataSource: DataSource, dir: string): Promise<number> {
  const areas = await loadAreas(dir);
  await dataSource.transaction(async (tx) => {
    for (const type of ['pfa', 'csp', 'lad'] as const) {
      const level = areas.filter((a) => a.type === type);
      await tx.query(
        `INSERT INTO area (code, name, type, parent_code, females_16plus, population_source)
         SELECT * FROM unnest($1::varchar[], $2::text[], $3::text[], $4::varchar[], $5::int[], $6::text[])
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, parent_code = EXCLUDED.parent_code,
           females_16plus = EXCLUDED.females_16plus, population_source = EXCLUDED.population_source
         WHERE (area.name, area.type, area.parent_code, area.females_16plus, area.population_source)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type, EXCLUDED.parent_code, EXCLUDED.females_16plus, EXCLUDED.population_source)`,
        [
          level.map((a) => a.code),
          level.map((a) => a.name),
          level.map((a) => a.type),
          level.map((a) => a.parentCode),
          level.map((a) => a.females16plus),
          level.map((a) => a.populationSource),
        ],
      );
    }
  });
  return areas.length;
}
