import type { OverviewReport } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { CostKpiCard } from './CostKpiCard';
import { KpiCard } from './KpiCard';
import { formatCount, formatPercent, formatSeconds } from './report-format';
import { useDefinitions } from './use-definitions';

/** The numbers a lead checks every morning, each with its change on the previous period. */
export function OverviewTab({ report, compare }: { report: OverviewReport; compare: boolean }) {
  const { t } = useTranslation('reports');
  const { metrics, series } = report;
  const define = useDefinitions();
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
        <KpiCard label={t('metrics.conversations')} metric={metrics.conversationsCreated} format={count} kind="count" better="neither" definition={define('conversationsCreated')} series={series.conversationsCreated} showDelta={showDelta} />
        <KpiCard label={t('metrics.medianFirstResponse')} metric={metrics.medianFirstResponse} format={formatSeconds} kind="seconds" better="lower" definition={define('medianFirstResponse')} showDelta={showDelta} />
        <KpiCard label={t('metrics.resolved')} metric={metrics.resolutions} format={count} kind="count" better="higher" definition={define('resolutions')} series={series.resolutions} showDelta={showDelta} />
        <KpiCard label={t('metrics.slaMet')} metric={metrics.slaMetPercent} format={formatPercent} kind="percent" better="higher" definition={define('slaMetPercent')} showDelta={showDelta} />
        <KpiCard label={t('metrics.csat')} metric={metrics.csatPercent} format={formatPercent} kind="percent" better="higher" definition={define('csatPercent')} showDelta={showDelta} />
        <KpiCard label={t('metrics.inboundMessages')} metric={metrics.inboundMessages} format={count} kind="count" better="neither" definition={define('inboundMessages')} series={series.inboundMessages} showDelta={showDelta} />
        <KpiCard label={t('metrics.outboundMessages')} metric={metrics.outboundMessages} format={count} kind="count" better="neither" definition={define('outboundMessages')} series={series.outboundMessages} showDelta={showDelta} />
        <KpiCard label={t('metrics.answeredAutomatically')} metric={metrics.autoAnsweredPercent} format={formatPercent} kind="percent" better="higher" definition={define('autoAnsweredPercent')} showDelta={showDelta} />
        <KpiCard label={t('metrics.segmentsSent')} metric={metrics.outboundSegments} format={count} kind="count" better="neither" definition={define('outboundSegments')} showDelta={showDelta} />
        <CostKpiCard label={t('metrics.smsCost')} metric={metrics.cost} currency={report.currency} definition={define('cost')} showDelta={showDelta} />
      </div>
      <ChartCard
        wide
        title={t('overview.volumeTitle')}
        subtitle={t('chart.countPerDay', { zone: report.range.timeZone })}
        definition={define('conversationsCreated')}
        empty={quiet ? { title: t('chart.noConversations'), body: t('overview.quietBody') } : null}
      >
        <DayChart
          data={volume}
          yLabel={t('chart.count')}
          summary={t('overview.summary')}
          series={[
            { key: 'inboundMessages', name: t('metrics.inboundMessages'), color: CHART.primarySoft, type: 'bar' },
            { key: 'outboundMessages', name: t('metrics.outboundMessages'), color: CHART.secondary, type: 'bar' },
            { key: 'conversationsCreated', name: t('metrics.conversationsStarted'), color: CHART.primary, type: 'line' },
            { key: 'resolutions', name: t('metrics.resolved'), color: CHART.tertiary, type: 'line', dashed: true },
          ]}
        />
      </ChartCard>
    </>
  );
}
