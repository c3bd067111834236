import type { ConversationsReport, VolumeBreakdownRow } from '@backtalk/contracts';
import { BreakdownTable, type BreakdownColumn } from './BreakdownTable';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { Heatmap } from './Heatmap';
import { KpiCard } from './KpiCard';
import { formatCount } from './report-format';

const VOLUME_COLUMNS: BreakdownColumn<VolumeBreakdownRow>[] = [
  { id: 'conversations', header: 'Conversations', value: (r) => r.conversationsCreated, format: (v) => formatCount(v), bar: true },
  { id: 'inbound', header: 'Inbound', value: (r) => r.inboundMessages, format: (v) => formatCount(v) },
  { id: 'outbound', header: 'Outbound', value: (r) => r.outboundMessages, format: (v) => formatCount(v) },
];

const byConversations = (rows: VolumeBreakdownRow[]) => [...rows].sort((a, b) => b.conversationsCreated - a.conversationsCreated || b.inboundMessages - a.inboundMessages);

export function ConversationsTab({ report, compare }: { report: ConversationsReport; compare: boolean }) {
  const { totals, definitions } = report;
  const showDelta = compare && !!report.previousRange;
  const count = (v: number | null) => formatCount(v);
  const data = report.byDay.map((d) => ({
    day: d.day,
    inbound: d.inboundMessages,
    agent: d.outboundByAuthor.agent,
    automation: d.outboundByAuthor.automation,
    notification: d.outboundByAuthor.notification,
    conversationsCreated: d.conversationsCreated,
  }));
  const empty = (totals.inboundMessages.value ?? 0) + (totals.outboundMessages.value ?? 0) + (totals.conversationsCreated.value ?? 0) === 0;
  const emptyState = { title: 'No conversations in this period', body: 'Try a longer range, or clear the team, channel and agent filters.' };
  return (
    <>
      <div className="bt-kpis bt-kpis--three">
        <KpiCard label="Conversations started" metric={totals.conversationsCreated} format={count} kind="count" better="neither" definition={definitions['conversationsCreated']} showDelta={showDelta} />
        <KpiCard label="Inbound messages" metric={totals.inboundMessages} format={count} kind="count" better="neither" definition={definitions['inboundMessages']} showDelta={showDelta} />
        <KpiCard label="Outbound messages" metric={totals.outboundMessages} format={count} kind="count" better="neither" definition={definitions['outboundMessages']} showDelta={showDelta} />
      </div>
      <ChartCard wide title="Messages by day" subtitle={`Messages per day in ${report.range.timeZone}; outbound split by who wrote them`} definition={definitions['outboundMessages']} empty={empty ? emptyState : null}>
        <DayChart
          data={data}
          yLabel="Messages"
          summary="Inbound messages, and outbound messages by agents, automation and notifications, per day."
          series={[
            { key: 'inbound', name: 'Inbound', color: CHART.primarySoft, type: 'bar' },
            { key: 'agent', name: 'Agents', color: CHART.primary, type: 'bar', stack: 'out' },
            { key: 'automation', name: 'Automation', color: CHART.secondary, type: 'bar', stack: 'out' },
            { key: 'notification', name: 'Notifications', color: CHART.tertiary, type: 'bar', stack: 'out' },
          ]}
        />
      </ChartCard>
      <ChartCard wide title="When customers write" subtitle="Inbound messages by weekday and hour of day" definition={definitions['heatmap'] ?? definitions['inboundMessages']} empty={(totals.inboundMessages.value ?? 0) === 0 ? { title: 'No inbound messages in this period', body: 'The heatmap fills in as customers text in. Try a longer range.' } : null}>
        <Heatmap cells={report.heatmap} />
      </ChartCard>
      <div className="bt-report-grid">
        <ChartCard title="By team" definition={definitions['byTeam']} empty={report.byTeam.length === 0 ? emptyState : null}>
          <BreakdownTable caption="Volume by team" nameHeader="Team" rows={byConversations(report.byTeam)} columns={VOLUME_COLUMNS} />
        </ChartCard>
        <ChartCard title="By channel" definition={definitions['byChannel']} empty={report.byChannel.length === 0 ? emptyState : null}>
          <BreakdownTable caption="Volume by channel" nameHeader="Channel" rows={byConversations(report.byChannel)} columns={VOLUME_COLUMNS} />
        </ChartCard>
        <ChartCard wide title="By agent" subtitle="By the agent who holds each conversation now" definition={definitions['byAgent']} empty={report.byAgent.length === 0 ? { title: 'No agent worked a conversation in this period', body: 'Conversations count for the agent they were assigned to.' } : null}>
          <BreakdownTable caption="Volume by agent" nameHeader="Agent" rows={byConversations(report.byAgent)} columns={VOLUME_COLUMNS} />
        </ChartCard>
      </div>
    </>
  );
}
