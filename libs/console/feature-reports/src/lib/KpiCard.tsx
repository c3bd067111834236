import type { DayPoint, MetricValue } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { cx } from '@backtalk/console/ui';
import { Area, AreaChart, ResponsiveContainer } from 'recharts';
import { CHART } from './chart-theme';
import { InfoTip } from './InfoTip';
import { computeDelta, type Better, type MetricKind } from './report-format';

export interface KpiCardProps {
  label: string;
  metric: MetricValue | undefined;
  format: (value: number | null) => string;
  kind: MetricKind;
  better: Better;
  definition?: string;
  /** Per day, drawn small under the number; the number itself is the accessible content. */
  series?: DayPoint[];
  showDelta: boolean;
}

/** A headline number with its change on the previous period and, where there is one, its trend. */
export function KpiCard({ label, metric, format, kind, better, definition, series, showDelta }: KpiCardProps) {
  const { t } = useTranslation('reports');
  const delta = computeDelta(metric?.value, metric?.previous, kind, better);
  return (
    <section className="bt-kpi" aria-label={label}>
      <h3 className="bt-kpi__label">
        {label}
        <InfoTip label={label} text={definition} />
      </h3>
      <p className="bt-kpi__value">{format(metric?.value ?? null)}</p>
      {showDelta ? (
        <p className={cx('bt-kpi__delta', `bt-kpi__delta--${delta.tone}`)} title={delta.description ?? undefined}>
          {delta.text ? (
            <>
              <span aria-hidden="true">{delta.direction === 'up' ? '▲ ' : delta.direction === 'down' ? '▼ ' : ''}</span>
              {delta.text}
              <span className="bt-kpi__delta-context bt-kpi__delta-previous"> {t('kpi.vsPrevious', { value: format(metric?.previous ?? null) })}</span>
            </>
          ) : (
            <span className="bt-kpi__delta-context">{t('kpi.noPrevious')}</span>
          )}
        </p>
      ) : null}
      {series && series.length > 1 ? (
        <div className="bt-kpi__spark" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart accessibilityLayer={false} data={series} margin={{ top: 2, right: 0, bottom: 0, left: 0 }}>
              <Area type="monotone" dataKey="value" stroke={CHART.primary} strokeWidth={1.5} fill={CHART.primarySoft} fillOpacity={0.35} isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      ) : null}
    </section>
  );
}
