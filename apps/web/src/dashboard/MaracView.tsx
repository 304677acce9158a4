import {
  hiddenLabel,
  inSentence,
  type GapsAnswer,
  type IndicatorFigure,
  type IndicatorsAnswer,
  type AttendanceLevel,
  type MaracAttendance,
} from '@waymark/domain';
import { BarChart, CartesianGrid, ReferenceLine, XAxis } from 'recharts';
import { api } from '../api';
import { ChartPanel } from '../components/ChartPanel';
import { countColumn, figureColumn, unitOfRows } from '../components/columns';
import { FilterBar } from '../components/FilterBar';
import { useFilters } from '../lib/filters';
import { formatValue, percentTick } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { barSwatch, ChartKey, lineSwatch } from './ChartKey';
import { barsHeight, categoryAxis, COLOURS, DASHES, labelledBar, MARGIN, PairedShares, Sized } from './charts';
import {
  BenchmarkNote,
  byId,
  CoverageNote,
  DisclosureNotice,
  figureInstead,
  NothingYet,
  returnsReceived,
  volumeText,
  Waiting,
} from './common';
import { ReferralSources } from './ReferralSources';

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

function CaseVolume({ answer }: { answer: IndicatorsAnswer }) {
  const i = byId(answer, 'marac_cases_per_10k');
  if (!i || i.value === null || i.status === 'no_returns')
    return (
      <NothingYet>
        No Marac returns for these quarters, so case volume cannot be worked out. Check that the Marac has sent its
        returns.
      </NothingYet>
    );
  const compared = [i.benchmark, i.reference].filter((r) => r !== null);
  const rows = [{ name: 'This area', value: i.value }, ...compared.map((r) => ({ name: r.label, value: r.value }))];
  const volume = volumeText(i);
  const received = returnsReceived(i);
  return (
    <ChartPanel<(typeof rows)[number]>
      title="Marac cases per 10,000 women aged 16 and over"
      summary={`The Marac heard ${formatValue(i.unit, i.value)} cases a year per 10,000 women${compared.length ? `, against ${compared.map((r) => `${formatValue(i.unit, r.value)} (${r.label})`).join(' and ')}` : ''}${volume ? `: ${inSentence(volume)} for ${answer.quarters} quarters` : ''}.${received ? ` ${received}.` : ''}`}
      note={
        <>
          <BenchmarkNote references={compared} unit={i.unit} />
          <CoverageNote coverage={answer.coverage} />
        </>
      }
      rows={rows}
      rowKey={(r) => r.name}
      columns={[{ header: 'Compared with', value: (r) => r.name }, figureColumn('Rate', i.unit, (r) => r.value)]}
      chart={
        <Sized height={barsHeight(rows.length)}>
          {(width) => (
            <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ ...MARGIN, right: 60 }}>
              <CartesianGrid stroke="#e5e5e5" />
              <XAxis type="number" />
              {categoryAxis('name', width)}
              {labelledBar('value', COLOURS.blue, (v) => formatValue(i.unit, Number(v)))}
            </BarChart>
          )}
        </Sized>
      }
    />
  );
}

/** Shares in this area beside the same shares over every area reporting to Waymark (unless that would compare an area with itself). */
function SharesAgainstAll({
  answer,
  ids,
  title,
  what,
}: {
  answer: IndicatorsAnswer;
  ids: string[];
  title: string;
  what: string;
}) {
  const rows = ids
    .map((id) => byId(answer, id))
    .filter((i): i is IndicatorFigure => i !== null)
    .map((i) => ({ ...i, name: i.title, share: i.value, all: i.national ?? null }));
  const compared = !answer.nationalNote && rows.some((r) => r.all !== null);
  const unit = unitOfRows(rows);
  const threshold = answer.disclosure.threshold;
  const furthest = [...rows]
    .filter((r) => r.share !== null && r.all !== null)
    .sort((a, b) => Math.abs(b.share! - b.all!) - Math.abs(a.share! - a.all!))[0];
  const largest = [...rows].filter((r) => r.share !== null).sort((a, b) => b.share! - a.share!)[0];
  const summary =
    compared && furthest
      ? `Of the ${what} shown, the one that differs most from all areas in Waymark is ${furthest.name}: ${formatValue(furthest.unit, furthest.share)} here against ${formatValue(furthest.unit, furthest.all)}.`
      : largest
        ? `Of the ${what} shown, the largest is ${largest.name}, at ${formatValue(largest.unit, largest.share)}.`
        : `The ${what} cannot be shown for these quarters.`;
  return (
    <ChartPanel<(typeof rows)[number]>
      title={title}
      summary={summary}
      note={answer.nationalNote ? <p className="govuk-body-s waymark-panel__note">{answer.nationalNote}</p> : null}
      suppressionNote={
        answer.disclosure.applied && rows.some((r) => r.suppressed)
          ? `Groups with fewer than ${threshold} cases are shown as ${hiddenLabel(threshold)} with a hatched bar.`
          : null
      }
      rows={rows}
      rowKey={(r) => r.id}
      suppressed={(r) => r.suppressed}
      columns={[
        { header: 'Group', value: (r) => r.name },
        countColumn(
          'Cases',
          (r) => r.numerator,
          (r) => r.suppressed,
        ),
        figureColumn('This area', unit, (r) => r.share, figureInstead),
        ...(compared ? [figureColumn('All areas in Waymark', unit, (r: (typeof rows)[number]) => r.all)] : []),
      ]}
      chart={
        <PairedShares
          rows={rows}
          first={{ key: 'share', name: 'This area', hiddenBy: 'suppressed' }}
          second={compared ? { key: 'all', name: 'All areas in Waymark' } : null}
          threshold={threshold}
        />
      }
    />
  );
}

