import {
  REPORT_READERS,
  seesExactFigures,
  type Area,
  type FieldProblem,
  type Marac,
  type OfferedReportKind,
  type ReportKindsAnswer,
  type SignedInPerson,
} from '@waymark/domain';
import { useCallback, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { errorFor, Select } from '../components/fields';
import { Waiting } from '../dashboard/common';
import { useLoad } from '../lib/useLoad';
import { problemsWith, type Figures, type ReportChoice } from './choices';
import { HintedRadios, PeriodFields } from './ReportFields';
import { Ready } from './ReportReady';

const TYPE_LABEL: Record<Area['type'], string> = { pfa: 'force area', csp: 'partnership', lad: 'district' };
const TYPE_ORDER: Area['type'][] = ['pfa', 'csp', 'lad'];
const FIELDS = ['kind', 'area', 'marac', 'from', 'to', 'figures'] as const;

/** The two ways a report's figures can be written, for readers allowed exact ones. */
const FIGURES: { value: Exclude<Figures, ''>; label: string; hint: string }[] = [
  {
    value: 'published',
    label: 'Published figures (small numbers hidden)',
    hint: 'For papers shared with a board or partnership.',
  },
  {
    value: 'exact',
    label: 'Exact figures',
    hint: 'For your own analysis. The paper is marked OFFICIAL-SENSITIVE and must not be shared beyond people entitled to see exact figures.',
  },
];

const choiceFrom = (params: URLSearchParams): ReportChoice => ({
  kind: params.get('kind') ?? '',
  area: params.get('area') ?? '',
  marac: params.get('marac') ?? '',
  from: params.get('from') ?? '',
  to: params.get('to') ?? '',
  figures: params.get('figures') === 'exact' ? 'exact' : params.get('figures') === 'published' ? 'published' : '',
});

/** Is `code` the area `top` or inside it, following parent codes up. */
function within(areas: Area[], code: string, top: string): boolean {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  for (let at: string | null | undefined = code; at; at = byCode.get(at)?.parentCode) if (at === top) return true;
  return false;
}

/** The areas a kind of report can be written for, force areas first, then partnerships, then districts. */
const areasFor = (kind: OfferedReportKind | undefined, areas: Area[]) =>
  kind
    ? areas
        .filter((a) => kind.areaTypes.includes(a.type))
        .sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || a.name.localeCompare(b.name))
    : [];

/**
 * A choice made whole: the kind's suggested period where none was chosen (so a shared link with only
 * a kind still works), the area where only one fits, and which figures (published unless exact was
 * chosen by someone allowed them; nothing for readers who have no choice).
 */
function completed(
  choice: ReportChoice,
  kind: OfferedReportKind | undefined,
  areas: Area[],
  choosesFigures: boolean,
): ReportChoice {
  const options = areasFor(kind, areas);
  const period = kind && !choice.from ? { from: kind.from, to: kind.to } : {};
  const area = !choice.area && !choice.marac && options.length === 1 ? { area: options[0].code } : {};
  return {
    ...choice,
    ...period,
    ...area,
    figures: choosesFigures ? (choice.figures === 'exact' ? 'exact' : 'published') : '',
  };
}

const same = (a: ReportChoice, b: ReportChoice) => FIELDS.every((key) => a[key] === b[key]);

