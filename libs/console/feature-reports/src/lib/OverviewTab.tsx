import type { OverviewReport } from '@backtalk/contracts';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { CostKpiCard } from './CostKpiCard';
import { KpiCard } from './KpiCard';
import { formatCount, formatPercent, formatSeconds } from './report-format';

/** The numbers a lead checks every morning, each with its change on the previous period. */
export function OverviewTab({ report, compare }: { report: OverviewReport; compare: boolean }) {
  const { metrics, series, definitions } = report;
  const count = (v: number | null) => formatCount(v);
  const showDelta = compare && !!report.previousRange;
  const volume = series.conversationsCreated.map((point, i) => ({
    day: point.day,
    conversationsCreated: point.value,
    inboundMessages: series.inboundMessages[i]?.value ?? 0,
    outboundMessages: series.outboundMessages[i]?.value ?? 0,
    resolutions: series.resolutions[i]?.value ?? 0,
  }));
  const quiet = (metrics.conversationsCreated.value ?? 0) === 0 && (metrics.inboundMessages.value ?? 0) === 0 && (metrics.outboundMessages.value ?? 0) === 0;
  return (
    <>
      <div className="bt-kpis">
        <KpiCard label="Conversations" metric={metrics.conversationsCreated} format={count} kind="count" better="neither" definition={definitions['conversationsCreated']} series={series.conversationsCreated} showDelta={showDelta} />
        <KpiCard label="Median first response" metric={metrics.medianFirstResponse} format={formatSeconds} kind="seconds" better="lower" definition={definitions['medianFirstResponse']} showDelta={showDelta} />
        <KpiCard label="Resolved" metric={metrics.resolutions} format={count} kind="count" better="higher" definition={definitions['resolutions']} series={series.resolutions} showDelta={showDelta} />
        <KpiCard label="SLA met" metric={metrics.slaMetPercent} format={formatPercent} kind="percent" better="higher" definition={definitions['slaMetPercent']} showDelta={showDelta} />
        <KpiCard label="CSAT" metric={metrics.csatPercent} format={formatPercent} kind="percent" better="higher" definition={definitions['csatPercent']} showDelta={showDelta} />
        <KpiCard label="Inbound messages" metric={metrics.inboundMessages} format={count} kind="count" better="neither" definition={definitions['inboundMessages']} series={series.inboundMessages} showDelta={showDelta} />
        <KpiCard label="Outbound messages" metric={metrics.outboundMessages} format={count} kind="count" better="neither" definition={definitions['outboundMessages']} series={series.outboundMessages} showDelta={showDelta} />
        <KpiCard label="Answered automatically" metric={metrics.autoAnsweredPercent} format={formatPercent} kind="percent" better="higher" definition={definitions['autoAnsweredPercent']} showDelta={showDelta} />
        <KpiCard label="Segments sent" metric={metrics.outboundSegments} format={count} kind="count" better="neither" definition={definitions['outboundSegments']} showDelta={showDelta} />
        <CostKpiCard label="SMS cost" metric={metrics.cost} currency={report.currency} definition={definitions['cost']} showDelta={showDelta} />
      </div>
      <ChartCard
        wide
        title="Conversations and messages by day"
        subtitle={`Count per day in ${report.range.timeZone}`}
        definition={definitions['conversationsCreated']}
        empty={quiet ? { title: 'No conversations in this period', body: 'Nobody texted in and nothing was sent. Try a longer range, or clear the filters.' } : null}
      >
        <DayChart
          data={volume}
          yLabel="Count"
          summary="Conversations started, messages in and out, and resolutions per day."
          series={[
            { key: 'inboundMessages', name: 'Inbound messages', color: CHART.primarySoft, type: 'bar' },
            { key: 'outboundMessages', name: 'Outbound messages', color: CHART.secondary, type: 'bar' },
            { key: 'conversationsCreated', name: 'Conversations started', color: CHART.primary, type: 'line' },
            { key: 'resolutions', name: 'Resolved', color: CHART.tertiary, type: 'line', dashed: true },
          ]}
        />
      </ChartCard>
    </>
  );
}
