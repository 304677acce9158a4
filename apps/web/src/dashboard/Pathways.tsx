import { Layer, Rectangle, Sankey, Text, Tooltip } from 'recharts';
import { hiddenLabel, type IndicatorsAnswer, type PathwayLink, type PathwaysAnswer } from '@waymark/domain';
import { api } from '../api';
import { ChartPanel } from '../components/ChartPanel';
import { countColumn, figureColumn } from '../components/columns';
import { FilterBar } from '../components/FilterBar';
import { useFilters } from '../lib/filters';
import { formatCount } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { COLOURS, Sized } from './charts';
import { DisclosureNotice, NothingYet, Waiting } from './common';
import { ReferralSources } from './ReferralSources';

const PARTNER = 'partner_sector';

/**
 * Referrals drawn from referrer (left) to receiver (right). Every sector appears once on each side, so
 * the diagram has no loops even when sectors refer to each other both ways.
 */
function flowData(answer: PathwaysAnswer, label: (id: string) => string) {
  const flows = answer.links.filter((l) => l.basis !== 'agency returns' && l.referrals !== null && l.referrals > 0);
  const left = [...new Set(flows.map((l) => l.source))];
  const right = [...new Set(flows.map((l) => l.target))];
  const nodes = [
    ...left.map((id) => ({ name: `${label(id).replace(' (Marac referrer)', '')}` })),
    ...right.map((id) => ({ name: `to ${label(id)}` })),
  ];
  const links = flows.map((l) => ({
    source: left.indexOf(l.source),
    target: left.length + right.indexOf(l.target),
    value: l.referrals!,
  }));
  return { nodes, links, flows };
}

type NodeProps = { x: number; y: number; width: number; height: number; index: number; payload: { name: string } };

/** A sector's bar and its name, cut short with "…" where half the chart's width cannot hold it (the table has it whole). */
function FlowNode({ x, y, width, height, payload, labelWidth }: NodeProps & { labelWidth: number }) {
  const onRight = payload.name.startsWith('to ');
  return (
    <Layer>
      <Rectangle
        x={x}
        y={y}
        width={width}
        height={height}
        fill={onRight ? COLOURS.purple : COLOURS.blue}
        fillOpacity={1}
      />
      <Text
        x={onRight ? x - 6 : x + width + 6}
        y={y + height / 2}
        width={labelWidth}
        maxLines={1}
        textAnchor={onRight ? 'end' : 'start'}
        verticalAnchor="middle"
        style={{ fontSize: 14 }}
        fill={COLOURS.black}
      >
        {payload.name}
      </Text>
    </Layer>
  );
}

function conversionRows(answer: PathwaysAnswer, label: (id: string) => string) {
  const sectors = [
    ...new Set(
      answer.links
        .filter((l) => l.basis === 'agency returns')
        .flatMap((l) => [l.source, l.target])
        .filter((s) => s !== PARTNER),
    ),
  ];
  return sectors
    .map((sector) => {
      const made = answer.links.find(
        (l) => l.basis === 'agency returns' && l.source === sector && l.target === PARTNER,
      );
      const received = answer.links.find(
        (l) => l.basis === 'agency returns' && l.source === PARTNER && l.target === sector,
      );
      const rate = (l: PathwayLink | undefined) =>
        l && l.referrals && l.engaged !== null ? l.engaged / l.referrals : null;
      return {
        sector,
        name: label(sector),
        made: made?.referrals ?? null,
        madeEngaged: made?.engaged ?? null,
        madeRate: rate(made),
        received: received?.referrals ?? null,
        receivedEngaged: received?.engaged ?? null,
        receivedRate: rate(received),
      };
    })
    .filter((c) => c.made !== null || c.received !== null)
    .sort((a, b) => (b.made ?? 0) - (a.made ?? 0));
}

type Conversion = ReturnType<typeof conversionRows>[number];

