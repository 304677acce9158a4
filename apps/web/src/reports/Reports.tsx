import { monthsOf, parseQuarter, REPORT_READERS, seesExactFigures, type Role } from '@waymark/domain';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type Area, type FieldProblem, type Marac, type Me } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { errorFor, Select, type Option } from '../components/fields';
import { Waiting } from '../dashboard/common';
import { useLoad } from '../lib/useLoad';
import { financialYears, problemsWith, QUARTERS, quarterText, reportQuery, yearEnd, yearOf, type Figures, type OfferedKind, type ReportChoice } from './choices';

const TYPE_LABEL: Record<Area['type'], string> = { pfa: 'force area', csp: 'partnership', lad: 'district' };
const TYPE_ORDER: Area['type'][] = ['pfa', 'csp', 'lad'];
const FORMAT_NAME = { docx: 'Word', xlsx: 'Excel' } as const;
const FIELDS = ['kind', 'area', 'marac', 'from', 'to', 'figures'] as const;

/** The two ways a report's figures can be written, for readers allowed exact ones. */
const FIGURES: { value: Exclude<Figures, ''>; label: string; hint: string }[] = [
  { value: 'published', label: 'Published figures (small numbers hidden)', hint: 'For papers shared with a board or partnership.' },
  { value: 'exact', label: 'Exact figures', hint: 'For your own analysis. The paper is marked OFFICIAL-SENSITIVE and must not be shared beyond people entitled to see exact figures.' },
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
const areasFor = (kind: OfferedKind | undefined, areas: Area[]) =>
  kind ? areas.filter((a) => kind.areaTypes.includes(a.type)).sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || a.name.localeCompare(b.name)) : [];

/**
 * A choice made whole: the kind's suggested period where none was chosen (so a shared link with only
 * a kind still works), the area where only one fits, and which figures (published unless exact was
 * chosen by someone allowed them; nothing for readers who have no choice).
 */
function completed(choice: ReportChoice, kind: OfferedKind | undefined, areas: Area[], choosesFigures: boolean): ReportChoice {
  const options = areasFor(kind, areas);
  const period = kind && !choice.from ? { from: kind.from, to: kind.to } : {};
  const area = !choice.area && !choice.marac && options.length === 1 ? { area: options[0].code } : {};
  return { ...choice, ...period, ...area, figures: choosesFigures ? (choice.figures === 'exact' ? 'exact' : 'published') : '' };
}

const same = (a: ReportChoice, b: ReportChoice) => FIELDS.every((key) => a[key] === b[key]);

/** The period in words, with its months: "2026-27 Q2 (July to September 2026)", "the financial year 2025-26 (April 2025 to March 2026)". */
function periodText(kind: OfferedKind, choice: ReportChoice): string {
  const [from, to] = [parseQuarter(choice.from), parseQuarter(choice.to)];
  if (!from || !to) return '';
  const months = monthsOf(from, to);
  if (kind.period === 'quarter') return `${choice.from} (${months})`;
  const [first, last] = [yearOf(choice.from), yearOf(choice.to)];
  const soFar = to.quarter === 4 ? '' : ' so far';
  return first === last ? `the financial year ${first}${soFar} (${months})` : `the financial years ${first} to ${last}${soFar} (${months})`;
}

