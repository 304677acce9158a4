import {
  formatValue,
  longDate,
  STANDARD_RATINGS,
  type ReportChart,
  type ReportSection,
  type ReportTable,
  type OverdueAction,
} from '@waymark/domain';
import type { AuditOwnerKind, ComplianceRow } from '../standards/compliance.repository.js';
import type { ReportContext } from './report-parts.js';

const ratingLabel = (code: string) => STANDARD_RATINGS.find((r) => r.code === code)?.label ?? code;
/** Counts of standards (which describe services, not people) read "3 of 12". */
const ofApplicable = (count: number, row: ComplianceRow) => `${count} of ${row.applicable}`;
/** How a report names the owners of audits, one and many. */
const OWNER_WORDS: Record<AuditOwnerKind, [string, string]> = {
  agency: ['agency', 'agencies'],
  marac: ['Marac', 'Maracs'],
};
/** The owner's word as a column heading: "Agency", "Marac". */
const ownerHeading = (owner: AuditOwnerKind) =>
  OWNER_WORDS[owner][0].charAt(0).toUpperCase() + OWNER_WORDS[owner][0].slice(1);

export const RATINGS_NOTE =
  'Ratings are the moderated rating where an analyst has moderated one, otherwise the self-rating; standards that do not apply are left out of the shares.';

export function themeTable(caption: string, themes: ComplianceRow[]): ReportTable {
  return {
    caption,
    head: ['Theme', 'Met', 'Partly met', 'Not met', 'Share met'],
    numeric: [false, true, true, true, true],
    rows: themes.map((t) => [
      t.label,
      ofApplicable(t.met, t),
      ofApplicable(t.partlyMet, t),
      ofApplicable(t.notMet, t),
      formatValue('percent', t.metShare),
    ]),
  };
}

/** Overdue actions owner by owner: how many, since when, on which standards (the full list is in the appendix). */
export function actionsByOwner(caption: string, owner: AuditOwnerKind, actions: OverdueAction[]): ReportTable {
  const byOwner = new Map<string, OverdueAction[]>();
  for (const a of actions) byOwner.set(a.agencyName, [...(byOwner.get(a.agencyName) ?? []), a]);
  return {
    caption,
    head: [ownerHeading(owner), 'Actions past target date', 'Oldest target date', 'Standards'],
    numeric: [false, true, false, false],
    rows: [...byOwner].map(([name, list]) => [
      name,
      `${list.length} ${list.length === 1 ? 'action' : 'actions'}`,
      longDate(list.map((a) => a.targetDate).sort()[0]),
      [...new Set(list.map((a) => a.code))].join(', '),
    ]),
  };
}

/** Every overdue action in full, for the back of the paper. */
export function actionsAppendix(actions: OverdueAction[], owner: AuditOwnerKind): ReportSection | null {
  if (actions.length === 0) return null;
  return {
    id: 'appendix-actions',
    title: 'Appendix: actions past their target dates',
    summary:
      'Each action agreed in a self-assessment whose target date has passed while its standard is still not fully met.',
    charts: [],
    tables: [
      {
        caption: 'Actions past their target dates',
        head: [ownerHeading(owner), 'Standard', 'Rating', 'Target date', 'Action agreed'],
        numeric: [false, false, false, false, false],
        rows: actions.map((a) => [
          a.agencyName,
          `${a.code}: ${a.statement}`,
          ratingLabel(a.rating),
          longDate(a.targetDate),
          a.action ?? '—',
        ]),
      },
    ],
    notes: [],
  };
}

const weakest = (themes: ComplianceRow[]) =>
  [...themes].filter((t) => t.metShare !== null).sort((a, b) => a.metShare! - b.metShare!)[0];

/** Which theme is least often met, in a sentence; or that there is no submitted self-assessment to read. */
export function themesSentence(themes: ComplianceRow[], ctx: ReportContext, owner: AuditOwnerKind): string {
  const [one, many] = OWNER_WORDS[owner];
  if (themes.length === 0) {
    const who = owner === 'marac' && ctx.marac ? `${ctx.place} has no` : `No ${one} in ${ctx.place} has a`;
    return `${who} submitted self-assessment for ${ctx.auditYear}, so standards and actions cannot be tracked.`;
  }
  const low = weakest(themes);
  return `Across the ${many}' self-assessments for ${ctx.auditYear}, the theme least often met is ${low ? `${low.label} (${formatValue('percent', low.metShare)} of its standards met)` : 'not clear, as no standard applies'}.`;
}

export const themesChart = (themes: ComplianceRow[], description: string): ReportChart[] =>
  themes.length
    ? [
        {
          title: 'Share of standards met, by theme',
          kind: 'bars',
          unit: 'percent',
          categories: themes.map((t) => t.label),
          series: [{ label: 'Standards met', values: themes.map((t) => t.metShare) }],
          references: [],
          description,
        },
      ]
    : [];

/** Actions past their target dates, in a sentence (nothing to say when there are no self-assessments). */
export function lateSentence(themes: ComplianceRow[], actions: OverdueAction[]): string {
  if (themes.length === 0) return '';
  if (actions.length === 0) return ' No agreed action is past its target date.';
  return ` ${actions.length === 1 ? 'One agreed action is' : `${actions.length} agreed actions are`} past the target date with the standard still not fully met.`;
}

/** Self-assessments theme by theme, with the actions now past their target dates owner by owner. */
export function selfAssessmentSection(
  found: { themes: ComplianceRow[]; overdueActions: OverdueAction[] },
  ctx: ReportContext,
  owner: AuditOwnerKind,
  title: string,
): ReportSection {
  const summary = `${themesSentence(found.themes, ctx, owner)}${lateSentence(found.themes, found.overdueActions)}`;
  return {
    id: 'self-assessment',
    title,
    summary,
    charts: themesChart(found.themes, summary),
    tables: [
      ...(found.themes.length ? [themeTable(`Standards met by theme, ${ctx.auditYear}`, found.themes)] : []),
      ...(found.overdueActions.length
        ? [actionsByOwner(`Actions past their target dates, by ${OWNER_WORDS[owner][0]}`, owner, found.overdueActions)]
        : []),
    ],
    notes: [RATINGS_NOTE],
  };
}
