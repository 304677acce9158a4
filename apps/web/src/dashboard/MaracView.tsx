import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts';
import { api } from '../api';
import { ChartPanel } from '../components/ChartPanel';
import { FilterBar } from '../components/FilterBar';
import { useFilters } from '../lib/filters';
import { countOrHidden, formatCount, formatValue, percentTick } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { COLOURS, PairedShares, Sized } from './charts';
import { DisclosureNotice, NothingYet, Waiting } from './common';
import { ReferralSources } from './ReferralSources';
import { byId, type Indicator, type IndicatorAnswer } from './types';

interface Attendance {
  agency: string;
  label: string;
  attended: number;
  meetings: number;
  share: number | null;
}

const DIVERSITY = ['marac_victims_minoritised', 'marac_victims_lgbt', 'marac_victims_disabled', 'marac_victims_male', 'marac_victims_16_17'];
const COMPLEX_NEEDS = ['marac_victim_substance_use', 'marac_perpetrator_substance_use', 'marac_victim_mental_health', 'marac_perpetrator_mental_health'];
const EXPECTED_ATTENDANCE = 0.75;

function CaseVolume({ answer }: { answer: IndicatorAnswer }) {
  const i = byId(answer, 'marac_cases_per_10k');
  if (!i || i.value === null) return <NothingYet>No Marac returns for these quarters, so case volume cannot be worked out. Check that the Marac has sent its returns.</NothingYet>;
  const rows = [
    { name: 'This area', value: i.value, note: `${formatCount(i.numerator, i.suppressed)} cases` },
    { name: 'Recommended level', value: i.benchmark?.value ?? 40, note: i.benchmark?.source ?? '' },
    { name: 'England and Wales', value: i.reference?.value ?? 47, note: i.reference?.source ?? '' },
  ];
  const shortfall = i.extra?.shortfall ?? null;
  return (
    <ChartPanel
      title="Marac cases per 10,000 women aged 16 and over"
      summary={`The Marac heard ${formatValue(i.unit, i.value)} cases a year per 10,000 women, against a recommended 40 and 47 across England and Wales${shortfall ? `: about ${formatCount(shortfall, false)} fewer cases than the ${formatCount(i.extra?.recommendedCases, false)} the recommended level implies for ${answer.quarters} quarters` : '; it meets the recommended level'}.`}
      rows={rows}
      rowKey={(r) => r.name}
      columns={[
        { header: 'Compared with', value: (r) => r.name },
        { header: 'Cases per 10,000 a year', numeric: true, value: (r) => Number(r.value.toFixed(1)) },
        { header: 'Notes', value: (r) => r.note },
      ]}
      chart={
        <Sized height={260}>
          <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ left: 20, right: 60 }}>
            <CartesianGrid stroke="#e5e5e5" />
            <XAxis type="number" />
            <YAxis type="category" dataKey="name" width={160} />
            <Bar dataKey="value" fill={COLOURS.blue} isAnimationActive={false}>
              <LabelList dataKey="value" position="right" formatter={(v) => Number(v).toFixed(1)} />
            </Bar>
          </BarChart>
        </Sized>
      }
    />
  );
}

/** Shares in this area beside the same shares over every area reporting to Waymark. */
function SharesAgainstAll({ answer, ids, title, what }: { answer: IndicatorAnswer; ids: string[]; title: string; what: string }) {
  const rows = ids.map((id) => byId(answer, id)).filter((i): i is Indicator => i !== null).map((i) => ({ id: i.id, name: i.title, share: i.value, all: i.national ?? null, cases: i.numerator, suppressed: i.suppressed }));
  const furthest = [...rows].filter((r) => r.share !== null && r.all !== null).sort((a, b) => Math.abs(b.share! - b.all!) - Math.abs(a.share! - a.all!))[0];
  return (
    <ChartPanel
      title={title}
      summary={furthest ? `Of the ${what} shown, ${furthest.name.toLowerCase()} differs most from all areas in Waymark: ${formatValue('percent', furthest.share)} here against ${formatValue('percent', furthest.all)}.` : `The ${what} cannot be compared for these quarters.`}
      suppressionNote={answer.disclosure.applied && rows.some((r) => r.suppressed) ? 'Groups with fewer than 5 cases are shown as <5 and not plotted.' : null}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { header: 'Group', value: (r) => r.name },
        { header: 'Cases', numeric: true, value: (r) => countOrHidden(r.cases, r.suppressed), display: (r) => formatCount(r.cases, r.suppressed) },
        { header: 'This area', numeric: true, value: (r) => r.share, display: (r) => (r.suppressed ? '<5' : formatValue('percent', r.share)) },
        { header: 'All areas in Waymark', numeric: true, value: (r) => r.all, display: (r) => formatValue('percent', r.all) },
      ]}
      chart={<PairedShares rows={rows} first={{ key: 'share', name: 'This area' }} second={{ key: 'all', name: 'All areas in Waymark' }} />}
    />
  );
}

function AttendancePanel({ attendance }: { attendance: Attendance[] }) {
  const meetings = attendance[0]?.meetings ?? 0;
  if (!meetings) return <NothingYet>No Marac meetings were recorded for these quarters, so attendance cannot be shown.</NothingYet>;
  const low = attendance.filter((a) => a.share !== null && a.share < EXPECTED_ATTENDANCE);
  return (
    <ChartPanel
      title="Attendance by core agency"
      summary={`Across ${meetings} meetings, ${low.length ? `${low.map((a) => a.label).join(', ')} attended fewer than three in four` : 'every core agency attended at least three in four'}.`}
      rows={attendance}
      rowKey={(a) => a.agency}
      columns={[
        { header: 'Core agency', value: (a) => a.label },
        { header: 'Meetings attended', numeric: true, value: (a) => a.attended },
        { header: 'Meetings held', numeric: true, value: (a) => a.meetings },
        { header: 'Attendance', numeric: true, value: (a) => a.share, display: (a) => formatValue('percent', a.share) },
        { header: 'Below three in four', value: (a) => (a.share !== null && a.share < EXPECTED_ATTENDANCE ? 'Yes' : 'No') },
      ]}
      chart={
        <Sized height={340}>
          <BarChart data={attendance} layout="vertical" accessibilityLayer={false} margin={{ left: 20, right: 60 }}>
            <CartesianGrid stroke="#e5e5e5" />
            <XAxis type="number" domain={[0, 1]} tickFormatter={percentTick} />
            <YAxis type="category" dataKey="label" width={200} />
            <ReferenceLine x={EXPECTED_ATTENDANCE} stroke={COLOURS.black} strokeDasharray="6 3" label={{ value: '75%', position: 'top' }} />
            <Bar dataKey="share" fill={COLOURS.blue} isAnimationActive={false}>
              <LabelList dataKey="share" position="right" formatter={(v) => formatValue('percent', Number(v))} />
            </Bar>
          </BarChart>
        </Sized>
      }
    />
  );
}

export function MaracView() {
  const { query } = useFilters(false);
  const indicators = useLoad(() => api<IndicatorAnswer>(`/analytics/indicators?${query({ compare: 'national' })}`), [query()]);
  const gaps = useLoad(() => api<{ attendance: Attendance[] }>(`/analytics/gaps?${query()}`), [query()]);
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
      <Waiting loaded={gaps} what="attendance figures">{(answer) => <AttendancePanel attendance={answer.attendance} />}</Waiting>
    </>
  );
}
