import type { MetricValue } from '@backtalk/contracts';
import { useLiveReport, useRealtimeStatus, type ReportFilters, type RealtimeStatus } from '@backtalk/console/data-access';
import { cx } from '@backtalk/console/ui';
import { useMemo } from 'react';
import { daysToInstants, presetDays } from './date-range';
import { InfoTip } from './InfoTip';
import { formatCount, formatSeconds } from './report-format';
import type { ReportView } from './report-params';

const STATUS_TEXT: Record<RealtimeStatus, string> = {
  idle: 'Not live',
  connecting: 'Connecting…',
  catching_up: 'Catching up…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/**
 * Today's numbers, in the viewer's time zone and with the page's filters, kept current over the realtime channel
 * while the page is open; whatever range the rest of the page shows.
 */
export function TodayStrip({ view }: { view: ReportView }) {
  const today = presetDays('today', new Date(), view.timeZone).firstDay;
  const query = useMemo<ReportFilters | null>(() => {
    const instants = daysToInstants({ firstDay: today, lastDay: today }, view.timeZone);
    if (!instants) return null;
    return { ...instants, timeZone: view.timeZone, compare: false, teamId: view.teamId || undefined, channelId: view.channelId || undefined, agentId: view.agentId || undefined };
  }, [today, view.timeZone, view.teamId, view.channelId, view.agentId]);
  const report = useLiveReport('overview', query);
  const status = useRealtimeStatus();
  const metrics = report.data?.metrics;
  const definitions = report.data?.definitions ?? {};
  const updatedAt = report.dataUpdatedAt ? new Date(report.dataUpdatedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : null;
  const number = (label: string, key: keyof NonNullable<typeof metrics>, format: (v: number | null) => string) => (
    <div className="bt-today__item" data-metric={key}>
      <dt className="bt-today__label">
        {label}
        <InfoTip label={label} text={definitions[key]} />
      </dt>
      <dd className="bt-today__value">{metrics ? format((metrics[key] as MetricValue).value) : '…'}</dd>
    </div>
  );
  return (
    <section className="bt-today" aria-label="Today so far" aria-busy={report.isFetching || undefined}>
      <header className="bt-today__header">
        <h2 className="bt-today__title">Today so far</h2>
        <span className={cx('bt-today__live', `bt-today__live--${status}`)} data-testid="today-live" data-status={status}>
          <span className="bt-today__dot" aria-hidden="true" />
          {STATUS_TEXT[status]}
        </span>
        <span className="bt-today__updated" aria-live="polite">
          {report.error && !report.data ? 'Could not load today’s numbers; trying again with the next change.' : updatedAt ? `Updated ${updatedAt}` : 'Loading…'}
        </span>
      </header>
      <dl className="bt-today__numbers">
        {number('Conversations started', 'conversationsCreated', formatCount)}
        {number('Messages in', 'inboundMessages', formatCount)}
        {number('Messages out', 'outboundMessages', formatCount)}
        {number('Resolved', 'resolutions', formatCount)}
        {number('Median first response', 'medianFirstResponse', formatSeconds)}
      </dl>
    </section>
  );
}
