import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import {
  AGENCY_QUARTER,
  INDICATORS,
  MARAC_QUARTER,
  publishCount,
  publishedCellValue,
  quarterFromIndex,
  quarterIndex,
  quarterLabel,
  quarterOfDate,
  ukDate,
  wilsonInterval,
  type IndicatorDef,
} from '@waymark/domain';
import { readParquetRows, SUM_BASED } from '@waymark/analytics';
import type { StreamableFile } from '@nestjs/common';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsController, ARROW } from '../../apps/api/dist/apps/api/src/analytics/analytics.controller.js';
import type { Caller } from '../../apps/api/dist/apps/api/src/scope/area-scope.js';
import { useMediumApp } from './support/medium-app.js';

/**
 * A viewer attacks the demo data the way the issue describes: every figure over every range of
 * quarters (so every pair of overlapping ranges), quarterly trends against range totals, comparison
 * fields, pathway links against indicator denominators, peers, gaps, and every export format. The
 * claim under test: every number the viewer is shown is the published total of the returns'
 * published figures (each return's count hidden when 1 to 4, rounded to 5 otherwise, a hidden one
 * adding 2), worked out here from the stored returns. Then nothing shown depends on which of 1 to 4
 * a hidden count is, so no subtraction, however many answers it combines, can tell them apart.
 * In-process (moved from tests/api/): the services and the analytics controller are called with the
 * viewer as the caller, against the demo with its two years of activity.
 */
const app = useMediumApp({ contents: 'demo-activity' });
const BASE = 5;
const HARTLEPOOL = 'E06000001';
const LAST = quarterIndex(quarterOfDate(ukDate())) - 1;
const QUARTERS = Array.from({ length: 8 }, (_, i) => LAST - 7 + i);
const label = (q: number) => quarterLabel(quarterFromIndex(q));
/** The range of quarters asked about: in Hartlepool, or (for peers and comparisons) without an area. */
const range = (from: number, to: number) => ({ area: HARTLEPOOL, from: label(from), to: label(to) });
const anywhere = (from: number, to: number) => ({ from: label(from), to: label(to) });
const quartersOf = (from: number, to: number) => QUARTERS.filter((q) => q >= from && q <= to);
const MEASURES = (fields: typeof MARAC_QUARTER.fields) =>
  fields.filter((f) => f.kind === 'count' || f.kind === 'share').map((f) => f.key);

/** One thing the viewer saw: the returns' figures (cells) it totals, and what was shown. */
interface Observation {
  terms: string[];
  shown: number | null;
  where: string;
}

