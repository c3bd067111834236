import type { AutomationReport } from '@backtalk/contracts';
import { Table } from '@backtalk/console/ui';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { KpiCard } from './KpiCard';
import { formatCount, formatPercent } from './report-format';

type FaqRow = AutomationReport['byFaq'][number];

export function AutomationTab({ report, compare }: { report: AutomationReport; compare: boolean }) {
  const { metrics, definitions } = report;
  const showDelta = compare && !!report.previousRange;
  const none = (metrics.autoReplies.value ?? 0) === 0;
  return (
    <>
      <div className="bt-kpis bt-kpis--three">
        <KpiCard label="Answered automatically" metric={metrics.autoAnsweredPercent} format={formatPercent} kind="percent" better="higher" definition={definitions['autoAnsweredPercent']} showDelta={showDelta} />
        <KpiCard label="Automatic replies" metric={metrics.autoReplies} format={(v) => formatCount(v)} kind="count" better="neither" definition={definitions['autoReplies']} showDelta={showDelta} />
        <KpiCard label="Wrote again within 24 h" metric={metrics.wroteAgainPercent} format={formatPercent} kind="percent" better="lower" definition={definitions['wroteAgainPercent']} showDelta={showDelta} />
      </div>
      <ChartCard
        wide
        title="Automatic replies by day"
        subtitle={`Count per day in ${report.range.timeZone}`}
        definition={definitions['autoReplies']}
        empty={none ? { title: 'No automatic replies in this period', body: 'Switch on a reply rule under Settings → Automation, or try a longer range.', icon: 'bolt' } : null}
      >
        <DayChart
          data={report.byDay}
          yLabel="Count"
          summary="Automatic replies and conversations started per day."
          series={[
            { key: 'conversationsCreated', name: 'Conversations started', color: CHART.primarySoft, type: 'bar' },
            { key: 'autoReplies', name: 'Automatic replies', color: CHART.secondary, type: 'line' },
          ]}
        />
      </ChartCard>
      <div className="bt-report-grid">
        <ChartCard title="By FAQ" definition={definitions['byFaq']} empty={report.byFaq.length === 0 ? { title: 'No FAQ answered anyone in this period', body: 'FAQs answer once a reply rule is switched on.' } : null}>
          <Table<FaqRow>
            caption="Automatic replies by FAQ"
            rows={[...report.byFaq].sort((a, b) => b.autoReplies - a.autoReplies)}
            rowKey={(r) => r.faqId ?? r.question}
            columns={[
              { id: 'q', header: 'FAQ', cell: (r) => r.question, grow: true },
              { id: 'n', header: 'Replies', cell: (r) => formatCount(r.autoReplies), align: 'end' },
              { id: 'again', header: 'Wrote again', cell: (r) => formatPercent(r.autoReplies ? (r.wroteAgain / r.autoReplies) * 100 : null), align: 'end' },
            ]}
          />
        </ChartCard>
        <ChartCard title="Held back" subtitle="Why automation left a message for a person" definition={definitions['heldBack']} empty={report.heldBack.length === 0 ? { title: 'Nothing held back in this period', body: 'Messages automation chose not to answer are counted here by reason.' } : null}>
          <Table
            caption="Messages held back by reason"
            rows={[...report.heldBack].sort((a, b) => b.count - a.count)}
            rowKey={(r) => r.reason}
            columns={[
              { id: 'reason', header: 'Reason', cell: (r) => r.reason, grow: true },
              { id: 'count', header: 'Messages', cell: (r) => formatCount(r.count), align: 'end' },
            ]}
          />
        </ChartCard>
      </div>
    </>
  );
}
