import type { DurationStats, ResponseTimesReport } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { ChartCard } from './ChartCard';
import { CHART } from './chart-theme';
import { DayChart } from './DayChart';
import { InfoTip } from './InfoTip';
import { KpiCard } from './KpiCard';
import { formatSeconds, shortDuration } from './report-format';
import { useDefinitions } from './use-definitions';

type Measure = 'firstResponse' | 'nextResponse' | 'resolution';

const DURATION_TICKS_MINUTES = [0, 1, 5, 15, 60, 240, 720, 1440, 4320, 10080];

const MEASURES: readonly Measure[] = ['firstResponse', 'nextResponse', 'resolution'];

export function ResponseTimesTab({ report, compare }: { report: ResponseTimesReport; compare: boolean }) {
  const { t } = useTranslation('reports');
  const define = useDefinitions();
  const showDelta = compare && !!report.previousTotals;
  const clock = report.businessHours ? t('responseTimes.clockBusiness') : t('responseTimes.clockCalendar');
  return (
    <>
      <p className="bt-report-note">
        {t('responseTimes.countedIn', { clock })}
        <InfoTip
          label={report.businessHours ? t('responseTimes.businessHours') : t('responseTimes.calendarTime')}
          text={define(report.businessHours ? 'businessHours' : 'calendarTime')}
        />
        {t('responseTimes.noteRest')}
      </p>
      <div className="bt-kpis bt-kpis--three">
        {MEASURES.map((measure) => (
          <KpiCard
            key={measure}
            label={t('responseTimes.median', { measure })}
            metric={{ value: report.totals[measure].median, previous: report.previousTotals?.[measure].median }}
            format={formatSeconds}
            kind="seconds"
            better="lower"
            definition={define(measure)}
            showDelta={showDelta}
          />
        ))}
      </div>
      {MEASURES.map((measure) => (
        <MeasureChart key={measure} report={report} measure={measure} clock={clock} />
      ))}
    </>
  );
}

function MeasureChart({ report, measure, clock }: { report: ResponseTimesReport; measure: Measure; clock: string }) {
  const { t } = useTranslation('reports');
  const define = useDefinitions();
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
      title={t('responseTimes.chartTitle', { measure })}
      subtitle={t('responseTimes.subtitle', { clock, count: total.count })}
      definition={define(measure)}
      empty={total.count === 0 ? { title: t('responseTimes.emptyTitle', { measure }), body: t('responseTimes.emptyBody'), icon: 'timer' } : null}
    >
      <DayChart
        data={data}
        yLabel={t('responseTimes.axis')}
        allowDecimals
        yScale="symlog"
        yWidth={76}
        yTicks={ticks}
        yTick={(minutes) => shortDuration(minutes * 60)}
        tooltipValue={(minutes) => formatSeconds(minutes * 60)}
        summary={t('responseTimes.summary', { measure, median: formatSeconds(total.median), p90: formatSeconds(total.p90) })}
        series={[
          { key: 'median', name: t('responseTimes.seriesMedian'), color: CHART.primary, type: 'line' },
          { key: 'p90', name: t('responseTimes.seriesP90'), color: CHART.secondary, type: 'line', dashed: true },
        ]}
      />
    </ChartCard>
  );
}
