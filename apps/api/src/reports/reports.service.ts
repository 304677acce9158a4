import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  checkQuarter,
  describeDisclosure,
  financialYearOf,
  inSentence,
  MAX_PACK_YEARS,
  parseQuarter,
  periodInWords,
  quarterIndex,
  quarterLabel,
  REPORT_KINDS,
  reportKind,
  reportPeriod,
  seesExactFigures,
  ukDate,
  yearsOf,
  type FinancialQuarter,
  type Report,
  type ReportKind,
} from '@waymark/domain';
import { AnalyticsService } from '../analytics/analytics.service.js';
import type { AreaView } from '../areas/areas.repository.js';
import { AreasService } from '../areas/areas.service.js';
import { isUuid } from '../common/ids.js';
import { APP_CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config.js';
import { MaracsService } from '../maracs/maracs.service.js';
import type { Caller } from '../scope/area-scope.js';
import { unprocessable } from '../scope/submitting-owner.js';
import { StandardsService } from '../standards/standards.service.js';
import { gatherDataPack, MAX_AREA_YEARS } from './data-pack.js';
import { maracReport } from './marac-report.js';
import { partnershipReport } from './partnership-report.js';
import type { ReportContext } from './report-parts.js';
import { ReportRenderer } from './report-renderer.js';

export interface ReportQuery {
  area?: string;
  marac?: string;
  from?: string;
  to?: string;
  /** `published` asks for the small-numbers-hidden paper by someone who could see exact figures. */
  figures?: string;
}

const AREA_WORDS: Record<string, string> = { lad: 'a district', csp: 'a partnership', pfa: 'a force area' };
const MEDIA = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
const MARKINGS: Record<'published' | 'exact', Report['marking']> = {
  published: {
    label: 'OFFICIAL',
    note: 'Small numbers are hidden, so this paper can be shared with the partnership’s boards and groups.',
  },
  exact: {
    label: 'OFFICIAL-SENSITIVE',
    note: 'It holds exact counts, some small enough to identify people beside other information: share it only with people entitled to see exact figures.',
  },
};
/** A file name every system accepts: lower case letters, digits and hyphens. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
const problem = (column: string, rule: string, message: string) =>
  unprocessable(message, [{ row: null, column, rule, message }]);
const fileName = (kind: ReportKind, ctx: ReportContext) => slug(`${kind.id} ${ctx.place} ${ctx.from} to ${ctx.to}`);

/** Report packs for governance groups, written from the same published answers as the dashboard. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly standards: StandardsService,
    private readonly maracs: MaracsService,
    private readonly areas: AreasService,
    private readonly renderer: ReportRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The kinds of report, each with the period it covers unless told otherwise. */
  kinds() {
    const today = ukDate();
    return { kinds: REPORT_KINDS.map((k) => ({ ...k, ...this.labels(reportPeriod(k, today)) })) };
  }

  private labels(period: { from: FinancialQuarter; to: FinancialQuarter }) {
    return { from: quarterLabel(period.from), to: quarterLabel(period.to) };
  }

  private kind(id: string): ReportKind {
    const kind = reportKind(id);
    if (!kind)
      throw new NotFoundException(
        `No report called ${id.slice(0, 40)}; choose one of ${REPORT_KINDS.map((k) => k.id).join(', ')}`,
      );
    return kind;
  }

  /** The quarters asked for, checked: a bad quarter is 422 naming the parameter. */
  private period(
    kind: ReportKind,
    query: ReportQuery,
    today: string,
  ): { from: FinancialQuarter; to: FinancialQuarter } {
    const read = (name: 'from' | 'to') => {
      const raw = query[name];
      if (!raw) return undefined;
      const checked = checkQuarter(raw, today);
      if ('problem' in checked)
        throw unprocessable(`${name} is not a quarter Waymark can report on`, [
          { row: null, column: name, rule: 'period', message: checked.problem },
        ]);
      return checked.quarter;
    };
    const to = read('to');
    const from = read('from') ?? reportPeriod(kind, today, to).from;
    const end = to ?? reportPeriod(kind, today).to;
    if (quarterIndex(from) > quarterIndex(end))
      throw problem('from', 'period', 'The first quarter must not be after the last.');
    if (quarterIndex(end) - quarterIndex(from) >= MAX_PACK_YEARS * 4)
      throw problem('from', 'period', `A report covers at most ${MAX_PACK_YEARS} years.`);
    return { from, to: end };
  }

  /**
   * Whose figures: the reader's own rules, or published figures when someone who sees exact ones asks
   * for a paper to circulate. Asking for exact figures the role cannot see is refused, not quietly eased.
   */
  private reader(caller: Caller, figures: string | undefined): { reader: Caller; published: boolean } {
    if (figures !== undefined && figures !== 'published' && figures !== 'exact')
      throw problem('figures', 'code', 'figures must be published or exact.');
    const exact = seesExactFigures(caller.role);
    if (figures === 'exact' && !exact)
      throw new ForbiddenException('Your role reads published figures only: small numbers are hidden for you.');
    const published = !exact || figures === 'published';
    return { reader: published && exact ? { ...caller, role: 'viewer' } : caller, published };
  }

  /** Who and what the report is about: a Marac stands for its district; an area must be one the kind is written for. */
  private async context(
    caller: Caller,
    kind: ReportKind,
    query: ReportQuery,
  ): Promise<ReportContext & { areaView: AreaView | null }> {
    const today = ukDate();
    const { from, to } = this.period(kind, query, today);
    const { reader, published } = this.reader(caller, query.figures);
    let marac: { id: string; name: string; areaCode: string } | null = null;
    if (query.marac) {
      if (!kind.byMarac)
        throw problem('marac', 'not_by_marac', `The ${inSentence(kind.title)} is chosen by area, not by Marac.`);
      if (!isUuid(query.marac)) throw new NotFoundException('No Marac with that id that you can see');
      marac = await this.maracs.get(caller.scope, query.marac);
      if (query.area && query.area !== marac.areaCode)
        throw problem(
          'marac',
          'marac_area',
          `${marac.name} serves another area than the one chosen; choose the Marac or the area.`,
        );
    }
    const code = marac?.areaCode ?? query.area;
    const area = code ? await this.areas.get(caller.scope, code) : null;
    if (area && !marac && !kind.areaTypes.includes(area.type)) {
      throw problem(
        'area',
        'area_type',
        `The ${inSentence(kind.title)} is written for ${kind.areaTypes.map((t) => AREA_WORDS[t]).join(' or ')}; ${area.name} is ${AREA_WORDS[area.type]}.`,
      );
    }
    const note = describeDisclosure(this.config.disclosure);
    return {
      reader,
      published,
      area: area && { code: area.code, name: area.name, type: area.type },
      marac: marac && { id: marac.id, name: marac.name },
      place: marac?.name ?? area?.name ?? (await this.everywhereSeen(caller)),
      from: quarterLabel(from),
      to: quarterLabel(to),
      auditYear: financialYearOf(to),
      madeAt: new Date().toISOString(),
      statement: published
        ? `Small numbers are hidden. ${note}`
        : 'Exact figures, as the services sent them, including counts from 1 to 4.',
      areaView: area,
      marking: MARKINGS[published ? 'published' : 'exact'],
    };
  }

  /** A report as the print view reads it; counted against the same limits as files, as it reads as much. */
  report(caller: Caller, kindId: string, query: ReportQuery): Promise<Report> {
    const kind = this.kind(kindId);
    return this.renderer.admit(caller.userId, () => this.build(caller, kind, query));
  }

  /** A report as the print view and the Word writer read it. */
  private async build(caller: Caller, kind: ReportKind, query: ReportQuery): Promise<Report> {
    if (kind.format !== 'docx')
      throw new NotFoundException(`The ${inSentence(kind.title)} is a workbook: download it as .${kind.format}`);
    const ctx = await this.context(caller, kind, query);
    const { sections, sources } =
      kind.id === 'marac-steering-group'
        ? await maracReport(ctx, this.analytics, this.standards)
        : await partnershipReport(ctx, this.analytics, this.standards, this.maracs);
    const place = ctx.marac && ctx.area ? `${ctx.place} (figures for ${ctx.area.name})` : ctx.place;
    return {
      kind: kind.id,
      title: kind.title,
      subtitle: `${place}, ${periodInWords(parseQuarter(ctx.from)!, parseQuarter(ctx.to)!)}`,
      area: ctx.area,
      marac: ctx.marac,
      from: ctx.from,
      to: ctx.to,
      madeAt: ctx.madeAt,
      rules: { disclosureApplied: ctx.published, statement: ctx.statement },
      marking: ctx.marking,
      sections,
      sources: [...sources, 'Women aged 16 and over: ONS mid-2021 population estimates by local authority district.'],
      fileName: fileName(kind, ctx),
    };
  }

  /** A report as a file: Word for the papers, Excel for the data pack; a few at a time, laid out off the main thread. */
  file(
    caller: Caller,
    kindId: string,
    format: string,
    query: ReportQuery,
  ): Promise<{ name: string; type: string; bytes: Buffer }> {
    const kind = this.kind(kindId);
    if (format !== kind.format) throw new NotFoundException(`The ${inSentence(kind.title)} comes as .${kind.format}`);
    return this.renderer.admit(caller.userId, async () => {
      if (kind.format === 'docx') {
        const report = await this.build(caller, kind, query);
        return {
          name: `${report.fileName}.docx`,
          type: MEDIA.docx,
          bytes: await this.renderer.render({ format: 'docx', report }),
        };
      }
      const ctx = await this.context(caller, kind, query);
      const whole = ctx.areaView; // already read (and checked against the scope) for the context
      const places = [
        ...(whole ? [whole] : []),
        ...(whole?.type === 'lad' ? [] : await this.districtsIn(caller, ctx.area?.code ?? null)),
      ];
      const years = yearsOf(parseQuarter(ctx.from)!, parseQuarter(ctx.to)!);
      if (places.length * years.length > MAX_AREA_YEARS)
        throw problem(
          'from',
          'too_large',
          `That is ${places.length} areas over ${years.length} years; a pack holds at most ${MAX_AREA_YEARS} area-years. Choose an area or fewer years.`,
        );
      const pack = await gatherDataPack(ctx, this.analytics, places, years);
      return {
        name: `${fileName(kind, ctx)}.xlsx`,
        type: MEDIA.xlsx,
        bytes: await this.renderer.render({ format: 'xlsx', pack }),
      };
    });
  }

  /** The areas a reader with no area chosen sees, by name: the widest ones, as a board would name them. */
  private async everywhereSeen(caller: Caller): Promise<string> {
    if (caller.scope.everything) return 'England and Wales (every area in Waymark)';
    const seen = await this.areas.list(caller.scope, undefined);
    const codes = new Set(seen.map((a) => a.code));
    const widest = seen.filter((a) => !a.parentCode || !codes.has(a.parentCode)).map((a) => a.name);
    return widest.length ? widest.join(', ') : 'no area';
  }

  /** The districts inside an area (or every district the caller can see). */
  private async districtsIn(caller: Caller, code: string | null) {
    const all = await this.areas.list(caller.scope, undefined);
    const parent = new Map(all.map((a) => [a.code, a.parentCode]));
    const within = (c: string | null): boolean => c !== null && (c === code || within(parent.get(c) ?? null));
    return all.filter((a) => a.type === 'lad' && (code === null || within(a.code)));
  }
}
