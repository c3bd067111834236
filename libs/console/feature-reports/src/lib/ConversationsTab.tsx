import type { ConversationsReport, VolumeBreakdownRow } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { BreakdownTable, type BreakdownColumn } from './BreakdownTable';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { Heatmap } from './Heatmap';
import { KpiCard } from './KpiCard';
import { formatCount } from './report-format';
import { useDefinitions } from './use-definitions';

const volumeColumns = (t: (key: string) => string): BreakdownColumn<VolumeBreakdownRow>[] => [
  { id: 'conversations', header: t('metrics.conversations'), value: (r) => r.conversationsCreated, format: (v) => formatCount(v), bar: true },
  { id: 'inbound', header: t('conversations.inbound'), value: (r) => r.inboundMessages, format: (v) => formatCount(v) },
  { id: 'outbound', header: t('conversations.outbound'), value: (r) => r.outboundMessages, format: (v) => formatCount(v) },
];

const byConversations = (rows: VolumeBreakdownRow[]) => [...rows].sort((a, b) => b.conversationsCreated - a.conversationsCreated || b.inboundMessages - a.inboundMessages);

export function ConversationsTab({ report, compare }: { report: ConversationsReport; compare: boolean }) {
  const { t } = useTranslation('reports');
  const { totals } = report;
  const define = useDefinitions();
  const columns = volumeColumns(t);
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
  const emptyState = { title: t('chart.noConversations'), body: t('conversations.emptyBody') };
  return (
    <>
      <div className="bt-kpis bt-kpis--three">
        <KpiCard label={t('metrics.conversationsStarted')} metric={totals.conversationsCreated} format={count} kind="count" better="neither" definition={define('conversationsCreated')} showDelta={showDelta} />
        <KpiCard label={t('metrics.inboundMessages')} metric={totals.inboundMessages} format={count} kind="count" better="neither" definition={define('inboundMessages')} showDelta={showDelta} />
        <KpiCard label={t('metrics.outboundMessages')} metric={totals.outboundMessages} format={count} kind="count" better="neither" definition={define('outboundMessages')} showDelta={showDelta} />
      </div>
      <ChartCard wide title={t('conversations.messagesByDay')} subtitle={t('conversations.messagesSubtitle', { zone: report.range.timeZone })} definition={define('outboundMessages')} empty={empty ? emptyState : null}>
        <DayChart
          data={data}
          yLabel={t('chart.messages')}
          summary={t('conversations.summary')}
          series={[
            { key: 'inbound', name: t('conversations.inbound'), color: CHART.primarySoft, type: 'bar' },
            { key: 'agent', name: t('conversations.agents'), color: CHART.primary, type: 'bar', stack: 'out' },
            { key: 'automation', name: t('conversations.automation'), color: CHART.secondary, type: 'bar', stack: 'out' },
            { key: 'notification', name: t('conversations.notifications'), color: CHART.tertiary, type: 'bar', stack: 'out' },
          ]}
        />
      </ChartCard>
      <ChartCard wide title={t('conversations.whenCustomersWrite')} subtitle={t('conversations.heatmapSubtitle')} definition={define('heatmap') ?? define('inboundMessages')} empty={(totals.inboundMessages.value ?? 0) === 0 ? { title: t('conversations.noInbound'), body: t('conversations.noInboundBody') } : null}>
        <Heatmap cells={report.heatmap} />
      </ChartCard>
      <div className="bt-report-grid">
        <ChartCard title={t('chart.byTeam')} definition={define('byTeam')} empty={report.byTeam.length === 0 ? emptyState : null}>
          <BreakdownTable caption={t('conversations.volumeByTeam')} nameHeader={t('chart.team')} noneLabel={t('chart.noTeam')} rows={byConversations(report.byTeam)} columns={columns} />
        </ChartCard>
        <ChartCard title={t('chart.byChannel')} definition={define('byChannel')} empty={report.byChannel.length === 0 ? emptyState : null}>
          <BreakdownTable caption={t('conversations.volumeByChannel')} nameHeader={t('chart.channel')} noneLabel={t('chart.noChannel')} rows={byConversations(report.byChannel)} columns={columns} />
        </ChartCard>
        <ChartCard wide title={t('chart.byAgent')} subtitle={t('conversations.byAgentSubtitle')} definition={define('byAgent')} empty={report.byAgent.length === 0 ? { title: t('conversations.noAgentWorked'), body: t('conversations.noAgentWorkedBody') } : null}>
          <BreakdownTable caption={t('conversations.volumeByAgent')} nameHeader={t('chart.agent')} noneLabel={t('chart.unassigned')} rows={byConversations(report.byAgent)} columns={columns} />
        </ChartCard>
      </div>
    </>
  );
}