describe('differencing attacks on the demo data, as a viewer', () => {
  let viewer: Caller;
  let admin: Caller;
  let analyst: Caller;
  const observations: Observation[] = [];
  const truth = new Map<string, number>();
  let agencies: { id: string; name: string; sector: string }[];
  let controller: AnalyticsController;
  /** The controller sets headers on the response; nothing here reads them. */
  const response = { setHeader: () => undefined } as unknown as Parameters<AnalyticsController['export']>[3];

  beforeAll(async () => {
    controller = app.get(AnalyticsController);
    viewer = await app.caller('viewer');
    admin = await app.caller('admin');
    analyst = await app.caller('analyst');
    agencies = await app.agencies.list(viewer.scope, { area: HARTLEPOOL });
    // The truth, read by an administrator straight from the stored quarterly returns.
    for (const type of ['agency-quarter', 'marac-quarter'] as const) {
      for (const r of await app.returns.list(admin, { type })) {
        if (r.areaCode !== HARTLEPOOL) continue;
        const q = QUARTERS.find((x) => label(x) === r.period);
        if (q === undefined) continue;
        const [values] = (await app.returns.detail(admin, r.id)).rows!;
        for (const [key, value] of Object.entries(values)) {
          if (typeof value === 'number') truth.set(r.agencyId ? `a|${q}|${r.agencyId}|${key}` : `m|${q}|${key}`, value);
        }
      }
    }
    // Case-level pathway counts, quarter by quarter, as an analyst sees them (exact). Hartlepool has one
    // agency of each sector, so a sector's count for a quarter is one agency's cell.
    for (const q of QUARTERS) {
      for (const l of (await app.analytics.pathways(analyst, range(q, q))).links) {
        if (l.basis !== 'case-level') continue;
        truth.set(`c|${q}|${l.source}|${l.target}`, l.referrals!);
        if (l.engaged !== null) truth.set(`ce|${q}|${l.source}|${l.target}`, l.engaged);
      }
    }
  }, 120_000);

  const marac = (qs: number[], key: string) => qs.map((q) => `m|${q}|${key}`);
  const agency = (qs: number[], key: string, sector?: string) =>
    qs.flatMap((q) => agencies.filter((a) => !sector || a.sector === sector).map((a) => `a|${q}|${a.id}|${key}`));
  /** The single field behind an indicator's numerator or denominator, where there is one. */
  const fieldOf = (def: IndicatorDef, part: 'numerator' | 'denominator'): string | null =>
    SINGLE_FIELDS[def.id]?.[part === 'numerator' ? 0 : 1] ?? null;

  it('collects everything the viewer is shown, in every range of quarters, and every format agrees', async () => {
    for (const from of QUARTERS) {
      for (const to of QUARTERS.filter((q) => q >= from)) {
        const qs = quartersOf(from, to);
        const where = `${label(from)}–${label(to)}`;
        for (const [source, fields] of [
          ['marac', MEASURES(MARAC_QUARTER.fields)],
          ['agency', MEASURES(AGENCY_QUARTER.fields)],
        ] as const) {
          for (const groupBy of source === 'agency' ? ['period', 'lad', 'sector'] : ['period', 'lad']) {
            const query = { source, groupBy, ...range(from, to) };
            const answer = (await app.analytics.explorer(viewer, query)) as {
              rows: Record<string, number | null | string>[];
            };
            for (const row of answer.rows) {
              const group = String(row.group);
              const within = groupBy === 'period' ? [QUARTERS.find((q) => label(q) === group)!] : qs;
              for (const key of fields) {
                const terms =
                  source === 'marac'
                    ? marac(within, key)
                    : agency(within, key, groupBy === 'sector' ? group : undefined);
                observations.push({
                  terms,
                  shown: row[key] as number | null,
                  where: `explorer ${source}/${groupBy} ${where} ${group} ${key}`,
                });
              }
            }
            if (from === QUARTERS[0] && (to === LAST || to === from)) await expectExportsToAgree(query, answer.rows);
          }
        }
        const trends = await app.analytics.trends(viewer, {
          ...range(from, to),
          indicators: TRENDED.map((d) => d.id).join(','),
        });
        for (const series of trends.series) {
          for (const point of series.points) {
            const q = QUARTERS.find((x) => label(x) === point.period)!;
            expectWorkedOutFromShownCounts({ ...point, id: series.id });
            observeIndicator({ ...point, id: series.id }, [q], `trends ${where}`);
          }
        }
        const indicators = (await app.analytics.indicators(viewer, range(from, to))).indicators as Shown[];
        for (const i of indicators) {
          expectWorkedOutFromShownCounts(i);
          observeIndicator(i, qs, `indicators ${where}`);
        }
        const pathways = await app.analytics.pathways(viewer, range(from, to));
        for (const l of pathways.links) {
          for (const [part, shown] of [
            ['referrals', l.referrals],
            ['engaged', l.engaged],
          ] as const) {
            if (part === 'engaged' && l.target === 'marac') continue; // engagement is not counted for referrals into Marac
            const terms = linkTerms(l, part, qs);
            if (terms) observations.push({ terms, shown, where: `pathways ${where} ${l.source}→${l.target} ${part}` });
          }
        }
        const gaps = await app.analytics.gaps(viewer, range(from, to));
        for (const a of gaps.attendance) {
          observations.push({
            terms: marac(qs, `attended_${a.agency}`),
            shown: a.attended,
            where: `gaps ${where} attended ${a.agency}`,
          });
          observations.push({ terms: marac(qs, 'meetings_held'), shown: a.meetings, where: `gaps ${where} meetings` });
          if (a.share !== null) expect(a.share).toBe(a.attended! / a.meetings!);
        }
        for (const g of gaps.serviceGaps) {
          const id = agencies.find((a) => a.name === g.agencyName)!.id;
          const own = (key: string) => qs.map((q) => `a|${q}|${id}|${key}`);
          observations.push(
            { terms: own('disclosed'), shown: g.disclosed, where: `service gap ${where}` },
            { terms: own('referrals_made'), shown: g.referralsMade, where: `service gap ${where}` },
            { terms: own('referrals_made_engaged'), shown: g.referralsEngaged, where: `service gap ${where}` },
          );
        }
        for (const a of agencies) {
          const peers = await app.analytics.peers(viewer, { agency: a.id, ...anywhere(from, to) });
          for (const row of peers.indicators as { id: string; own: Shown & { suppressed: boolean } }[]) {
            expectWorkedOutFromShownCounts(row.own);
            if (row.own.suppressed) continue; // a withheld figure hides both its counts, whatever they are
            const def = INDICATORS.find((d) => d.id === row.id)!;
            for (const part of ['numerator', 'denominator'] as const) {
              const key = fieldOf(def, part);
              const terms = qs.map((q) => `a|${q}|${a.id}|${key}`);
              if (key && !expectNoReturns(row.own, terms))
                observations.push({ terms, shown: row.own[part], where: `peers ${where} ${a.name} ${row.id} ${part}` });
            }
          }
        }
      }
      await expectComparisonFromShownCounts(from, LAST);
    }

    function observeIndicator(i: Shown, qs: number[], where: string) {
      const def = INDICATORS.find((d) => d.id === i.id)!;
      if (i.suppressed) return; // a withheld figure hides both its counts, whatever they are
      for (const part of ['numerator', 'denominator'] as const) {
        const key = fieldOf(def, part);
        if (!key) continue;
        const terms = def.source === 'marac' ? marac(qs, key) : agency(qs, key);
        if (!expectNoReturns(i, terms)) observations.push({ terms, shown: i[part], where: `${where} ${i.id} ${part}` });
      }
    }
    /** A figure said to have no returns shows no counts, and truly has no returned cell behind it. */
    function expectNoReturns(i: Shown, terms: string[]): boolean {
      if (i.status !== 'no_returns') return false;
      expect([i.numerator, i.denominator, i.value], i.id).toEqual([null, null, null]);
      expect(
        terms.filter((term) => truth.has(term)),
        i.id,
      ).toEqual([]);
      return true;
    }
    expect(observations.length).toBeGreaterThan(5_000);
  }, 600_000);

  it('shows only totals of the returns’ published figures, so nothing shown tells a hidden count of 1, 2, 3 or 4 apart, nor narrows a rounded one', () => {
    const published = (terms: string[], change?: { cell: string; to: number }) =>
      publishCount(
        terms.reduce((sum, v) => sum + publishedCellValue(change?.cell === v ? change.to : (truth.get(v) ?? 0)), 0),
      );
    // Every figure shown is worked out from the returns' published figures alone.
    const otherwise = observations.filter((o) => o.shown !== published(o.terms));
    expect(
      otherwise.map((o) => `${o.where}: shown ${o.shown}, published total ${published(o.terms)}`).slice(0, 5),
    ).toEqual([]);

    // So for each hidden count, every answer that includes it reads the same whichever of 1 to 4 it is:
    // the difference of two overlapping ranges, of a trend and a total, of links and a denominator, all
    // come out the same. Checked cell by cell, answer by answer.
    const hidden = [...truth.entries()].filter(([, value]) => value > 0 && value < 5).map(([cell]) => cell);
    expect(hidden.length, 'the demo data has small counts to protect').toBeGreaterThan(100);
    const telling = hidden.flatMap((cell) =>
      observations
        .filter((o) => o.terms.includes(cell))
        .filter((o) => [1, 2, 3, 4].some((to) => published(o.terms, { cell, to }) !== o.shown))
        .map((o) => `${o.where} changes with ${cell}`),
    );
    expect(telling.slice(0, 5)).toEqual([]);
    expect(observations.filter((o) => o.terms.some((v) => hidden.includes(v))).length).toBeGreaterThan(1_000);

    // Likewise a rounded count cannot be narrowed below its rounding band (a quarter's 72 shown as 70
    // stays "68 to 72" beside the year and every other total): checked on every seventh rounded cell.
    const rounded = [...truth.entries()].filter(([, value]) => value >= 5).filter((_, i) => i % 7 === 0);
    const narrowing = rounded.flatMap(([cell, value]) => {
      const band = [-2, -1, 1, 2].map((d) => value + d).filter((other) => publishCount(other) === publishCount(value));
      return observations
        .filter((o) => o.terms.includes(cell))
        .filter((o) => band.some((to) => published(o.terms, { cell, to }) !== o.shown))
        .map((o) => `${o.where} changes within the band of ${cell}`);
    });
    expect(narrowing.slice(0, 5)).toEqual([]);
  }, 180_000); // pure arithmetic over every observation; slow only on a busy machine

  /** Links from agency and Marac returns map to return fields; case-level links to per-quarter episode counts. */
  function linkTerms(
    l: { source: string; target: string; basis: string },
    part: 'referrals' | 'engaged',
    qs: number[],
  ): string[] | null {
    if (l.basis === 'case-level')
      return qs.map((q) => `${part === 'referrals' ? 'c' : 'ce'}|${q}|${l.source}|${l.target}`);
    if (l.basis === 'Marac returns') return marac(qs, `referrals_${l.source.replace('source:', '')}`);
    if (l.target === 'partner_sector')
      return agency(qs, part === 'referrals' ? 'referrals_made' : 'referrals_made_engaged', l.source);
    if (l.source === 'partner_sector')
      return agency(qs, part === 'referrals' ? 'referrals_received' : 'referrals_received_engaged', l.target);
    if (l.target === 'marac') return agency(qs, 'marac_referrals', l.source);
    return null;
  }

  /**
   * The explorer's table in every format the explorer's controller sends (called in-process, as the
   * router would after the session guard): Arrow when asked for it, and the CSV, XLSX and Parquet files.
   */
  async function expectExportsToAgree(query: Record<string, string>, rows: Record<string, unknown>[]) {
    const arrow = tableFromIPC(new Uint8Array(await fileOf(controller.explorer(viewer, query, ARROW, response))))
      .toArray()
      .map((r) => r.toJSON());
    expect(arrow).toEqual(rows);
    const csv = (await fileOf(controller.export(viewer, 'csv', query, response)))
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(csv.map((cells) => cells.slice(1).map((c) => (c === '' ? null : Number(c))))).toEqual(
      rows.map((r) =>
        Object.entries(r)
          .slice(1)
          .map(([, v]) => (v === null ? null : Number(v))),
      ),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await fileOf(controller.export(viewer, 'xlsx', query, response))) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    rows.forEach((r, i) =>
      Object.values(r)
        .slice(1)
        .forEach((v, j) =>
          expect(sheet.getRow(i + 2).getCell(j + 2).value).toEqual(v === null ? '<suppressed or none>' : v),
        ),
    );
    const parquet = await readParquetRows(await fileOf(controller.export(viewer, 'parquet', query, response)), 1_000);
    expect(
      parquet.rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
      ),
    ).toEqual(rows);
  }

  /** The bytes of a file the controller answers with. */
  async function fileOf(answer: Promise<unknown>): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const file = (await answer) as StreamableFile;
    for await (const chunk of file.getStream()) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  /** The league table, its overall figure and its funnel come only from counts the viewer is shown. */
  async function expectComparisonFromShownCounts(from: number, to: number) {
    for (const def of INDICATORS.filter((d) => d.unit === 'percent' && SUM_BASED(d))) {
      const answer = await app.analytics.comparison(viewer, { level: 'lad', indicator: def.id, ...anywhere(from, to) });
      for (const a of answer.areas) expectWorkedOutFromShownCounts({ ...a, id: def.id });
      if (answer.overall) {
        const shown = answer.areas.filter((a) => a.numerator !== null);
        expect(shown.length).toBe(1);
        expect(answer.overall.value).toBe(shown[0].numerator! / shown[0].denominator!);
      }
      expect(answer.target).toBe(answer.benchmark?.value ?? answer.overall?.value ?? null);
      const ns = answer.areas.map((a) => a.denominator).filter((n): n is number => n !== null && n > 0);
      if (answer.funnel.length) expect(answer.funnel[0].n).toBe(Math.max(1, Math.floor(Math.min(...ns) / 2)));
    }
  }
});

