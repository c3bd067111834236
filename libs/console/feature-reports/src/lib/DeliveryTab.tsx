import type { CostBreakdownRow, DeliveryReport } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { Table } from '@backtalk/console/ui';
import { BreakdownTable, type BreakdownColumn } from './BreakdownTable';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { CostKpiCard } from './CostKpiCard';
import { KpiCard } from './KpiCard';
import { formatCostList, formatCount, formatMoney, formatPercent } from './report-format';
import { useDefinitions } from './use-definitions';

type Failure = DeliveryReport['failures'][number];

export function DeliveryTab({ report, compare }: { report: DeliveryReport; compare: boolean }) {
  const { t } = useTranslation('reports');
  const { metrics, currency } = report;
  const define = useDefinitions();
  const showDelta = compare && !!report.previousRange;
  const money = (v: number | null) => formatMoney(v, currency);
  const count = (v: number | null) => formatCount(v);
  const columns: BreakdownColumn<CostBreakdownRow>[] = [
    { id: 'messages', header: t('chart.messages'), value: (r) => r.messages, format: count, secondary: true },
    { id: 'segments', header: t('delivery.segments'), value: (r) => r.segments, format: count },
    {
      id: 'cost',
      header: currency ? t('delivery.costIn', { currency }) : t('delivery.cost'),
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
  const emptySent = { title: t('delivery.nothingSent'), body: t('delivery.nothingSentBody'), icon: 'send' as const };
  return (
    <>
      <div className="bt-kpis">
        <KpiCard label={t('metrics.segmentsSent')} metric={metrics.segments} format={count} kind="count" better="neither" definition={define('outboundSegments')} showDelta={showDelta} />
        <CostKpiCard label={t('metrics.cost')} metric={metrics.cost} currency={currency} definition={define('cost')} showDelta={showDelta} />
        <KpiCard label={t('metrics.deliveryRate')} metric={metrics.deliveryRatePercent} format={formatPercent} kind="percent" better="higher" definition={define('deliveryRatePercent')} showDelta={showDelta} />
        <KpiCard label={t('metrics.outboundMessages')} metric={metrics.outboundMessages} format={count} kind="count" better="neither" definition={define('outboundMessages')} showDelta={showDelta} />
        <KpiCard label={t('metrics.optOuts')} metric={metrics.optOuts} format={count} kind="count" better="lower" definition={define('optOuts')} showDelta={showDelta} />
        <KpiCard label={t('metrics.optIns')} metric={metrics.optIns} format={count} kind="count" better="neither" definition={define('optIns')} showDelta={showDelta} />
      </div>
      <div className="bt-report-grid">
        <ChartCard title={t('delivery.segmentsByDay')} subtitle={t('delivery.segmentsSubtitle')} definition={define('outboundSegments')} empty={nothingSent ? emptySent : null}>
          <DayChart
            data={days}
            yLabel={t('delivery.segments')}
            summary={t('delivery.segmentsSummary')}
            series={[{ key: 'segments', name: t('delivery.segments'), color: CHART.primary, type: 'bar' }]}
          />
        </ChartCard>
        <ChartCard title={t('delivery.deliveredFailed')} subtitle={t('delivery.deliveredSubtitle')} definition={define('deliveryRatePercent')} empty={nothingSent ? emptySent : null}>
          <DayChart
            data={days}
            yLabel={t('chart.messages')}
            summary={t('delivery.deliveredSummary')}
            series={[
              { key: 'delivered', name: t('delivery.delivered'), color: CHART.tertiary, type: 'bar', stack: 'd' },
              { key: 'failed', name: t('delivery.failed'), color: CHART.danger, type: 'bar', stack: 'd' },
            ]}
          />
        </ChartCard>
        <ChartCard title={t('delivery.costByTeam')} definition={define('cost')} empty={report.byTeam.length === 0 ? emptySent : null}>
          <BreakdownTable caption={t('delivery.costByTeam')} nameHeader={t('chart.team')} noneLabel={t('chart.noTeam')} rows={byCost(report.byTeam)} columns={columns} />
        </ChartCard>
        <ChartCard title={t('delivery.costByChannel')} definition={define('cost')} empty={report.byChannel.length === 0 ? emptySent : null}>
          <BreakdownTable caption={t('delivery.costByChannel')} nameHeader={t('chart.channel')} noneLabel={t('chart.noChannel')} rows={byCost(report.byChannel)} columns={columns} />
        </ChartCard>
        <ChartCard title={t('delivery.costByAgent')} subtitle={t('delivery.costByAgentSubtitle')} definition={define('costByAgent')} empty={report.byAgent.length === 0 ? emptySent : null}>
          <BreakdownTable caption={t('delivery.costByAgent')} nameHeader={t('chart.agent')} noneLabel={t('chart.automatic')} rows={byCost(report.byAgent)} columns={columns} />
        </ChartCard>
        <ChartCard title={t('delivery.failures')} subtitle={t('delivery.failuresSubtitle')} definition={define('failures')} empty={report.failures.length === 0 ? { title: t('delivery.noFailures'), body: t('delivery.noFailuresBody'), icon: 'circle-check' } : null}>
          <Table<Failure>
            caption={t('delivery.failuresCaption')}
            rows={[...report.failures].sort((a, b) => b.count - a.count)}
            rowKey={(r) => `${r.errorCode ?? ''}:${r.reason ?? ''}`}
            columns={[
              // The carrier's own words, quoted as data; the console says so when it gave none.
              { id: 'reason', header: t('chart.reason'), cell: (r) => (r.reason ? <span translate="no">{r.reason}</span> : t('delivery.noReason')), grow: true },
              { id: 'code', header: t('delivery.code'), cell: (r) => (r.errorCode ? <span translate="no">{r.errorCode}</span> : '—') },
              { id: 'count', header: t('chart.messages'), cell: (r) => formatCount(r.count), align: 'end' },
            ]}
          />
        </ChartCard>
        <ChartCard wide title={t('delivery.optTitle')} subtitle={t('delivery.optSubtitle')} definition={define('optOuts')} empty={(metrics.optOuts.value ?? 0) + (metrics.optIns.value ?? 0) === 0 ? { title: t('delivery.noOpt'), body: t('delivery.noOptBody') } : null}>
          <DayChart
            data={days}
            yLabel={t('delivery.customers')}
            summary={t('delivery.optSummary')}
            series={[
              { key: 'optOuts', name: t('metrics.optOuts'), color: CHART.danger, type: 'bar' },
              { key: 'optIns', name: t('metrics.optIns'), color: CHART.tertiary, type: 'bar' },
            ]}
          />
        </ChartCard>
      </div>
    </>
  );
}
