import type { AgentReportRow, AgentsReport } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { Table } from '@backtalk/console/ui';
import { ChartCard } from './ChartCard';
import { InfoTip } from './InfoTip';
import { formatCount, formatSeconds } from './report-format';
import { useDefinitions } from './use-definitions';

export function AgentsTab({ report }: { report: AgentsReport }) {
  const { t } = useTranslation('reports');
  const define = useDefinitions();
  const header = (label: string, key: string) => (
    <span className="bt-th-with-tip">
      {label}
      <InfoTip label={label} text={define(key)} />
    </span>
  );
  return (
    <ChartCard
      wide
      title={t('agents.title')}
      subtitle={t('agents.subtitle')}
      empty={report.agents.length === 0 ? { title: t('agents.none'), body: t('agents.noneBody'), icon: 'team' } : null}
    >
      <Table<AgentReportRow>
        caption={t('agents.title')}
        rows={[...report.agents].sort((a, b) => b.conversationsHandled - a.conversationsHandled)}
        rowKey={(r) => r.userId}
        columns={[
          { id: 'name', header: t('chart.agent'), cell: (r) => <span translate="no">{r.name}</span>, grow: true },
          { id: 'handled', header: header(t('agents.conversations'), 'conversationsHandled'), cell: (r) => formatCount(r.conversationsHandled), align: 'end' },
          { id: 'replies', header: header(t('agents.replies'), 'repliesSent'), cell: (r) => formatCount(r.repliesSent), align: 'end' },
          { id: 'first', header: header(t('agents.medianFirstResponse'), 'agentMedianFirstResponse'), cell: (r) => formatSeconds(r.medianFirstResponse), align: 'end' },
          { id: 'resolution', header: header(t('agents.medianResolution'), 'agentMedianResolution'), cell: (r) => formatSeconds(r.medianResolution), align: 'end', secondary: true },
          { id: 'load', header: header(t('agents.openNow'), 'currentLoad'), cell: (r) => formatCount(r.currentLoad), align: 'end' },
        ]}
      />
    </ChartCard>
  );
}
