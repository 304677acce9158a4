import { createHash } from 'node:crypto';
import {
  AGENCY_QUARTER,
  CASE_LEVEL,
  MARAC_QUARTER,
  parseQuarter,
  quarterFromIndex,
  quarterIndex,
  quarterLabel,
  validateReturn,
  type ReturnType,
} from '@waymark/domain';
import { WarehouseSync } from '../../../apps/api/dist/apps/api/src/analytics/warehouse-sync.service.js';
import type { Caller } from '../../../apps/api/dist/apps/api/src/scope/area-scope.js';
import { storeSubmission } from '../../../apps/api/dist/apps/api/src/returns/submission-store.js';
import { agencyFigures, caseEpisodes, maracFigures, Synthetic } from '../../../apps/api/dist/seeds/synthetic.js';
import { sendReturn, type MediumApp } from './medium-app.js';

/** A district, partnership and force area: where an agency or Marac sits. */
export interface AreaPath {
  lad: string;
  csp: string;
  pfa: string;
}

export interface Owner {
  id: string;
  kind: 'agency' | 'marac';
  name: string;
  /** Agencies only. */
  sector: string | null;
  path: AreaPath;
}

/** The current version of one owner's quarterly return, as stored (its checked values). */
export interface QuarterlyReturn {
  owner: Owner;
  quarter: number;
  values: Record<string, number>;
}

/** One case-level row as stored, with what the tests count from it. */
export interface Episode {
  owner: Owner;
  quarter: number;
  person: string;
  /** The referral month as a count of months (year × 12 + month). */
  month: number;
  referredTo: string | null;
  engaged: boolean | null;
  maracReferral: boolean;
}

/** One standard's effective rating (moderated where moderated) in an agency's current self-audit. */
export interface Rating {
  owner: Owner;
  year: string;
  code: string;
  rating: string;
}

export interface District {
  code: string;
  name: string;
  path: AreaPath;
  women: number | null;
}

/** Everything the fixture stored, kept here so expected figures are worked out without reading Waymark's answers. */
export interface World {
  quarters: number[];
  owners: Owner[];
  returns: QuarterlyReturn[];
  episodes: Episode[];
  ratings: Rating[];
  districts: District[];
  /** Area code → its parent's code, from the reference data. */
  parents: Map<string, string | null>;
}

export const HARTLEPOOL = 'E06000001';
export const MIDDLESBROUGH = 'E06000002';
export const REDCAR = 'E06000003';
export const STOCKTON = 'E06000004';
export const CLEVELAND = 'E23000013';
export const CITY_OF_LONDON = 'E09000001';

/** Four finished quarters, July 2025 to June 2026, in which the fixture's returns are stored. */
export const FIXTURE_QUARTERS = ['2025-26 Q2', '2025-26 Q3', '2025-26 Q4', '2026-27 Q1'].map((label) =>
  quarterIndex(parseQuarter(label)!),
);
export const label = (q: number) => quarterLabel(quarterFromIndex(q));
/** The audit year the fixture's self-audits are for: the year of its first three quarters. */
export const AUDIT_YEAR = '2025-26';

const CASE_SENDERS = ['drug_alcohol_service', 'domestic_abuse_service'];
const AUDITED_SECTORS = ['drug_alcohol_service', 'domestic_abuse_service', 'housing', 'mental_health'];

const monthOf = (yyyymm: string) => Number(yyyymm.slice(0, 4)) * 12 + Number(yyyymm.slice(5, 7));

/** The stored (checked) rows of a return, or a failure naming the first problem: the fixture must be valid. */
function checked(type: ReturnType, rows: Record<string, unknown>[], quarter: number) {
  const validation = validateReturn(
    type,
    { headerRow: null, columns: Object.keys(rows[0]), rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) },
    quarterFromIndex(quarter),
  );
  if (validation.problems.length)
    throw new Error(`Fixture ${type.id} broke a rule: ${JSON.stringify(validation.problems[0])}`);
  return validation.rows;
}

async function readPlaces(app: MediumApp) {
  const areas = await app.query<{
    code: string;
    name: string;
    type: string;
    parent_code: string | null;
    women: number | null;
  }>('SELECT code, name, type, parent_code, females_16plus AS women FROM area');
  const parents = new Map(areas.map((a) => [a.code, a.parent_code]));
  const pathOf = (lad: string): AreaPath => {
    const csp = parents.get(lad)!;
    return { lad, csp, pfa: parents.get(csp)! };
  };
  const districts = areas
    .filter((a) => a.type === 'lad')
    .map((a) => ({
      code: a.code,
      name: a.name,
      path: pathOf(a.code),
      women: a.women === null ? null : Number(a.women),
    }));
  return { parents, pathOf, districts };
}