function AttendancePanel({ attendance, expected }: { attendance: MaracAttendance[]; expected: AttendanceLevel }) {
  const meetings = attendance[0]?.meetings ?? 0;
  if (!meetings)
    return <NothingYet>No Marac meetings were recorded for these quarters, so attendance cannot be shown.</NothingYet>;
  const below = (a: MaracAttendance) => a.share !== null && a.share < expected.share;
  const low = attendance.filter(below);
  return (
    <ChartPanel<MaracAttendance>
      title="Attendance by core agency"
      summary={`Across ${meetings} meetings, ${low.length ? `${low.map((a) => a.label).join(', ')} attended fewer than ${expected.inWords}` : `every core agency attended at least ${expected.inWords}`}.`}
      rows={attendance}
      rowKey={(a) => a.agency}
      columns={[
        { header: 'Core agency', value: (a) => a.label },
        { header: 'Meetings attended', numeric: true, value: (a) => a.attended },
        { header: 'Meetings held', numeric: true, value: (a) => a.meetings },
        figureColumn('Attendance', 'percent', (a) => a.share),
        {
          header: `Below ${expected.inWords}`,
          value: (a) => (below(a) ? 'Yes' : 'No'),
        },
      ]}
      chart={
        <>
          <Sized height={barsHeight(attendance.length, 40)}>
            {(width) => (
              <BarChart
                data={attendance}
                layout="vertical"
                accessibilityLayer={false}
                margin={{ ...MARGIN, right: 64 }}
              >
                <CartesianGrid stroke="#e5e5e5" />
                <XAxis type="number" domain={[0, 1]} tickFormatter={percentTick} />
                {categoryAxis('label', width)}
                <ReferenceLine x={expected.share} stroke={COLOURS.black} strokeDasharray={DASHES[1]} />
                {labelledBar('share', COLOURS.blue)}
              </BarChart>
            )}
          </Sized>
          <ChartKey
            items={[
              { label: 'Share of meetings attended', swatch: barSwatch(COLOURS.blue) },
              {
                label: `Expected: ${expected.inWords} (${formatValue('percent', expected.share)})`,
                swatch: lineSwatch(COLOURS.black, DASHES[1]),
              },
            ]}
          />
        </>
      }
    />
  );
}

export function MaracView() {
  const { query } = useFilters(false);
  const indicators = useLoad(
    () => api<IndicatorsAnswer>(`/analytics/indicators?${query({ compare: 'national' })}`),
    [query()],
  );
  const gaps = useLoad(() => api<GapsAnswer>(`/analytics/gaps?${query()}`), [query()]);
  return (
    <>
      <h1 className="govuk-heading-l">Marac</h1>
      <FilterBar withSector={false} />
      <Waiting loaded={indicators} what="Marac figures">
        {(answer) => (
          <>
            <DisclosureNotice disclosure={answer.disclosure} />
            <CaseVolume answer={answer} />
            <ReferralSources answer={answer} />
            <SharesAgainstAll answer={answer} ids={DIVERSITY} title="Who the victims are" what="groups" />
            <SharesAgainstAll answer={answer} ids={COMPLEX_NEEDS} title="Complex needs in Marac cases" what="needs" />
          </>
        )}
      </Waiting>
      <Waiting loaded={gaps} what="attendance figures">
        {(answer) => <AttendancePanel attendance={answer.attendance} expected={answer.expectedAttendance} />}
      </Waiting>
    </>
  );
}
