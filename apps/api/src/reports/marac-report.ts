import {
  FIRST_YEAR,
  formatCount,
  formatInterval,
  formatValue,
  inSentence,
  MARAC_REFERRAL_SOURCES,
  parseQuarter,
  publishCount,
  quarterFromIndex,
  quarterIndex,
  quarterLabel,
  type ReportSection,
} from '@waymark/domain';
import type { AnalyticsService } from '../analytics/analytics.service.js';
import type { StandardsService } from '../standards/standards.service.js';
import { actionsAppendix, selfAssessmentSection } from './audit-parts.js';
import {
  benchmarkName,
  byId,
  comparedInWords,
  drawn,
  indicatorBars,
  indicatorTable,
  keyMessages,
  LOW_REPEATS,
  pick,
  returnsSection,
  sourcesOf,
  whyMissing,
  type IndicatorAnswer,
  type ReportBody,
  type ReportContext,
} from './report-parts.js';

const DIVERSITY = [
  'marac_victims_minoritised',
  'marac_victims_lgbt',
  'marac_victims_disabled',
  'marac_victims_male',
  'marac_victims_16_17',
];
const COMPLEX_NEEDS = [
  'marac_victim_substance_use',
  'marac_perpetrator_substance_use',
  'marac_victim_mental_health',
  'marac_perpetrator_mental_health',
];
const SOURCES = MARAC_REFERRAL_SOURCES.map((s) => `marac_source_${s.code}`);
/** Quarters of repeat rate and volume shown in the report's trend charts. */
const TREND_QUARTERS = 8;

function volumeSection(answer: IndicatorAnswer, ctx: ReportContext, withheld: boolean): ReportSection {
  const volume = byId(answer, 'marac_cases_per_10k')!;
  const levels = [volume.benchmark, volume.reference].filter((b) => b !== null && b !== undefined);
  const compared = levels.map((b) => `${formatValue(volume.unit, b.value)} (${benchmarkName(b)})`).join(' and ');
  // The gap is over the period asked for; for readers of published figures it is published like a count.
  const rule = { threshold: answer.disclosure.threshold, roundingBase: answer.disclosure.roundingBase };
  const gap =
    volume.comparison === 'worse' && volume.extra?.shortfall
      ? withheld
        ? publishCount(volume.extra.shortfall, rule)
        : volume.extra.shortfall
      : null;
  const shortfall = gap
    ? ` About ${formatCount(gap, false)} more cases in this period would have reached the recommended level.`
    : '';
  const who = ctx.marac || ctx.area?.type === 'lad' ? 'The Marac' : `Maracs in ${ctx.place}`;
  const none =
    volume.returns?.due === 0
      ? `No Marac returns were due for ${ctx.place} in this period, so case volume cannot be worked out.`
      : `No Marac returns arrived for ${ctx.place} in this period, so case volume cannot be worked out; check that they have been sent.`;
  const summary =
    volume.status === 'no_returns'
      ? none
      : volume.value === null
        ? `Case volume cannot be shown for this period: ${whyMissing(volume)}.`
        : `${who} heard ${formatValue(volume.unit, volume.value)} cases a year for every 10,000 women aged 16 and over, against ${compared}: ${inSentence(volume.comparisonLabel).replace('the benchmark', 'the recommended level')}.${shortfall}`;
  const missing = answer.coverage.notReporting;
  return {
    id: 'volume',
    title: 'Case volume',
    summary,
    charts:
      volume.value === null
        ? []
        : [
            {
              title: 'Marac cases a year per 10,000 women aged 16 and over',
              kind: 'bars',
              unit: volume.unit,
              categories: [ctx.place, ...levels.map(benchmarkName)],
              series: [
                { label: 'Cases a year per 10,000 women', values: [volume.value, ...levels.map((b) => b.value)] },
              ],
              references: [],
              description: summary,
            },
          ],
    tables: [indicatorTable('Case volume against the recommended level', [volume], withheld)],
    notes: [
      `Coverage: ${answer.coverage.label}.${missing.length ? ` No Marac return covers ${missing.map((d) => d.name).join(', ')}, so ${missing.length === 1 ? 'its' : 'their'} women are left out of the rate.` : ''}`,
    ],
  };
}

type Trend = Awaited<ReturnType<AnalyticsService['trends']>>;
type Comparison = Awaited<ReturnType<AnalyticsService['comparison']>> | null;