interface Shown {
  id: string;
  status?: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  unit?: string;
  suppressed?: boolean;
  extra?: Record<string, number | null>;
}

/** Indicators whose numerator and denominator are each one field of a quarterly return. */
const SINGLE_FIELDS: Record<string, [string | null, string | null]> = {
  marac_repeat_rate: ['repeat_cases', 'cases_discussed'],
  marac_victims_minoritised: ['victims_minoritised', 'cases_discussed'],
  marac_victims_lgbt: ['victims_lgbt', 'cases_discussed'],
  marac_victims_disabled: ['victims_disabled', 'cases_discussed'],
  marac_victims_male: ['victims_male', 'cases_discussed'],
  marac_victims_16_17: ['victims_16_17', 'cases_discussed'],
  marac_victim_substance_use: ['victim_substance_use', 'cases_discussed'],
  marac_perpetrator_substance_use: ['perpetrator_substance_use', 'cases_discussed'],
  marac_victim_mental_health: ['victim_mental_health', 'cases_discussed'],
  marac_perpetrator_mental_health: ['perpetrator_mental_health', 'cases_discussed'],
  marac_children_per_case: ['children_in_households', 'cases_discussed'],
  marac_cases_per_10k: ['cases_discussed', null],
  routine_enquiry_rate: ['asked', 'caseload'],
  disclosure_rate: ['disclosed', 'asked'],
  later_disclosure_share: ['disclosed_later', 'disclosed'],
  referral_conversion_made: ['referrals_made_engaged', 'referrals_made'],
  referral_conversion_received: ['referrals_received_engaged', 'referrals_received'],
  dual_issue_marac_referrals: [null, null],
};
const TRENDED = INDICATORS.filter(SUM_BASED);

