import {
  areaTypeOfGss,
  formatCount,
  formatValue,
  indicatorById,
  inSentence,
  SECTORS,
  type ReportSection,
  type ReportTable,
} from '@waymark/domain';
import type { AnalyticsService } from '../analytics/analytics.service.js';
import type { MaracView } from '../maracs/maracs.repository.js';
import type { MaracsService } from '../maracs/maracs.service.js';
import type { StandardsService } from '../standards/standards.service.js';
import {
  actionsAppendix,
  actionsByOwner,
  lateSentence,
  RATINGS_NOTE,
  themesChart,
  themesSentence,
  themeTable,
} from './audit-parts.js';
import {
  benchmarkName,
  byId,
  differing,
  drawn,
  figureText,
  indicatorBars,
  indicatorTable,
  keyMessages,
  pick,
  returnsSection,
  sourcesOf,
  whyMissing,
  type IndicatorAnswer,
  type IndicatorFigure,
  type ReportBody,
  type ReportContext,
} from './report-parts.js';

const PRACTICE = [
  'routine_enquiry_rate',
  'disclosure_rate',
  'later_disclosure_share',
  'safeguarding_referral_rate',
  'dual_issue_marac_referrals',
];
const CONVERSION = ['referral_conversion_made', 'referral_conversion_received'];
/** The Marac figures a partnership compares its Maracs on. */
const MARAC_COLUMNS = [
  'marac_cases_per_10k',
  'marac_repeat_rate',
  'marac_partner_referral_share',
  'marac_core_attendance',
];

const sectorLabel = (code: string) => SECTORS.find((s) => s.code === code)?.label ?? code;
const says = (i: IndicatorFigure | undefined) =>
  i && i.value !== null ? formatValue(i.unit, i.value) : `an unknown share (${i ? whyMissing(i) : 'not worked out'})`;

function practiceSection(answer: IndicatorAnswer, withheld: boolean): ReportSection {
  const items = pick(answer, PRACTICE);
  const summary = `Agencies asked ${says(byId(answer, 'routine_enquiry_rate'))} of the people on their caseload about the issue they do not specialise in (domestic abuse, or substance use); ${says(byId(answer, 'disclosure_rate'))} of those asked disclosed it, and ${says(byId(answer, 'later_disclosure_share'))} of disclosures came later in the work rather than at assessment.`;
  return {
    id: 'practice',
    title: 'Dual-issue practice',
    summary,
    charts: drawn(
      indicatorBars(
        'Dual-issue practice',
        items.filter((i) => i.unit === 'percent'),
        summary,
      ),
    ),
    tables: [indicatorTable('Dual-issue practice indicators', items, withheld)],
    notes: [],
  };
}

type Pathways = Awaited<ReturnType<AnalyticsService['pathways']>>;
type Link = Pathways['links'][number];

function pathwaysSection(answer: IndicatorAnswer, pathways: Pathways, withheld: boolean): ReportSection {
  const items = pick(answer, CONVERSION);
  const label = new Map(pathways.nodes.map((n) => [n.id, n.label]));
  const name = (id: string) => label.get(id) ?? id;
  // Each kind of return counts referrals its own way, so each has its own table and they are never compared link by link.
  const between = pathways.links.filter((l) => l.basis === 'case-level' && l.target !== 'marac');
  const partner = pathways.links.filter((l) => l.basis === 'agency returns' && l.target !== 'marac');
  const intoMarac = pathways.links.filter((l) => l.target === 'marac');
  const busiest = [...between].filter((l) => l.referrals !== null).sort((a, b) => b.referrals! - a.referrals!)[0];
  const summary = `${says(items[0])} of referrals agencies made to the partner sector led to the person engaging, and ${says(items[1])} of referrals they received did.${busiest ? ` In the case-level returns, the busiest route was from ${inSentence(name(busiest.source))} to ${inSentence(name(busiest.target))}.` : ''}`;
  const rows = (links: Link[], engaged: boolean) =>
    links.map((l) => [
      name(l.source),
      name(l.target),
      formatCount(l.referrals, withheld),
      ...(engaged ? [l.engaged === null ? '—' : formatCount(l.engaged, withheld)] : []),
    ]);
  const tables: ReportTable[] = [indicatorTable('Referrals that led to engagement', items, withheld)];
  if (between.length)
    tables.push({
      caption: 'Referrals between services (case-level returns)',
      head: ['From', 'To', 'Referrals', 'Engaged'],
      numeric: [false, false, true, true],
      rows: rows(between, true),
    });
  if (partner.length)
    tables.push({
      caption: "Referrals to and from the partner sector (agencies' quarterly returns)",
      head: ['From', 'To', 'Referrals', 'Engaged'],
      numeric: [false, false, true, true],
      rows: rows(partner, true),
    });
  if (intoMarac.length)
    tables.push({
      caption: 'Referrals into Marac, as each kind of return counts them',
      head: ['From', 'Counted from', 'Referrals'],
      numeric: [false, false, true],
      rows: intoMarac.map((l) => [name(l.source), l.basis, formatCount(l.referrals, withheld)]),
    });
  return {
    id: 'pathways',
    title: 'Referral pathways',
    summary,
    charts: drawn(indicatorBars('Referrals that led to engagement', items, summary)),
    tables,
    notes: [
      'Referrals made and referrals received are counted by different agencies: a referral to or from a service outside Waymark, or in another area, is counted on one side only, so the two rates differ.',
      'Agencies count the Marac referrals they made; Marac returns count the cases heard by who referred them. Not every referral is heard in the same quarter, and most cases come from the police, so the counts differ.',
    ],
  };
}

