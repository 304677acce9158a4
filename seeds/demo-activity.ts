import { createHash } from 'node:crypto';
import {
  AGENCY_QUARTER,
  CASE_LEVEL,
  MARAC_QUARTER,
  quarterDueDate,
  quarterEnd,
  quarterFromIndex,
  quarterIndex,
  quarterLabel,
  lastFinishedQuarter,
  ukDate,
  validateReturn,
  type FinancialQuarter,
  type ReturnType,
} from '@waymark/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { storeSubmission } from '../apps/api/src/returns/submission-store.js';
import { agencyFigures, caseEpisodes, maracFigures, Synthetic } from './synthetic.js';

const QUARTERS = 8;
/** The specialist services that send case-level returns as well as their quarterly ones. */
const SENDS_CASE_LEVEL = ['drug_alcohol_service', 'domestic_abuse_service'];
const NEEDS_ACTION = ['partly_met', 'not_met'];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T10:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString();
}

async function store(
  tx: EntityManager,
  type: ReturnType,
  owner: { agencyId: string | null; maracId: string | null },
  quarter: FinancialQuarter,
  rows: Record<string, unknown>[],
  submittedBy: string,
  submittedAt: string,
) {
  const checked = validateReturn(
    type,
    { headerRow: null, columns: Object.keys(rows[0]), rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) },
    quarter,
  );
  if (checked.problems.length)
    throw new Error(`Demo ${type.id} data broke a rule: ${JSON.stringify(checked.problems[0])}`);
  const original = Buffer.from(JSON.stringify(type.shape === 'single' ? { values: rows[0] } : { rows }));
  await storeSubmission(tx, {
    ...owner,
    returnType: type.id,
    period: quarterLabel(quarter),
    submittedBy,
    submittedAt,
    fileName: null,
    mediaType: 'application/json',
    byteSize: original.length,
    sha256: createHash('sha256').update(original).digest(),
    rows: checked.rows,
  });
}

/**
 * Two years of invented activity for the demo partnership, so every dashboard has something to
 * show: quarterly returns (a few late, a few missing), Marac returns, case-level episodes from the
 * specialist services, and self-audits with action plans.
 */
export async function seedDemoActivity(
  dataSource: DataSource,
): Promise<{ returns: number; episodes: number; audits: number }> {
  const r = new Synthetic(20251123);
  const [{ id: adminId }] = await dataSource.query<{ id: string }[]>(
    "SELECT id FROM app_user WHERE role = 'admin' ORDER BY created_at LIMIT 1",
  );
  const lastComplete = quarterIndex(lastFinishedQuarter(ukDate()));
  const quarters = Array.from({ length: QUARTERS }, (_, i) => quarterFromIndex(lastComplete - QUARTERS + 1 + i));
  const agencies: { id: string; sector: string; area_code: string; name: string }[] = await dataSource.query(
    `SELECT id, sector, area_code, name FROM agency WHERE name LIKE '%(demo)' ORDER BY area_code, name`,
  );
  const maracs: { id: string; area_code: string; females_16plus: number }[] = await dataSource.query(
    `SELECT m.id, m.area_code, a.females_16plus FROM marac m JOIN area a ON a.code = m.area_code WHERE m.name LIKE '%(demo)'`,
  );
  let returns = 0;
  let episodes = 0;
  await dataSource.transaction(async (tx) => {
    const caseSenders = agencies.filter((a) => SENDS_CASE_LEVEL.includes(a.sector)).map((a) => a.id);
    await tx.query(
      'INSERT INTO return_schedule (agency_id, return_type, from_period) SELECT unnest($1::uuid[]), $2, $3',
      [caseSenders, CASE_LEVEL.id, quarterLabel(quarters[0])],
    );
    for (const [qi, quarter] of quarters.entries()) {
      const due = quarterDueDate(quarter);
      const arrived = (late: boolean) => addDays(quarterEnd(quarter), late ? r.int(35, 60) : r.int(5, 28));
      for (const [ai, agency] of agencies.entries()) {
        // A couple of agencies have stopped sending returns lately, which the gaps views should show.
        if (qi >= QUARTERS - 2 && (ai % 11 === 3 || ai % 13 === 7)) continue;
        const late = r.next() < 0.12;
        if (addDays(quarterEnd(quarter), 0) > new Date().toISOString()) continue;
        await store(
          tx,
          AGENCY_QUARTER,
          { agencyId: agency.id, maracId: null },
          quarter,
          [agencyFigures(r, agency.sector === 'police' ? 2 : 1)],
          adminId,
          late && due < ukDate() ? arrived(true) : arrived(false),
        );
        returns += 1;
        if (SENDS_CASE_LEVEL.includes(agency.sector)) {
          const rows = caseEpisodes(r, agency.id, quarter, r.int(40, 80), 600);
          await store(tx, CASE_LEVEL, { agencyId: agency.id, maracId: null }, quarter, rows, adminId, arrived(false));
          episodes += rows.length;
          returns += 1;
        }
      }
      for (const [mi, marac] of maracs.entries()) {
        const recommendedPerQuarter = (40 * marac.females_16plus) / 10_000 / 4;
        const level = [0.7, 1.05, 1.3][mi % 3];
        await store(
          tx,
          MARAC_QUARTER,
          { agencyId: null, maracId: marac.id },
          quarter,
          [maracFigures(r, recommendedPerQuarter * level)],
          adminId,
          arrived(false),
        );
        returns += 1;
      }
    }
  });
  const audits = await seedDemoAudits(dataSource, r, adminId, quarters[quarters.length - 1]);
  return { returns, episodes, audits };
}