/** Every count the viewer sees is hidden, 0 or a multiple of 5, and every figure beside it is worked out from those counts alone. */
function expectWorkedOutFromShownCounts(i: Shown) {
  const def = INDICATORS.find((d) => d.id === i.id)!;
  const organisational = def.source === 'audit' || def.source === 'completeness';
  for (const part of ['numerator', 'denominator'] as const) {
    const n = i[part];
    if (n === null || organisational || (def.id === 'marac_cases_per_10k' && part === 'denominator')) continue;
    expect(n % BASE, `${i.id} ${part} ${n}`).toBe(0);
  }
  if (i.value === null || organisational) return;
  if (def.unit === 'percent') {
    expect(i.value, i.id).toBe(i.numerator! / i.denominator!);
    const interval = wilsonInterval(i.numerator!, i.denominator!)!;
    expect([i.lower, i.upper], i.id).toEqual([interval.lower, interval.upper]);
  } else if (def.unit === 'per_case') expect(i.value).toBe(i.numerator! / i.denominator!);
  else if (def.unit === 'per_10000_per_year')
    expect(i.value).toBeCloseTo((i.numerator! / i.denominator!) * 10_000, 9); // the denominator is women-years covered
  else if (def.unit === 'count') expect(i.value).toBe(i.numerator);
}