export function Pathways() {
  const { query } = useFilters();
  const pathways = useLoad(() => api<PathwaysAnswer>(`/analytics/pathways?${query()}`), [query()]);
  const indicators = useLoad(() => api<IndicatorsAnswer>(`/analytics/indicators?${query()}`), [query()]);

  return (
    <>
      <h1 className="govuk-heading-l">Referral pathways</h1>
      <p className="govuk-body">
        How people are referred between domestic abuse, substance use, mental health and other services, and into Marac,
        and how many referrals led to the person engaging.
      </p>
      <FilterBar />
      <Waiting loaded={pathways} what="referral pathways">
        {(answer) => {
          const labels = new Map(answer.nodes.map((n) => [n.id, n.label]));
          const label = (id: string) => labels.get(id) ?? id;
          const hidden = answer.disclosure.applied;
          const { threshold } = answer.disclosure;
          const { nodes, links, flows } = flowData(answer, label);
          const total = flows.reduce((s, l) => s + (l.referrals ?? 0), 0);
          const biggest = [...flows].sort((a, b) => (b.referrals ?? 0) - (a.referrals ?? 0))[0];
          const conversion = conversionRows(answer, label);
          const suppressed = answer.links.filter((l) => l.referrals === null).length;
          return (
            <>
              <DisclosureNotice disclosure={answer.disclosure} />
              {answer.links.length === 0 && (
                <NothingYet>
                  No referrals were recorded in the returns for {answer.from} to {answer.to}. Check who has sent their
                  returns on the returns page.
                </NothingYet>
              )}
              {flows.length > 0 && (
                <ChartPanel<PathwayLink>
                  title="Referrals between services and into Marac"
                  summary={`${formatCount(total, false)} referrals shown from case-level and Marac returns; the largest flow is ${label(biggest.source).replace(' (Marac referrer)', '')} to ${label(biggest.target)} (${formatCount(biggest.referrals, false)}).${suppressed ? ` ${suppressed} smaller flows are hidden.` : ''}`}
                  suppressionNote={
                    hidden && suppressed
                      ? `${suppressed} flows with fewer than ${threshold} referrals are not drawn; they are listed as ${hiddenLabel(threshold)} in the table.`
                      : null
                  }
                  rows={answer.links.filter((l) => l.basis !== 'agency returns')}
                  rowKey={(l) => `${l.basis}-${l.source}-${l.target}`}
                  suppressed={(l) =>
                    hidden && (l.referrals === null || (l.basis !== 'Marac returns' && l.engaged === null))
                  }
                  columns={[
                    { header: 'From', value: (l) => label(l.source) },
                    { header: 'To', value: (l) => label(l.target) },
                    countColumn(
                      'Referrals',
                      (l) => l.referrals,
                      () => hidden,
                    ),
                    {
                      ...countColumn(
                        'Engaged',
                        (l) => l.engaged,
                        () => hidden,
                      ),
                      display: (l) => (l.basis === 'Marac returns' ? 'Not recorded' : formatCount(l.engaged, hidden)),
                    },
                    { header: 'Source of figures', value: (l) => l.basis },
                  ]}
                  chart={
                    <Sized height={Math.max(360, nodes.length * 28)}>
                      {(width) => (
                        <Sankey
                          data={{ nodes, links }}
                          node={(props: NodeProps) => <FlowNode {...props} labelWidth={width / 2 - 24} />}
                          nodePadding={14}
                          margin={{ left: 10, right: 10, top: 10, bottom: 10 }}
                          link={{ stroke: COLOURS.grey, strokeOpacity: 0.35 }}
                          sort={false}
                        >
                          <Tooltip />
                        </Sankey>
                      )}
                    </Sized>
                  }
                />
              )}
              {conversion.length > 0 && (
                <ChartPanel<Conversion>
                  title="Referrals that led to engagement, by direction"
                  summary={`From the agencies' quarterly returns: referrals each sector made to the partner sector and received from it, and the share where the person engaged. ${conversion.filter((c) => c.madeRate !== null && c.madeRate < 0.5).length} sectors saw fewer than half of the referrals they made lead to engagement.`}
                  rows={conversion}
                  rowKey={(c) => c.sector}
                  suppressed={(c) => hidden && [c.made, c.madeEngaged, c.received, c.receivedEngaged].includes(null)}
                  columns={[
                    { header: 'Sector', value: (c) => c.name },
                    countColumn(
                      'Referrals made',
                      (c) => c.made,
                      () => hidden,
                    ),
                    countColumn(
                      'Made and engaged',
                      (c) => c.madeEngaged,
                      () => hidden,
                    ),
                    figureColumn('Made: engaged share', 'percent', (c) => c.madeRate),
                    countColumn(
                      'Referrals received',
                      (c) => c.received,
                      () => hidden,
                    ),
                    countColumn(
                      'Received and engaged',
                      (c) => c.receivedEngaged,
                      () => hidden,
                    ),
                    figureColumn('Received: engaged share', 'percent', (c) => c.receivedRate),
                  ]}
                />
              )}
            </>
          );
        }}
      </Waiting>
      <Waiting loaded={indicators} what="referral sources">
        {(answer) => <ReferralSources answer={answer} />}
      </Waiting>
    </>
  );
}