function repeatsSection(
  answer: IndicatorAnswer,
  trend: Trend,
  comparison: Comparison,
  ctx: ReportContext,
  withheld: boolean,
): ReportSection {
  const repeat = byId(answer, 'marac_repeat_rate')!;
  const series = (id: string) => trend.series.find((s) => s.id === id)!.points;
  const repeats = series('marac_repeat_rate');
  const volume = series('marac_cases_per_10k');
  const own = comparison?.areas.find((a) => a.code === ctx.area?.code);
  const funnel = own?.funnel95
    ? ` Set against the national rate, it lies ${own.funnel95 === 'within' ? 'within' : `${own.funnel95}`} the range chance alone would give an area of its size (95% funnel limits).`
    : '';
  const shown = repeats.filter((p) => p.value !== null);
  const moved =
    shown.length > 1
      ? ` Over the last ${repeats.length} quarters it went from ${formatValue('percent', shown[0].value)} (${shown[0].period}) to ${formatValue('percent', shown[shown.length - 1].value)} (${shown[shown.length - 1].period}).`
      : '';
  const against = repeat.benchmark
    ? ` (${formatValue('percent', repeat.benchmark.value)}, ${benchmarkName(repeat.benchmark)})`
    : '';
  const low = repeat.comparison === 'lower' ? ` ${LOW_REPEATS}` : '';
  const summary =
    repeat.value === null
      ? `The repeat rate cannot be shown for this period: ${whyMissing(repeat)}.${moved}`
      : `${formatValue('percent', repeat.value)} of cases were repeats (95% interval ${formatInterval('percent', repeat.lower, repeat.upper)}): ${inSentence(repeat.comparisonLabel)}${against}.${funnel}${moved}${low}`;
  return {
    id: 'repeats',
    title: 'Repeat cases',
    summary,
    charts:
      shown.length === 0
        ? []
        : [
            {
              title: `Repeat rate, last ${repeats.length} quarters`,
              kind: 'line',
              unit: 'percent',
              categories: trend.periods,
              series: [{ label: 'Repeat rate', values: repeats.map((p) => p.value) }],
              references: repeat.benchmark
                ? [{ label: benchmarkName(repeat.benchmark), value: repeat.benchmark.value }]
                : [],
              description: summary,
            },
          ],
    tables: [
      indicatorTable('Repeat rate for the period', [repeat], withheld),
      {
        caption: `Repeats and volume by quarter, last ${repeats.length} quarters`,
        head: ['Quarter', 'Cases discussed', 'Repeat cases', 'Repeat rate', 'Cases a year per 10,000 women'],
        numeric: [false, true, true, true, true],
        rows: repeats.map((p, i) => [
          p.period,
          p.status === 'no_returns' ? 'No returns' : formatCount(p.denominator, withheld && p.suppressed),
          p.status === 'no_returns' ? '—' : formatCount(p.numerator, withheld && p.suppressed),
          formatValue('percent', p.value),
          formatValue('per_10000_per_year', volume[i]?.value),
        ]),
      },
    ],
    notes: repeat.benchmark?.note ? [repeat.benchmark.note] : [],
  };
}

function referralsSection(answer: IndicatorAnswer, withheld: boolean): ReportSection {
  const partners = byId(answer, 'marac_partner_referral_share')!;
  const sources = pick(answer, SOURCES);
  const police = byId(answer, 'marac_source_police');
  const summary =
    partners.value === null
      ? `Who referred cases cannot be shown for this period: ${whyMissing(partners)}.`
      : `Agencies other than the police referred ${formatValue('percent', partners.value)} of cases${partners.benchmark ? `, against ${formatValue('percent', partners.benchmark.value)} across ${benchmarkName(partners.benchmark)}: ${inSentence(partners.comparisonLabel)}` : ''}.${police?.value !== null && police ? ` The police referred ${formatValue('percent', police.value)}.` : ''} Joint referrals count in part to each referrer.`;
  return {
    id: 'referrals',
    title: 'Who refers cases',
    summary,
    charts: drawn(indicatorBars('Share of cases by referrer', sources, summary)),
    tables: [indicatorTable('Who referred the cases heard', [partners, ...sources], withheld)],
    notes: [],
  };
}

function sharesSection(
  answer: IndicatorAnswer,
  id: string,
  title: string,
  ids: string[],
  what: string,
  withheld: boolean,
): ReportSection {
  const items = pick(answer, ids);
  const shares = items.filter((i) => i.unit === 'percent');
  const listed = shares.filter((i) => i.value !== null).map((i) => `${i.title}: ${formatValue('percent', i.value)}`);
  const compared = comparedInWords(shares, what);
  const summary = listed.length
    ? `${listed.join('; ')}.${compared ? ` ${compared}` : ''}`
    : `The ${what} cannot be shown for this period.`;
  return {
    id,
    title,
    summary,
    charts: shares.length
      ? drawn(
          indicatorBars(
            title,
            shares,
            summary,
            shares.some((i) => i.benchmark),
          ),
        )
      : [],
    tables: [indicatorTable(title, items, withheld)],
    notes: [],
  };
}

