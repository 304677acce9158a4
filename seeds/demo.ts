import { defaultReturnType, SECTORS, type JointWorkingModel, type Role, type SectorCode } from '@waymark/domain';
import type { DataSource } from 'typeorm';
import { generatePassword, hashPassword } from '../apps/api/src/auth/password.js';
import { adoptFramework } from '../apps/api/src/standards/framework-store.js';

/**
 * A fictional partnership over three real Cleveland districts. Agencies, Maracs and users are
 * invented; nothing here describes a person.
 */
export const DEMO_FORCE_AREA = 'E23000013'; // Cleveland
/** The demo partnership has owed its quarterly returns since April 2019, so published figures from then on can be entered for it. */
const DEMO_RETURNS_FROM = '2019-20 Q1';
export const DEMO_DISTRICTS = [
  { code: 'E06000001', name: 'Hartlepool' },
  { code: 'E06000002', name: 'Middlesbrough' },
  { code: 'E06000004', name: 'Stockton-on-Tees' },
] as const;

const MODEL_BY_SECTOR: Partial<Record<SectorCode, JointWorkingModel>> = {
  domestic_abuse_service: 'joint_liaison',
  refuge: 'parallel',
  idva_service: 'joint_liaison',
  drug_alcohol_service: 'joint_liaison',
  mental_health: 'serial',
  perpetrator_programme: 'parallel',
};

export interface DemoAccount {
  email: string;
  role: Role;
  scope: string;
  password: string;
}

interface DemoUserPlan {
  email: string;
  displayName: string;
  role: Role;
  scope: string;
  areas?: string[];
  agency?: { district: string; sector: SectorCode };
  maracDistrict?: string;
}

const USERS: DemoUserPlan[] = [
  { email: 'admin@demo.waymark.test', displayName: 'Demo administrator', role: 'admin', scope: 'everything' },
  {
    email: 'analyst@demo.waymark.test',
    displayName: 'Demo commissioner',
    role: 'analyst',
    scope: 'Cleveland force area',
    areas: [DEMO_FORCE_AREA],
  },
  {
    email: 'viewer@demo.waymark.test',
    displayName: 'Demo steering group member',
    role: 'viewer',
    scope: 'Hartlepool',
    areas: ['E06000001'],
  },
  {
    email: 'submitter@demo.waymark.test',
    displayName: 'Demo agency data lead',
    role: 'agency_submitter',
    scope: 'Hartlepool drug and alcohol service',
    agency: { district: 'E06000001', sector: 'drug_alcohol_service' },
  },
  {
    email: 'marac@demo.waymark.test',
    displayName: 'Demo Marac coordinator',
    role: 'marac_coordinator',
    scope: 'Hartlepool Marac',
    maracDistrict: 'E06000001',
  },
];

export function demoAgencyName(districtName: string, sectorLabel: string): string {
  return `${districtName} ${sectorLabel} (demo)`;
}

/**
 * Creates the demo partnership once. Returns the accounts made now (with their passwords, to
 * be shown once), or an empty list when the demo already exists.
 */
export async function seedDemo(dataSource: DataSource, fixedPassword: string | null): Promise<DemoAccount[]> {
  const existing = await dataSource.query<unknown[]>('SELECT 1 FROM app_user WHERE lower(email) = $1', [
    USERS[0].email,
  ]);
  if (existing.length > 0) return [];

  return dataSource.transaction(async (tx) => {
    const agencyIds = new Map<string, string>();
    const maracIds = new Map<string, string>();
    for (const district of DEMO_DISTRICTS) {
      for (const sector of SECTORS) {
        const [row] = await tx.query<{ id: string }[]>(
          'INSERT INTO agency (name, sector, area_code, joint_working_model) VALUES ($1, $2, $3, $4) RETURNING id',
          [
            demoAgencyName(district.name, sector.label),
            sector.code,
            district.code,
            MODEL_BY_SECTOR[sector.code] ?? null,
          ],
        );
        agencyIds.set(`${district.code}/${sector.code}`, row.id);
      }
      const [marac] = await tx.query<{ id: string }[]>(
        'INSERT INTO marac (name, area_code) VALUES ($1, $2) RETURNING id',
        [`${district.name} Marac (demo)`, district.code],
      );
      maracIds.set(district.code, marac.id);
    }

    for (const [kind, ids] of [
      ['agency', agencyIds],
      ['marac', maracIds],
    ] as const) {
      await tx.query(
        `INSERT INTO return_schedule (${kind}_id, return_type, from_period) SELECT unnest($1::uuid[]), $2, $3`,
        [[...ids.values()], defaultReturnType(kind).id, DEMO_RETURNS_FROM],
      );
    }

    // The partnership signs up, at force-area level, to the newest agency and Marac frameworks.
    const frameworks = await tx.query<{ id: string }[]>(
      'SELECT DISTINCT ON (kind) id FROM standards_framework ORDER BY kind, imported_at DESC',
    );
    for (const f of frameworks) await adoptFramework(tx, DEMO_FORCE_AREA, f.id, null);

    const accounts: DemoAccount[] = [];
    for (const plan of USERS) {
      const password = fixedPassword ?? generatePassword();
      const [user] = await tx.query<{ id: string }[]>(
        'INSERT INTO app_user (email, display_name, password_hash, role, agency_id, marac_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [
          plan.email,
          plan.displayName,
          await hashPassword(password),
          plan.role,
          plan.agency ? agencyIds.get(`${plan.agency.district}/${plan.agency.sector}`) : null,
          plan.maracDistrict ? maracIds.get(plan.maracDistrict) : null,
        ],
      );
      for (const area of plan.areas ?? [])
        await tx.query('INSERT INTO user_area (user_id, area_code) VALUES ($1, $2)', [user.id, area]);
      accounts.push({ email: plan.email, role: plan.role, scope: plan.scope, password });
    }
    return accounts;
  });
}
