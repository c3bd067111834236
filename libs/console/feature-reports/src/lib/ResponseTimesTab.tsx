import type { DurationStats, ResponseTimesReport } from '@backtalk/contracts';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { InfoTip } from './InfoTip';
import { KpiCard } from './KpiCard';
import { formatSeconds, shortDuration } from './report-format';

type Measure = 'firstResponse' | 'nextResponse' | 'resolution';

const DURATION_TICKS_MINUTES = [0, 1, 5, 15, 60, 240, 720, 1440, 4320, 10080];

const MEASURES: ReadonlyArray<{ key: Measure; title: string }> = [
  { key: 'firstResponse', title: 'First response' },
  { key: 'nextResponse', title: 'Next response' },
  { key: 'resolution', title: 'Resolution' },
];

export function ResponseTimesTab({ report, compare }: { report: ResponseTimesReport; compare: boolean }) {
  const showDelta = compare && !!report.previousTotals;
  const clock = report.businessHours ? 'business hours only' : 'calendar time (nights and weekends count)';
  return (
    <>
      <p className="bt-report-note">
        Counted in {clock}
        <InfoTip label={report.businessHours ? 'Business hours' : 'Calendar time'} text={report.definitions[report.businessHours ? 'businessHours' : 'calendarTime']} />. Half of the answers
        came faster than the median, nine in ten faster than the 90th percentile.
      </p>
      <div className="bt-kpis bt-kpis--three">
        {MEASURES.map((m) => (
          <KpiCard
            key={m.key}
            label={`Median ${m.title.toLowerCase()}`}
            metric={{ value: report.totals[m.key].median, previous: report.previousTotals?.[m.key].median }}
            format={formatSeconds}
            kind="seconds"
            better="lower"
            definition={report.definitions[m.key]}
            showDelta={showDelta}
          />
        ))}
      </div>
      {MEASURES.map((m) => (
        <MeasureChart key={m.key} report={report} measure={m.key} title={m.title} clock={clock} />
      ))}
    </>
  );
}

function MeasureChart({ report, measure, title, clock }: { report: ResponseTimesReport; measure: Measure; title: string; clock: string }) {
  const stats = (d: { [K in Measure]: DurationStats }) => d[measure];
  const toMinutes = (seconds: number | null) => (seconds === null ? null : seconds / 60);
  const data = report.byDay.map((d) => ({ day: d.day, median: toMinutes(stats(d).median), p90: toMinutes(stats(d).p90) }));
  const maxMinutes = Math.max(1, ...data.map((d) => d.p90 ?? 0));
  // Ticks at the waits people talk about; the axis is logarithmic, so minutes and hours both read.
  const ticks = DURATION_TICKS_MINUTES.filter((t, i) => i === 0 || DURATION_TICKS_MINUTES[i - 1] < maxMinutes);
  const total = report.totals[measure];
  return (
    <ChartCard
      wide
      title={`${title} time`}
      subtitle={`Median and 90th percentile per day, ${clock} · ${total.count} ${total.count === 1 ? 'answer' : 'answers'} · logarithmic scale`}
      definition={report.definitions[measure]}
      empty={total.count === 0 ? { title: `No ${title.toLowerCase()}s in this period`, body: 'Times appear once agents or automation answer customers. Try a longer range.', icon: 'timer' } : null}
    >
      <DayChart
        data={data}
        yLabel="Time"
        allowDecimals
        yScale="symlog"
        yWidth={76}
        yTicks={ticks}
        yTick={(minutes) => shortDuration(minutes * 60)}
        tooltipValue={(minutes) => formatSeconds(minutes * 60)}
        summary={`${title} time per day: median ${formatSeconds(total.median)}, 90th percentile ${formatSeconds(total.p90)} over the range.`}
        series={[
          { key: 'median', name: 'Median', color: CHART.primary, type: 'line' },
          { key: 'p90', name: '90th percentile', color: CHART.secondary, type: 'line', dashed: true },
        ]}
      />
    </ChartCard>
  );
}