/**
 * Stores the fixture: quarterly returns from every demo agency and Marac (and an agency outside
 * Cleveland) over four quarters, some missing, many small; case-level episodes from the specialist
 * services of two districts; then, through the services as people send them, a Marac return, a
 * resubmission that replaces an earlier version, self-audits and one moderated rating. Returns what
 * was stored.
 */
export async function storeFixture(app: MediumApp): Promise<World> {
  const admin = await app.caller('admin');
  // A drug and alcohol service outside Cleveland, due since 2019 like the demo's: a peer, and out of every demo scope.
  await app.agencies.create(admin, {
    name: 'City dual-issue service (fixture)',
    sector: 'drug_alcohol_service',
    areaCode: CITY_OF_LONDON,
    scheduleFrom: '2019-20 Q1',
  });
  const { parents, pathOf, districts } = await readPlaces(app);
  const agencies = await app.query<{ id: string; name: string; sector: string; area_code: string }>(
    'SELECT id, name, sector, area_code FROM agency ORDER BY area_code, name',
  );
  const maracs = await app.query<{ id: string; name: string; area_code: string }>(
    'SELECT id, name, area_code FROM marac ORDER BY area_code',
  );
  const owners: Owner[] = [
    ...agencies.map((a) => ({
      id: a.id,
      kind: 'agency' as const,
      name: a.name,
      sector: a.sector,
      path: pathOf(a.area_code),
    })),
    ...maracs.map((m) => ({ id: m.id, kind: 'marac' as const, name: m.name, sector: null, path: pathOf(m.area_code) })),
  ];
  const world: World = {
    quarters: FIXTURE_QUARTERS,
    owners,
    returns: [],
    episodes: [],
    ratings: [],
    districts,
    parents,
  };

  const r = new Synthetic(20_260_301);
  const pending: PendingReturn[] = [];
  const hartlepoolMarac = owners.find((o) => o.kind === 'marac' && o.path.lad === HARTLEPOOL)!;
  const last = FIXTURE_QUARTERS.length - 1;
  for (const [qi, quarter] of FIXTURE_QUARTERS.entries()) {
    for (const [ai, owner] of owners.filter((o) => o.kind === 'agency').entries()) {
      if ((ai * 3 + qi) % 8 === 5) continue; // some returns never arrive
      // A fifth of the agencies are tiny (caseloads of 5 to 8): their counts are mostly 0 to 4.
      const size = ai % 5 === 0 ? 0.03 : ai % 5 === 1 ? 0.3 : 1;
      const values = agencyFigures(r, size);
      pending.push({ type: AGENCY_QUARTER, owner, quarter, rows: [values] });
      if (CASE_SENDERS.includes(owner.sector!) && [HARTLEPOOL, MIDDLESBROUGH].includes(owner.path.lad)) {
        // Ten people per service, met again within and across quarters.
        const rows = caseEpisodes(r, owner.id, quarterFromIndex(quarter), r.int(6, 16), 10);
        pending.push({ type: CASE_LEVEL, owner, quarter, rows });
      }
    }
    for (const owner of owners.filter((o) => o.kind === 'marac')) {
      if (owner.path.lad === STOCKTON && qi === 1) continue; // Stockton's Marac missed a quarter
      if (owner === hartlepoolMarac && qi === last) continue; // sent below by its coordinator
      // Middlesbrough's Marac hears few cases, so many of its counts are small.
      const cases = owner.path.lad === MIDDLESBROUGH ? 8 : owner.path.lad === HARTLEPOOL ? 40 : 70;
      pending.push({ type: MARAC_QUARTER, owner, quarter, rows: [maracFigures(r, cases)] });
    }
  }

  // Stored in one transaction as earlier quarters' returns would have been; the warehouse then catches up.
  await storeReturns(app, world, pending);

  // Sent as people send them, through the returns service: the Marac coordinator's return, and the
  // submitter's corrected return for the last quarter, which replaces the one stored above.
  const send = async (
    caller: Caller,
    type: ReturnType,
    owner: Owner,
    quarter: number,
    values: Record<string, number>,
  ) => {
    await sendReturn(app, caller, type.id, {
      period: label(quarter),
      values,
    });
    record(world, type, owner, quarter, checked(type, [values], quarter));
  };
  const lastQuarter = FIXTURE_QUARTERS[last];
  await send(await app.caller('marac'), MARAC_QUARTER, hartlepoolMarac, lastQuarter, maracFigures(r, 40));
  const submitter = await app.caller('submitter');
  const ownAgency = owners.find((o) => o.id === submitter.agencyId)!;
  await send(submitter, AGENCY_QUARTER, ownAgency, lastQuarter, agencyFigures(r, 1));

  await auditSome(app, world, r);
  return world;
}

