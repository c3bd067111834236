import type { SlaBreakdownRow, SlaReport } from '@backtalk/contracts';
import { BreakdownTable, type BreakdownColumn } from './BreakdownTable';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { KpiCard } from './KpiCard';
import { formatCount, formatPercent } from './report-format';

const BREACH_COLUMNS: BreakdownColumn<SlaBreakdownRow>[] = [{ id: 'breaches', header: 'Breaches', value: (r) => r.breaches, format: (v) => formatCount(v), bar: true }];
const byBreaches = (rows: SlaBreakdownRow[]) => [...rows].sort((a, b) => b.breaches - a.breaches);

export function SlaTab({ report, compare }: { report: SlaReport; compare: boolean }) {
  const { metrics, definitions } = report;
  const showDelta = compare && !!report.previousRange;
  const noBreaches = (metrics.breaches.value ?? 0) === 0;
  const none = { title: 'No SLA breaches in this period', body: 'Every response came within the team’s targets, or no team has targets set (Settings → Teams → Routing).', icon: 'circle-check' as const };
  return (
    <>
      <div className="bt-kpis bt-kpis--three">
        <KpiCard label="First response within SLA" metric={metrics.firstResponseMetPercent} format={formatPercent} kind="percent" better="higher" definition={definitions['firstResponseMetPercent']} showDelta={showDelta} />
        <KpiCard label="Next response within SLA" metric={metrics.nextResponseMetPercent} format={formatPercent} kind="percent" better="higher" definition={definitions['nextResponseMetPercent']} showDelta={showDelta} />
        <KpiCard label="Breaches" metric={metrics.breaches} format={(v) => formatCount(v)} kind="count" better="lower" definition={definitions['breaches']} showDelta={showDelta} />
      </div>
      <ChartCard wide title="Breaches by day" subtitle={`Breaches per day in ${report.range.timeZone}`} definition={definitions['breaches']} empty={noBreaches ? none : null}>
        <DayChart
          data={report.breachesByDay}
          yLabel="Breaches"
          summary="SLA breaches of first and next response targets per day."
          series={[
            { key: 'firstResponse', name: 'First response', color: CHART.danger, type: 'bar', stack: 'b' },
            { key: 'nextResponse', name: 'Next response', color: CHART.secondary, type: 'bar', stack: 'b' },
          ]}
        />
      </ChartCard>
      <div className="bt-report-grid">
        <ChartCard title="Breaches by team" definition={definitions['breaches']} empty={report.byTeam.length === 0 || noBreaches ? none : null}>
          <BreakdownTable caption="SLA breaches by team" nameHeader="Team" rows={byBreaches(report.byTeam)} columns={BREACH_COLUMNS} />
        </ChartCard>
        <ChartCard title="Breaches by agent" definition={definitions['breachesByAgent']} empty={report.byAgent.length === 0 || noBreaches ? none : null}>
          <BreakdownTable caption="SLA breaches by agent" nameHeader="Agent" rows={byBreaches(report.byAgent)} columns={BREACH_COLUMNS} />
        </ChartCard>
      </div>
    </>
  );
}
