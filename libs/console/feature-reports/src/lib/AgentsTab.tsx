import type { AgentReportRow, AgentsReport } from '@backtalk/contracts';
import { Table } from '@backtalk/console/ui';
import { ChartCard } from './ChartCard';
import { InfoTip } from './InfoTip';
import { formatCount, formatSeconds } from './report-format';

export function AgentsTab({ report }: { report: AgentsReport }) {
  const d = report.definitions;
  const header = (label: string, key: string) => (
    <span className="bt-th-with-tip">
      {label}
      <InfoTip label={label} text={d[key]} />
    </span>
  );
  return (
    <ChartCard
      wide
      title="Agents"
      subtitle="What each agent handled in the period; load is now"
      empty={report.agents.length === 0 ? { title: 'No agents handled conversations in this period', body: 'Agents show here once they are assigned conversations or send replies. Try a longer range.', icon: 'team' } : null}
    >
      <Table<AgentReportRow>
        caption="Agents"
        rows={[...report.agents].sort((a, b) => b.conversationsHandled - a.conversationsHandled)}
        rowKey={(r) => r.userId}
        columns={[
          { id: 'name', header: 'Agent', cell: (r) => r.name, grow: true },
          { id: 'handled', header: header('Conversations', 'conversationsHandled'), cell: (r) => formatCount(r.conversationsHandled), align: 'end' },
          { id: 'replies', header: header('Replies', 'repliesSent'), cell: (r) => formatCount(r.repliesSent), align: 'end' },
          { id: 'first', header: header('Median first response', 'agentMedianFirstResponse'), cell: (r) => formatSeconds(r.medianFirstResponse), align: 'end' },
          { id: 'resolution', header: header('Median resolution', 'agentMedianResolution'), cell: (r) => formatSeconds(r.medianResolution), align: 'end', secondary: true },
          { id: 'load', header: header('Open now', 'currentLoad'), cell: (r) => formatCount(r.currentLoad), align: 'end' },
        ]}
      />
    </ChartCard>
  );
}
