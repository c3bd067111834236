import type { MetricValue } from '@backtalk/contracts';
import { useLiveReport, useRealtimeStatus, type ReportFilters, type RealtimeStatus } from '@backtalk/console/data-access';
import { dateTimeFormat, useTranslation } from '@backtalk/console/i18n';
import { cx } from '@backtalk/console/ui';
import { useMemo } from 'react';
import { useDefinitions } from './use-definitions';
import { daysToInstants, presetDays } from './date-range';
import { InfoTip } from './InfoTip';
import { formatCount, formatSeconds } from './report-format';
import type { ReportView } from './report-params';

const statusKey = (status: RealtimeStatus) => `today.status.${status}`;

/**
 * Today's numbers, in the viewer's time zone and with the page's filters, kept current over the realtime channel
 * while the page is open; whatever range the rest of the page shows.
 */
export function TodayStrip({ view }: { view: ReportView }) {
  const { t } = useTranslation('reports');
  const today = presetDays('today', new Date(), view.timeZone).firstDay;
  const query = useMemo<ReportFilters | null>(() => {
    const instants = daysToInstants({ firstDay: today, lastDay: today }, view.timeZone);
    if (!instants) return null;
    return { ...instants, timeZone: view.timeZone, compare: false, teamId: view.teamId || undefined, channelId: view.channelId || undefined, agentId: view.agentId || undefined };
  }, [today, view.timeZone, view.teamId, view.channelId, view.agentId]);
  const report = useLiveReport('overview', query);
  const status = useRealtimeStatus();
  const metrics = report.data?.metrics;
  const define = useDefinitions();
  const updatedAt = report.dataUpdatedAt ? dateTimeFormat({ hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(report.dataUpdatedAt) : null;
  const number = (label: string, key: keyof NonNullable<typeof metrics>, format: (v: number | null) => string) => (
    <div className="bt-today__item" data-metric={key}>
      <dt className="bt-today__label">
        {label}
        <InfoTip label={label} text={define(key)} />
      </dt>
      <dd className="bt-today__value">{metrics ? format((metrics[key] as MetricValue).value) : '…'}</dd>
    </div>
  );
  return (
    <section className="bt-today" aria-label={t('today.title')} aria-busy={report.isFetching || undefined}>
      <header className="bt-today__header">
        <h2 className="bt-today__title">{t('today.title')}</h2>
        <span className={cx('bt-today__live', `bt-today__live--${status}`)} data-testid="today-live" data-status={status}>
          <span className="bt-today__dot" aria-hidden="true" />
          {t(statusKey(status))}
        </span>
        <span className="bt-today__updated" aria-live="polite">
          {report.error && !report.data ? t('today.loadFailed') : updatedAt ? t('today.updated', { time: updatedAt }) : t('today.loading')}
        </span>
      </header>
      <dl className="bt-today__numbers">
        {number(t('metrics.conversationsStarted'), 'conversationsCreated', formatCount)}
        {number(t('metrics.messagesIn'), 'inboundMessages', formatCount)}
        {number(t('metrics.messagesOut'), 'outboundMessages', formatCount)}
        {number(t('metrics.resolved'), 'resolutions', formatCount)}
        {number(t('metrics.medianFirstResponse'), 'medianFirstResponse', formatSeconds)}
      </dl>
    </section>
  );
}