type Gaps = Awaited<ReturnType<AnalyticsService['gaps']>>;

function attendanceSection(answer: IndicatorAnswer, gaps: Gaps, withheld: boolean): ReportSection {
  const overall = byId(answer, 'marac_core_attendance')!;
  const missing = gaps.missingAtMarac.map((a) => a.label);
  const summary =
    overall.value === null
      ? `Core agency attendance cannot be shown for this period: ${whyMissing(overall)}.`
      : `Core agencies attended ${formatValue('percent', overall.value)} of the meetings they could have. ${missing.length ? `These attended fewer than ${gaps.expectedAttendance.inWords}: ${missing.join(', ')}.` : `Every core agency attended at least ${gaps.expectedAttendance.inWords}.`}`;
  const drawn = gaps.attendance.some((a) => a.share !== null);
  return {
    id: 'attendance',
    title: 'Attendance by core agency',
    summary,
    charts: drawn
      ? [
          {
            title: 'Share of meetings attended, by core agency',
            kind: 'bars',
            unit: 'percent',
            categories: gaps.attendance.map((a) => a.label),
            series: [{ label: 'Meetings attended', values: gaps.attendance.map((a) => a.share), missing: 'withheld' }],
            references: [
              { label: `Expected: ${gaps.expectedAttendance.inWords}`, value: gaps.expectedAttendance.share },
            ],
            description: summary,
          },
        ]
      : [],
    tables: [
      {
        caption: 'Meetings attended by each core agency',
        head: ['Agency', 'Meetings attended', 'Meetings held', 'Share attended'],
        numeric: [false, true, true, true],
        rows: gaps.attendance.map((a) => [
          a.label,
          formatCount(a.attended, withheld),
          formatCount(a.meetings, withheld),
          formatValue('percent', a.share),
        ]),
      },
    ],
    notes: [],
  };
}

/** The Marac steering group's quarterly paper: every section from answers published for the reader's role. */
export async function maracReport(
  ctx: ReportContext,
  analytics: AnalyticsService,
  standards: StandardsService,
): Promise<ReportBody> {
  const q = { area: ctx.area?.code, from: ctx.from, to: ctx.to };
  const to = quarterIndex(parseQuarter(ctx.to)!);
  const trendFrom = quarterLabel(
    quarterFromIndex(Math.max(to - TREND_QUARTERS + 1, quarterIndex({ startYear: FIRST_YEAR, quarter: 1 }))),
  );
  const [answer, trend, gaps, comparison, selfAssessment] = await Promise.all([
    analytics.indicators(ctx.reader, q),
    analytics.trends(ctx.reader, {
      area: ctx.area?.code,
      from: trendFrom,
      to: ctx.to,
      indicators: 'marac_repeat_rate,marac_cases_per_10k',
    }),
    analytics.gaps(ctx.reader, q),
    ctx.area
      ? analytics.comparison(ctx.reader, { ...q, level: ctx.area.type, indicator: 'marac_repeat_rate' })
      : Promise.resolve(null),
    standards.maracSelfAssessment(ctx.reader, { area: ctx.area?.code, period: ctx.auditYear }),
  ]);
  const withheld = answer.disclosure.applied;
  const covered = pick(answer, [
    'marac_cases_per_10k',
    'marac_repeat_rate',
    'marac_partner_referral_share',
    ...DIVERSITY,
    ...COMPLEX_NEEDS,
    'marac_specialist_spoc',
    'marac_core_attendance',
    'return_completeness',
  ]);
  const sections = [
    keyMessages(answer, covered, ['marac']),
    volumeSection(answer, ctx, withheld),
    repeatsSection(answer, trend, comparison, ctx, withheld),
    referralsSection(answer, withheld),
    sharesSection(answer, 'victims', 'Who the victims are', DIVERSITY, 'groups of victims', withheld),
    sharesSection(
      answer,
      'needs',
      'Complex needs and single points of contact',
      [...COMPLEX_NEEDS, 'marac_specialist_spoc', 'marac_children_per_case'],
      'needs recorded',
      withheld,
    ),
    attendanceSection(answer, gaps, withheld),
    returnsSection(answer),
    selfAssessmentSection(selfAssessment, ctx, 'marac', 'Marac self-assessment against the ten principles'),
    actionsAppendix(selfAssessment.overdueActions, 'marac'),
  ].filter((s): s is ReportSection => s !== null);
  return { sections, sources: sourcesOf(answer.indicators) };
}