/** Choose a report pack for a governance paper: which report, for where, for when, and with which figures. */
export function Reports({ me }: { me: SignedInPerson }) {
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState<ReportChoice>(() => choiceFrom(params));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [announce, setAnnounce] = useState(false);
  const announced = useCallback(() => setAnnounce(false), []);
  const allowed = REPORT_READERS.includes(me.role);
  // Analysts and administrators choose published or exact figures; everyone else only ever has published ones.
  const choosesFigures = seesExactFigures(me.role);
  const kinds = useLoad(
    () => (allowed ? api<ReportKindsAnswer>('/reports').then((r) => r.kinds) : Promise.resolve([])),
    [allowed],
  );
  const places = useLoad(
    () =>
      allowed
        ? Promise.all([api<Area[]>('/areas'), api<Marac[]>('/maracs')])
        : Promise.resolve([[], []] as [Area[], Marac[]]),
    [allowed],
  );

  if (!allowed)
    return (
      <>
        <h1 className="govuk-heading-l">Reports</h1>
        <p className="govuk-body">
          Reports are for people who read the partnership dashboards. Ask an administrator if you need one.
        </p>
      </>
    );

  return (
    <>
      <h1 className="govuk-heading-l">Reports</h1>
      <p className="govuk-body">
        Papers for Marac steering groups, community safety partnerships and commissioners, made from the returns Waymark
        holds.
      </p>
      <p className="govuk-body">
        {choosesFigures
          ? 'You can have published figures, with small numbers hidden, for papers shared with a board or partnership, or exact figures for your own analysis.'
          : 'Small numbers are always hidden in them, as they are on your screen, so they can be shared with a board or partnership.'}
      </p>
      <Waiting loaded={kinds} what="report choices">
        {(offered) => (
          <Waiting loaded={places} what="areas">
            {([areas, maracs]) => {
              const kind = offered.find((k) => k.id === draft.kind);
              const choice = completed(draft, kind, areas, choosesFigures);
              const appliedKind = offered.find((k) => k.id === params.get('kind'));
              const applied = completed(choiceFrom(params), appliedKind, areas, choosesFigures);
              // The panel only ever describes the report the form shows: any change of choice hides it until the form is sent again.
              const ready =
                appliedKind && !problemsWith(applied, appliedKind).length && same(applied, choice) ? applied : null;
              const areaOptions = areasFor(kind, areas);
              const maracOptions =
                kind?.byMarac && choice.area
                  ? maracs.filter((m) => m.active && within(areas, m.areaCode, choice.area))
                  : [];

              const chooseKind = (k: OfferedReportKind) => {
                const area = areas.find((a) => a.code === choice.area);
                const samePeriod = kind?.period === k.period && choice.from;
                setDraft({
                  ...choice,
                  kind: k.id,
                  area: area && k.areaTypes.includes(area.type) ? area.code : '',
                  marac: k.byMarac ? choice.marac : '',
                  from: samePeriod ? choice.from : k.from,
                  to: samePeriod ? choice.to : k.to,
                });
              };
              const chooseArea = (code: string) =>
                setDraft({
                  ...choice,
                  area: code,
                  marac: maracs.some((m) => m.id === choice.marac && within(areas, m.areaCode, code))
                    ? choice.marac
                    : '',
                });
              const submit = (event: FormEvent) => {
                event.preventDefault();
                const found = problemsWith(choice, kind);
                setProblems(found);
                if (found.length) return;
                const next = new URLSearchParams();
                for (const key of FIELDS) if (choice[key]) next.set(key, choice[key]);
                setParams(next);
                setAnnounce(true);
              };

              return (
                <>
                  <form onSubmit={submit} noValidate aria-label="Choose a report">
                    <ErrorSummary problems={problems} idFor={(field) => field} />
                    <HintedRadios
                      name="kind"
                      legend="Which report"
                      value={draft.kind}
                      error={errorFor(problems, 'kind')}
                      options={offered.map((k) => ({
                        value: k.id,
                        label: k.title,
                        hint: `${k.description} ${k.printable ? 'A Word file, which you can also open as a page to print.' : 'An Excel workbook.'}`,
                      }))}
                      onChange={(id) => chooseKind(offered.find((k) => k.id === id)!)}
                    />
                    {kind && (
                      <>
                        {areaOptions.length ? (
                          <Select
                            id="area"
                            label="Area"
                            hint={`Reports of this kind are written for a ${kind.areaTypes
                              .map((t) => TYPE_LABEL[t])
                              .join(', ')
                              .replace(/, ([^,]*)$/, ' or $1')}.`}
                            value={choice.area}
                            onChange={chooseArea}
                            options={areaOptions.map((a) => ({
                              code: a.code,
                              label: `${a.name} (${TYPE_LABEL[a.type]})`,
                            }))}
                            placeholder={areaOptions.length > 1 ? 'Choose an area' : undefined}
                            error={errorFor(problems, 'area')}
                          />
                        ) : (
                          <p className="govuk-inset-text" id="area">
                            None of the areas you can see is a {kind.areaTypes.map((t) => TYPE_LABEL[t]).join(' or ')},
                            so you cannot get this report.
                          </p>
                        )}
                        {maracOptions.length > 0 && (
                          <Select
                            id="marac"
                            label="Marac (optional)"
                            hint="A Marac’s report shows the figures of the area it serves."
                            value={choice.marac}
                            onChange={(marac) => setDraft({ ...choice, marac })}
                            options={maracOptions.map((m) => ({ code: m.id, label: m.name }))}
                            placeholder="Every Marac in the area"
                          />
                        )}
                        <PeriodFields
                          kind={kind}
                          kinds={offered}
                          choice={choice}
                          onChange={(period) => setDraft({ ...choice, ...period })}
                          problems={problems}
                        />
                        {choosesFigures && (
                          <HintedRadios
                            name="figures"
                            legend="Which figures"
                            options={FIGURES}
                            value={choice.figures}
                            onChange={(figures) => setDraft({ ...choice, figures })}
                          />
                        )}
                      </>
                    )}
                    <button type="submit" className="govuk-button">
                      Continue
                    </button>
                  </form>
                  {ready && appliedKind && (
                    <Ready
                      kind={appliedKind}
                      choice={ready}
                      areas={areas}
                      maracs={maracs}
                      announce={announce}
                      announced={announced}
                    />
                  )}
                </>
              );
            }}
          </Waiting>
        )}
      </Waiting>
    </>
  );
}