/** GOV.UK radios: one report kind each, its description as the hint. */
function KindRadios({ kinds, value, onChange, error }: { kinds: OfferedKind[]; value: string; onChange: (kind: OfferedKind) => void; error?: string }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? 'kind-error' : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Which report</legend>
        {error && <p className="govuk-error-message" id="kind-error"><span className="govuk-visually-hidden">Error:</span> {error}</p>}
        <div className="govuk-radios" data-module="govuk-radios">
          {kinds.map((k, i) => {
            const id = i === 0 ? 'kind' : `kind-${k.id}`;
            return (
              <div className="govuk-radios__item" key={k.id}>
                <input className="govuk-radios__input" id={id} name="kind" type="radio" value={k.id} checked={value === k.id} onChange={() => onChange(k)} aria-describedby={`${id}-hint`} />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>{k.title}</label>
                <div id={`${id}-hint`} className="govuk-hint govuk-radios__hint">{k.description} {k.printable ? 'A Word file, which you can also open as a page to print.' : 'An Excel workbook.'}</div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** GOV.UK radios for analysts and administrators: published figures for papers to share, or exact ones for their own work. */
function FiguresRadios({ value, onChange }: { value: Figures; onChange: (figures: Figures) => void }) {
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Which figures</legend>
        <div className="govuk-radios" data-module="govuk-radios">
          {FIGURES.map((f, i) => {
            const id = i === 0 ? 'figures' : `figures-${f.value}`;
            return (
              <div className="govuk-radios__item" key={f.value}>
                <input className="govuk-radios__input" id={id} name="figures" type="radio" value={f.value} checked={value === f.value} onChange={() => onChange(f.value)} aria-describedby={`${id}-hint`} />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>{f.label}</label>
                <div id={`${id}-hint`} className="govuk-hint govuk-radios__hint">{f.hint}</div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** The period controls the kind needs: one quarter, one financial year, or first and last years. */
function PeriodFields({ kind, kinds, choice, onChange, problems }: { kind: OfferedKind; kinds: OfferedKind[]; choice: ReportChoice; onChange: (period: { from: string; to: string }) => void; problems: FieldProblem[] }) {
  if (kind.period === 'quarter') {
    const quarters = QUARTERS.includes(kind.from) ? QUARTERS : [kind.from, ...QUARTERS];
    return <Select id="from" label="Quarter" hint="The report covers this quarter, with the two years before it for trends." value={choice.from} onChange={(q) => onChange({ from: q, to: q })} options={quarters.map((q) => ({ code: q, label: quarterText(q) }))} error={errorFor(problems, 'from')} />;
  }
  const years: Option[] = financialYears(kinds).map((y) => ({ code: y.code, label: y.label }));
  if (kind.period === 'year')
    return <Select id="from" label="Financial year" hint="April to March. The year under way covers the quarters that have ended." value={yearOf(choice.from)} onChange={(y) => onChange({ from: `${y} Q1`, to: yearEnd(y) })} options={years} error={errorFor(problems, 'from')} />;
  return (
    <>
      <Select id="from" label="First financial year" value={yearOf(choice.from)} onChange={(y) => onChange({ from: `${y} Q1`, to: choice.to })} options={years} error={errorFor(problems, 'from')} />
      <Select id="to" label="Last financial year" hint="The same as the first year for a single year. The year under way covers the quarters that have ended." value={yearOf(choice.to)} onChange={(y) => onChange({ from: choice.from, to: yearEnd(y) })} options={years} error={errorFor(problems, 'to')} />
    </>
  );
}

/**
 * Where to get the report chosen: the file, and for reports read as papers, the page to print. Its
 * heading takes focus when the form has just been sent (`announce`), so the panel is read out; only
 * then, not when it reappears because a choice was changed back.
 */
function Ready({ kind, choice, areas, maracs, announce, announced }: { kind: OfferedKind; choice: ReportChoice; areas: Area[]; maracs: Marac[]; announce: boolean; announced: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!announce) return;
    heading.current?.focus();
    announced();
  }, [announce, announced]);
  const query = reportQuery(choice);
  const place = maracs.find((m) => m.id === choice.marac)?.name ?? areas.find((a) => a.code === choice.area)?.name ?? choice.area;
  return (
    <div className="waymark-report-ready">
      <h2 className="govuk-heading-m" id="your-report" tabIndex={-1} ref={heading}>Your report</h2>
      <p className="govuk-body">{kind.title} for {place}, {periodText(kind, choice)}.</p>
      <p className="govuk-body">
        {choice.figures === 'exact'
          ? 'It has exact figures, so it is marked OFFICIAL-SENSITIVE: do not share it beyond people entitled to see exact figures.'
          : 'Small numbers are hidden in it, so it can be shared with a board or partnership. It is marked OFFICIAL.'}
      </p>
      <ul className="govuk-list">
        <li><a className="govuk-link" href={`/api/reports/${kind.id}.${kind.format}?${query}`} download>Download {kind.title} ({FORMAT_NAME[kind.format]})</a></li>
        {kind.printable && <li><Link className="govuk-link" to={`/reports/${kind.id}/print?${query}`}>Open print view</Link></li>}
      </ul>
    </div>
  );
}

/** Choose a report pack for a governance paper: which report, for where, for when, and with which figures. */
export function Reports({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState<ReportChoice>(() => choiceFrom(params));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [announce, setAnnounce] = useState(false);
  const announced = useCallback(() => setAnnounce(false), []);
  const allowed = REPORT_READERS.includes(me.role as Role);
  // Analysts and administrators choose published or exact figures; everyone else only ever has published ones.
  const choosesFigures = seesExactFigures(me.role as Role);
  const kinds = useLoad(() => (allowed ? api<{ kinds: OfferedKind[] }>('/reports').then((r) => r.kinds) : Promise.resolve([])), [allowed]);
  const places = useLoad(() => (allowed ? Promise.all([api<Area[]>('/areas'), api<Marac[]>('/maracs')]) : Promise.resolve([[], []] as [Area[], Marac[]])), [allowed]);

  if (!allowed) return (
    <>
      <h1 className="govuk-heading-l">Reports</h1>
      <p className="govuk-body">Reports are for people who read the partnership dashboards. Ask an administrator if you need one.</p>
    </>
  );

  return (
    <>
      <h1 className="govuk-heading-l">Reports</h1>
      <p className="govuk-body">Papers for Marac steering groups, community safety partnerships and commissioners, made from the returns Waymark holds.</p>
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
              const ready = appliedKind && !problemsWith(applied, appliedKind).length && same(applied, choice) ? applied : null;
              const areaOptions = areasFor(kind, areas);
              const maracOptions = kind?.byMarac && choice.area ? maracs.filter((m) => m.active && within(areas, m.areaCode, choice.area)) : [];

              const chooseKind = (k: OfferedKind) => {
                const area = areas.find((a) => a.code === choice.area);
                const samePeriod = kind?.period === k.period && choice.from;
                setDraft({ ...choice, kind: k.id, area: area && k.areaTypes.includes(area.type) ? area.code : '', marac: k.byMarac ? choice.marac : '', from: samePeriod ? choice.from : k.from, to: samePeriod ? choice.to : k.to });
              };
              const chooseArea = (code: string) => setDraft({ ...choice, area: code, marac: maracs.some((m) => m.id === choice.marac && within(areas, m.areaCode, code)) ? choice.marac : '' });
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
                    <KindRadios kinds={offered} value={draft.kind} onChange={chooseKind} error={errorFor(problems, 'kind')} />
                    {kind && (
                      <>
                        {areaOptions.length ? (
                          <Select id="area" label="Area" hint={`Reports of this kind are written for a ${kind.areaTypes.map((t) => TYPE_LABEL[t]).join(', ').replace(/, ([^,]*)$/, ' or $1')}.`} value={choice.area} onChange={chooseArea}
                            options={areaOptions.map((a) => ({ code: a.code, label: `${a.name} (${TYPE_LABEL[a.type]})` }))} placeholder={areaOptions.length > 1 ? 'Choose an area' : undefined} error={errorFor(problems, 'area')} />
                        ) : (
                          <p className="govuk-inset-text" id="area">None of the areas you can see is a {kind.areaTypes.map((t) => TYPE_LABEL[t]).join(' or ')}, so you cannot get this report.</p>
                        )}
                        {maracOptions.length > 0 && (
                          <Select id="marac" label="Marac (optional)" hint="A Marac’s report shows the figures of the area it serves." value={choice.marac} onChange={(marac) => setDraft({ ...choice, marac })}
                            options={maracOptions.map((m) => ({ code: m.id, label: m.name }))} placeholder="Every Marac in the area" />
                        )}
                        <PeriodFields kind={kind} kinds={offered} choice={choice} onChange={(period) => setDraft({ ...choice, ...period })} problems={problems} />
                        {choosesFigures && <FiguresRadios value={choice.figures} onChange={(figures) => setDraft({ ...choice, figures })} />}
                      </>
                    )}
                    <button type="submit" className="govuk-button">Continue</button>
                  </form>
                  {ready && appliedKind && <Ready kind={appliedKind} choice={ready} areas={areas} maracs={maracs} announce={announce} announced={announced} />}
                </>
              );
            }}
          </Waiting>
        )}
      </Waiting>
    </>
  );
}
