import type { CostBreakdownRow, DeliveryReport } from '@backtalk/contracts';
import { Table } from '@backtalk/console/ui';
import { BreakdownTable, type BreakdownColumn } from './BreakdownTable';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { CostKpiCard } from './CostKpiCard';
import { KpiCard } from './KpiCard';
import { formatCostList, formatCount, formatMoney, formatPercent } from './report-format';

type Failure = DeliveryReport['failures'][number];

export function DeliveryTab({ report, compare }: { report: DeliveryReport; compare: boolean }) {
  const { metrics, definitions, currency } = report;
  const showDelta = compare && !!report.previousRange;
  const money = (v: number | null) => formatMoney(v, currency);
  const count = (v: number | null) => formatCount(v);
  const columns: BreakdownColumn<CostBreakdownRow>[] = [
    { id: 'messages', header: 'Messages', value: (r) => r.messages, format: count, secondary: true },
    { id: 'segments', header: 'Segments', value: (r) => r.segments, format: count },
    {
      id: 'cost',
      header: `Cost${currency ? ` (${currency})` : ''}`,
      value: (r) => r.cost,
      format: money,
      bar: true,
      // Several currencies: each row's amounts one under the other, never added up.
      fallback: (r) => (
        <span className="bt-breakdown__amounts">
          {formatCostList(r.costs).map((amount) => (
            <span key={amount}>{amount}</span>
          ))}
        </span>
      ),
    },
  ];
  const byCost = (rows: CostBreakdownRow[]) => [...rows].sort((a, b) => (b.cost ?? 0) - (a.cost ?? 0) || b.segments - a.segments);
  // The charts take numbers per day; the per-currency costs are in the tables.
  const days = report.byDay.map(({ costs: _costs, ...day }) => day);
  const nothingSent = (metrics.outboundMessages.value ?? 0) === 0;
  const emptySent = { title: 'Nothing was sent in this period', body: 'Replies, automatic answers and notifications count here once they leave. Try a longer range.', icon: 'send' as const };
  return (
    <>
      <div className="bt-kpis">
        <KpiCard label="Segments sent" metric={metrics.segments} format={count} kind="count" better="neither" definition={definitions['outboundSegments']} showDelta={showDelta} />
        <CostKpiCard label="Cost" metric={metrics.cost} currency={currency} definition={definitions['cost']} showDelta={showDelta} />
        <KpiCard label="Delivery rate" metric={metrics.deliveryRatePercent} format={formatPercent} kind="percent" better="higher" definition={definitions['deliveryRatePercent']} showDelta={showDelta} />
        <KpiCard label="Outbound messages" metric={metrics.outboundMessages} format={count} kind="count" better="neither" definition={definitions['outboundMessages']} showDelta={showDelta} />
        <KpiCard label="Opt-outs" metric={metrics.optOuts} format={count} kind="count" better="lower" definition={definitions['optOuts']} showDelta={showDelta} />
        <KpiCard label="Opt-ins" metric={metrics.optIns} format={count} kind="count" better="neither" definition={definitions['optIns']} showDelta={showDelta} />
      </div>
      <div className="bt-report-grid">
        <ChartCard title="Segments by day" subtitle="Outbound SMS segments per day (what providers bill)" definition={definitions['outboundSegments']} empty={nothingSent ? emptySent : null}>
          <DayChart
            data={days}
            yLabel="Segments"
            summary="Outbound segments per day."
            series={[{ key: 'segments', name: 'Segments', color: CHART.primary, type: 'bar' }]}
          />
        </ChartCard>
        <ChartCard title="Delivered and failed by day" subtitle="Messages per day by final delivery report" definition={definitions['deliveryRatePercent']} empty={nothingSent ? emptySent : null}>
          <DayChart
            data={days}
            yLabel="Messages"
            summary="Delivered and failed outbound messages per day."
            series={[
              { key: 'delivered', name: 'Delivered', color: CHART.tertiary, type: 'bar', stack: 'd' },
              { key: 'failed', name: 'Failed', color: CHART.danger, type: 'bar', stack: 'd' },
            ]}
          />
        </ChartCard>
        <ChartCard title="Cost by team" definition={definitions['cost']} empty={report.byTeam.length === 0 ? emptySent : null}>
          <BreakdownTable caption="Cost by team" nameHeader="Team" rows={byCost(report.byTeam)} columns={columns} />
        </ChartCard>
        <ChartCard title="Cost by channel" definition={definitions['cost']} empty={report.byChannel.length === 0 ? emptySent : null}>
          <BreakdownTable caption="Cost by channel" nameHeader="Channel" rows={byCost(report.byChannel)} columns={columns} />
        </ChartCard>
        <ChartCard title="Cost by agent" subtitle="Replies each agent sent" definition={definitions['costByAgent']} empty={report.byAgent.length === 0 ? emptySent : null}>
          <BreakdownTable caption="Cost by agent" nameHeader="Agent" rows={byCost(report.byAgent)} columns={columns} />
        </ChartCard>
        <ChartCard title="Failures" subtitle="By reason and the provider’s error code" definition={definitions['failures']} empty={report.failures.length === 0 ? { title: 'No failed messages in this period', body: 'Every message the providers reported on was delivered.', icon: 'circle-check' } : null}>
          <Table<Failure>
            caption="Failed messages by reason"
            rows={[...report.failures].sort((a, b) => b.count - a.count)}
            rowKey={(r) => `${r.errorCode ?? ''}:${r.reason}`}
            columns={[
              { id: 'reason', header: 'Reason', cell: (r) => r.reason, grow: true },
              { id: 'code', header: 'Code', cell: (r) => r.errorCode ?? '—' },
              { id: 'count', header: 'Messages', cell: (r) => formatCount(r.count), align: 'end' },
            ]}
          />
        </ChartCard>
        <ChartCard wide title="Opt-outs and opt-ins by day" subtitle="Customers per day" definition={definitions['optOuts']} empty={(metrics.optOuts.value ?? 0) + (metrics.optIns.value ?? 0) === 0 ? { title: 'Nobody opted out or in during this period', body: 'STOP and START replies count here.' } : null}>
          <DayChart
            data={days}
            yLabel="Customers"
            summary="Opt-outs and opt-ins per day."
            series={[
              { key: 'optOuts', name: 'Opt-outs', color: CHART.danger, type: 'bar' },
              { key: 'optIns', name: 'Opt-ins', color: CHART.tertiary, type: 'bar' },
            ]}
          />
        </ChartCard>
      </div>
    </>
  );
}