type StandardsGaps = Awaited<ReturnType<StandardsService['gaps']>>;
type ThemeCompliance = Awaited<ReturnType<StandardsService['compliance']>>;

function standardsSection(themes: ThemeCompliance, gaps: StandardsGaps, ctx: ReportContext): ReportSection {
  const nobody = gaps.standardsNoAgencyMeets;
  const summary = `${themesSentence(themes, ctx, 'agency')}${nobody.length ? ` ${nobody.length === 1 ? 'One standard is' : `${nobody.length} standards are`} not fully met by any agency.` : themes.length ? ' Every standard that applies is met by at least one agency.' : ''}`;
  return {
    id: 'standards',
    title: 'Practice standards',
    summary,
    charts: themesChart(themes, summary),
    tables: [
      ...(themes.length ? [themeTable(`Standards met by theme, ${ctx.auditYear}`, themes)] : []),
      ...(nobody.length
        ? [
            {
              caption: 'Standards no agency fully meets',
              head: ['Standard', 'Statement', 'Agencies it applies to'],
              numeric: [false, false, true],
              rows: nobody.map((s) => [
                s.key,
                s.label,
                `${s.applicable} ${s.applicable === 1 ? 'agency' : 'agencies'}`,
              ]),
            },
          ]
        : []),
    ],
    notes: [RATINGS_NOTE],
  };
}

function actionsSection(gaps: StandardsGaps, themes: ThemeCompliance, ctx: ReportContext): ReportSection {
  const late = gaps.overdueActions;
  const summary =
    themes.length === 0
      ? themesSentence(themes, ctx, 'agency')
      : `${lateSentence(themes, late).trim()}${late.length ? ' The appendix lists each one.' : ''}`;
  return {
    id: 'actions',
    title: 'Overdue actions',
    summary,
    charts: [],
    tables: late.length ? [actionsByOwner('Actions past their target dates, by agency', 'agency', late)] : [],
    notes: [],
  };
}

type AnalyticsGaps = Awaited<ReturnType<AnalyticsService['gaps']>>;

function serviceGapsSection(gaps: AnalyticsGaps, withheld: boolean): ReportSection {
  const list = gaps.serviceGaps;
  return {
    id: 'service-gaps',
    title: 'Service gaps',
    summary: list.length
      ? `${list.length === 1 ? 'One agency' : `${list.length} agencies`} recorded people disclosing the other issue without those people going on to engage with a partner service.`
      : 'No agency recorded disclosures that led nowhere: where people disclosed, some went on to engage with a partner service.',
    charts: [],
    tables: list.length
      ? [
          {
            caption: 'Agencies where disclosures did not lead to engagement',
            head: ['Agency', 'Sector', 'Disclosed', 'Referrals made', 'Referrals engaged'],
            numeric: [false, false, true, true, true],
            rows: list.map((g) => [
              String(g.agencyName),
              sectorLabel(String(g.sector)),
              formatCount(g.disclosed, withheld),
              formatCount(g.referralsMade, withheld),
              formatCount(g.referralsEngaged, withheld),
            ]),
          },
        ]
      : [],
    notes: [],
  };
}

/** Each Marac's figures: those of the area it serves (returns are counted by area), from one grouped query for district Maracs. */
async function maracFigures(
  ctx: ReportContext,
  analytics: AnalyticsService,
  list: MaracView[],
): Promise<Map<string, (IndicatorFigure | null)[]>> {
  const q = { area: ctx.area?.code, from: ctx.from, to: ctx.to };
  const districts = await analytics.districts(ctx.reader, { ...q, indicators: MARAC_COLUMNS.join(',') });
  // A Marac serving a partnership or force area has no district of its own: its area is asked for on its own.
  const wider = list.filter((m) => areaTypeOfGss(m.areaCode) !== 'lad');
  const answers = await Promise.all(wider.map((m) => analytics.indicators(ctx.reader, { ...q, area: m.areaCode })));
  const widerFigures = new Map(wider.map((m, i) => [m.id, answers[i].indicators]));
  return new Map(
    list.map((m) => [
      m.id,
      MARAC_COLUMNS.map(
        (id) => (widerFigures.get(m.id) ?? districts.get(m.areaCode))?.find((f) => f.id === id) ?? null,
      ),
    ]),
  );
}