/** A return to store: its type, owner, quarter and rows (one row of figures for a quarterly return). */
export interface PendingReturn {
  type: ReturnType;
  owner: Owner;
  quarter: number;
  rows: Record<string, unknown>[];
}

/**
 * Stores checked returns in one transaction, each as the next version of its owner's return for the
 * quarter (as the returns service stores them), keeps them in the world as the current ones, and
 * waits for the warehouse to catch up with them.
 */
export async function storeReturns(app: MediumApp, world: World, returns: PendingReturn[]): Promise<void> {
  const admin = await app.caller('admin');
  await app.dataSource.transaction(async (tx) => {
    for (const p of returns) {
      const rows = checked(p.type, p.rows, p.quarter);
      const original = Buffer.from(JSON.stringify(rows));
      await storeSubmission(tx, {
        returnType: p.type.id,
        agencyId: p.owner.kind === 'agency' ? p.owner.id : null,
        maracId: p.owner.kind === 'marac' ? p.owner.id : null,
        period: label(p.quarter),
        submittedBy: admin.userId,
        fileName: null,
        mediaType: 'application/json',
        byteSize: original.length,
        sha256: createHash('sha256').update(original).digest(),
        rows,
      });
      record(world, p.type, p.owner, p.quarter, rows);
    }
  });
  await app.get(WarehouseSync).catchUp();
}

/** Keeps a stored return as the current one for its owner, type and quarter. */
function record(world: World, type: ReturnType, owner: Owner, quarter: number, rows: Record<string, unknown>[]) {
  if (type === CASE_LEVEL) {
    world.episodes = world.episodes.filter((e) => !(e.owner === owner && e.quarter === quarter));
    for (const row of rows)
      world.episodes.push({
        owner,
        quarter,
        person: String(row.person_key),
        month: monthOf(String(row.referral_month)),
        referredTo: (row.referred_to as string | null) ?? null,
        engaged: (row.referral_engaged as boolean | null) ?? null,
        maracReferral: row.marac_referral === true,
      });
    return;
  }
  world.returns = world.returns.filter((x) => !(x.owner === owner && x.quarter === quarter));
  const values = Object.fromEntries(
    Object.entries(rows[0]).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
  world.returns.push({ owner, quarter, values });
}

/**
 * Self-audits for the audit year from four sectors' agencies in Hartlepool and Middlesbrough, opened,
 * rated and submitted by an administrator through the audits service; an analyst then moderates one
 * rating of the first.
 */
async function auditSome(app: MediumApp, world: World, r: Synthetic): Promise<void> {
  const admin = await app.caller('admin');
  const audited = world.owners.filter(
    (o) =>
      o.kind === 'agency' && AUDITED_SECTORS.includes(o.sector!) && [HARTLEPOOL, MIDDLESBROUGH].includes(o.path.lad),
  );
  let first: { id: string; owner: Owner; code: string } | null = null;
  for (const owner of audited) {
    const { audit } = await app.audits.open(admin, { period: AUDIT_YEAR, agencyId: owner.id });
    const ratings = (audit.items as { code: string }[]).map(({ code }) => {
      const roll = r.next();
      const rating = roll < 0.55 ? 'met' : roll < 0.75 ? 'partly_met' : roll < 0.9 ? 'not_met' : 'not_applicable';
      const needsAction = rating === 'partly_met' || rating === 'not_met';
      return {
        code,
        rating,
        action: needsAction ? 'Agree an improvement plan' : null,
        targetDate: needsAction ? '2026-09-30' : null,
      };
    });
    await app.audits.saveRatings(admin, audit.id, { body: { ratings } });
    await app.audits.submit(admin, audit.id);
    for (const { code, rating } of ratings) world.ratings.push({ owner, year: AUDIT_YEAR, code, rating });
    first ??= { id: audit.id, owner, code: ratings.find((x) => x.rating === 'met')!.code };
  }
  if (!first) throw new Error('The fixture audits nobody');
  const moderated = first;
  await app.audits.moderate(await app.caller('analyst'), moderated.id, moderated.code, {
    rating: 'not_met',
    reason: 'The evidence covers one team only',
  });
  world.ratings.find((x) => x.owner === moderated.owner && x.code === moderated.code)!.rating = 'not_met';
}