/** Submitted self-audits for the financial year of the latest quarter, for Hartlepool and Middlesbrough agencies. */
async function seedDemoAudits(
  dataSource: DataSource,
  r: Synthetic,
  adminId: string,
  latest: FinancialQuarter,
): Promise<number> {
  const year = `${latest.startYear}-${String((latest.startYear + 1) % 100).padStart(2, '0')}`;
  const [adoption] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM standards_adoption WHERE is_current AND kind = 'agency' AND area_code = 'E23000013'`,
  );
  if (!adoption) return 0;
  const agencies: { id: string; sector: string }[] = await dataSource.query(
    `SELECT id, sector FROM agency WHERE area_code IN ('E06000001', 'E06000002') AND name LIKE '%(demo)'`,
  );
  await dataSource.transaction(async (tx) => {
    for (const agency of agencies) {
      const [audit] = await tx.query<{ id: string }[]>(
        `INSERT INTO audit (agency_id, adoption_id, period, status, version, is_current, created_by, submitted_by, submitted_at)
         VALUES ($1, $2, $3, 'submitted', 1, true, $4, $4, now()) RETURNING id`,
        [agency.id, adoption.id, year, adminId],
      );
      const codes: { code: string }[] = await tx.query(
        `SELECT code FROM adopted_standard WHERE adoption_id = $1 AND active AND ('all' = ANY(sectors) OR $2 = ANY(sectors)) ORDER BY position`,
        [adoption.id, agency.sector],
      );
      for (const { code } of codes) {
        const roll = r.next();
        const rating =
          code === 'JW-03' || code === 'PER-02'
            ? roll < 0.5
              ? 'not_met'
              : 'partly_met'
            : roll < 0.62
              ? 'met'
              : roll < 0.8
                ? 'partly_met'
                : roll < 0.95
                  ? 'not_met'
                  : 'not_applicable';
        const needsAction = NEEDS_ACTION.includes(rating);
        await tx.query(
          'INSERT INTO audit_rating (audit_id, code, self_rating, evidence_ref, action, target_date) VALUES ($1, $2, $3, $4, $5, $6)',
          [
            audit.id,
            code,
            rating,
            rating === 'met' ? `Evidence pack ${code}` : null,
            needsAction ? 'Agree an improvement plan with the partnership lead' : null,
            needsAction ? addDays(ukDate(), r.int(-90, 180)).slice(0, 10) : null,
          ],
        );
      }
    }
  });
  return agencies.length;
}