function maracsSection(
  ctx: ReportContext,
  list: MaracView[],
  figures: Map<string, (IndicatorFigure | null)[]>,
): ReportSection {
  const rows = list.map((marac) => ({ marac, figures: figures.get(marac.id)! }));
  const repeatOf = (r: (typeof rows)[number]) => r.figures[1]?.value ?? null;
  const benchmark = rows.map((r) => r.figures[1]?.benchmark).find((b) => b);
  const apart = rows
    .filter((r) => r.figures[1] && differing([r.figures[1]]).length)
    .map((r) => `${r.marac.name} (${r.figures[1]!.comparison})`);
  const below = rows.filter((r) => r.figures[0]?.comparison === 'worse').map((r) => r.marac.name);
  const recommended = rows.map((r) => r.figures[0]?.benchmark).find((b) => b);
  const fewer = `fewer cases than the recommended ${recommended ? formatValue('per_10000_per_year', recommended.value) : 'level'} a year per 10,000 women`;
  const repeats = apart.length
    ? ` Repeat rates that differ from the national one by more than chance would explain: ${apart.join(', ')}.`
    : ' No Marac’s repeat rate differs from the national one by more than chance would explain.';
  const summary =
    rows.length === 0
      ? `No Marac is set up in ${ctx.place}.`
      : `${rows.length === 1 ? `${rows[0].marac.name} is the only Marac in ${ctx.place}.` : `${rows.length} Maracs side by side.`}${repeats}${below.length ? ` Hearing ${fewer}: ${below.join(', ')}.` : ''}`;
  const titles = MARAC_COLUMNS.map((id) => indicatorById(id)!.title);
  return {
    id: 'maracs',
    title: 'Every Marac side by side',
    summary,
    charts: rows.length
      ? drawn({
          title: 'Repeat rate by Marac',
          kind: 'bars',
          unit: 'percent',
          categories: rows.map((r) => r.marac.name),
          series: [{ label: 'Repeat rate', values: rows.map(repeatOf) }],
          references: benchmark ? [{ label: benchmarkName(benchmark), value: benchmark.value }] : [],
          description: summary,
        })
      : [],
    tables: rows.length
      ? [
          {
            caption: 'Maracs in the area',
            head: ['Marac', 'Area served', ...titles],
            numeric: [false, false, ...titles.map(() => true)],
            rows: rows.map((r) => [
              r.marac.name,
              r.marac.areaName,
              ...r.figures.map((f) => (f ? figureText(f) : 'No returns')),
            ]),
          },
        ]
      : [],
    notes: [
      'Each Marac is shown with the figures of the area it serves: where two Maracs serve one area, they show the same figures.',
    ],
  };
}

/** The partnership's yearly paper, every section from answers published for the reader's role. */
export async function partnershipReport(
  ctx: ReportContext,
  analytics: AnalyticsService,
  standards: StandardsService,
  maracs: MaracsService,
): Promise<ReportBody> {
  const q = { area: ctx.area?.code, from: ctx.from, to: ctx.to };
  const period = { area: ctx.area?.code, period: ctx.auditYear };
  const [answer, pathways, gaps, themes, standardsGaps, maracList] = await Promise.all([
    analytics.indicators(ctx.reader, q),
    analytics.pathways(ctx.reader, q),
    analytics.gaps(ctx.reader, q),
    standards.compliance(ctx.reader, { ...period, by: 'theme' }),
    standards.gaps(ctx.reader, period),
    maracs.list(ctx.reader.scope, ctx.area?.code),
  ]);
  const active = maracList.filter((m) => m.active);
  const figures = await maracFigures(ctx, analytics, active);
  const withheld = answer.disclosure.applied;
  const headline = pick(answer, [
    ...PRACTICE,
    ...CONVERSION,
    'marac_cases_per_10k',
    'marac_repeat_rate',
    'marac_partner_referral_share',
    'marac_core_attendance',
    'standards_compliance',
    'return_completeness',
  ]);
  const sections = [
    keyMessages(answer, headline, ['marac', 'agency']),
    practiceSection(answer, withheld),
    pathwaysSection(answer, pathways, withheld),
    standardsSection(themes, standardsGaps, ctx),
    actionsSection(standardsGaps, themes, ctx),
    serviceGapsSection(gaps, withheld),
    maracsSection(ctx, active, figures),
    returnsSection(answer),
    actionsAppendix(standardsGaps.overdueActions, 'agency'),
  ].filter((s): s is ReportSection => s !== null);
  return { sections, sources: sourcesOf(answer.indicators) };
}
