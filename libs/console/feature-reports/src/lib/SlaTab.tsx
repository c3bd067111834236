import type { SlaBreakdownRow, SlaReport } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { BreakdownTable, type BreakdownColumn } from './BreakdownTable';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { KpiCard } from './KpiCard';
import { formatCount, formatPercent } from './report-format';
import { useDefinitions } from './use-definitions';

const breachColumns = (header: string): BreakdownColumn<SlaBreakdownRow>[] => [{ id: 'breaches', header, value: (r) => r.breaches, format: (v) => formatCount(v), bar: true }];
const byBreaches = (rows: SlaBreakdownRow[]) => [...rows].sort((a, b) => b.breaches - a.breaches);

export function SlaTab({ report, compare }: { report: SlaReport; compare: boolean }) {
  const { t } = useTranslation('reports');
  const { metrics } = report;
  const define = useDefinitions();
  const columns = breachColumns(t('metrics.breaches'));
  const showDelta = compare && !!report.previousRange;
  const noBreaches = (metrics.breaches.value ?? 0) === 0;
  const none = { title: t('sla.noBreaches'), body: t('sla.noBreachesBody'), icon: 'circle-check' as const };
  return (
    <>
      <div className="bt-kpis bt-kpis--three">
        <KpiCard label={t('metrics.firstResponseWithinSla')} metric={metrics.firstResponseMetPercent} format={formatPercent} kind="percent" better="higher" definition={define('firstResponseMetPercent')} showDelta={showDelta} />
        <KpiCard label={t('metrics.nextResponseWithinSla')} metric={metrics.nextResponseMetPercent} format={formatPercent} kind="percent" better="higher" definition={define('nextResponseMetPercent')} showDelta={showDelta} />
        <KpiCard label={t('metrics.breaches')} metric={metrics.breaches} format={(v) => formatCount(v)} kind="count" better="lower" definition={define('breaches')} showDelta={showDelta} />
      </div>
      <ChartCard wide title={t('sla.breachesByDay')} subtitle={t('sla.breachesSubtitle', { zone: report.range.timeZone })} definition={define('breaches')} empty={noBreaches ? none : null}>
        <DayChart
          data={report.breachesByDay}
          yLabel={t('metrics.breaches')}
          summary={t('sla.summary')}
          series={[
            { key: 'firstResponse', name: t('sla.firstResponse'), color: CHART.danger, type: 'bar', stack: 'b' },
            { key: 'nextResponse', name: t('sla.nextResponse'), color: CHART.secondary, type: 'bar', stack: 'b' },
          ]}
        />
      </ChartCard>
      <div className="bt-report-grid">
        <ChartCard title={t('sla.breachesByTeam')} definition={define('breaches')} empty={report.byTeam.length === 0 || noBreaches ? none : null}>
          <BreakdownTable caption={t('sla.slaBreachesByTeam')} nameHeader={t('chart.team')} noneLabel={t('chart.noTeam')} rows={byBreaches(report.byTeam)} columns={columns} />
        </ChartCard>
        <ChartCard title={t('sla.breachesByAgent')} definition={define('breachesByAgent')} empty={report.byAgent.length === 0 || noBreaches ? none : null}>
          <BreakdownTable caption={t('sla.slaBreachesByAgent')} nameHeader={t('chart.agent')} noneLabel={t('chart.unassigned')} rows={byBreaches(report.byAgent)} columns={columns} />
        </ChartCard>
      </div>
    </>
  );
}
