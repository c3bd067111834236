import type { CostMetric } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { cx } from '@backtalk/console/ui';
import { InfoTip } from './InfoTip';
import { KpiCard } from './KpiCard';
import { computeDelta, formatMoney } from './report-format';

export interface CostKpiCardProps {
  label: string;
  metric: CostMetric;
  /** The report's one currency; null when nothing was sent or when several are in it. */
  currency: string | null;
  definition?: string;
  showDelta: boolean;
}

/**
 * The cost headline: one amount with its change when everything was priced in one currency; otherwise each currency's
 * amount on its own line with its own change, since amounts in different currencies are never added up.
 */
export function CostKpiCard({ label, metric, currency, definition, showDelta }: CostKpiCardProps) {
  const { t } = useTranslation('reports');
  if (metric.value !== null) {
    return <KpiCard label={label} metric={metric} format={(v) => formatMoney(v, currency)} kind="money" better="neither" definition={definition} showDelta={showDelta} />;
  }
  return (
    <section className="bt-kpi" aria-label={label}>
      <h3 className="bt-kpi__label">
        {label}
        <InfoTip label={label} text={definition} />
      </h3>
      <ul className="bt-kpi__amounts">
        {Object.entries(metric.byCurrency).map(([code, amount]) => {
          const delta = computeDelta(amount.value, amount.previous, 'money', 'neither');
          return (
            <li key={code} className="bt-kpi__amount">
              <span className="bt-kpi__amount-value">{formatMoney(amount.value, code)}</span>
              {showDelta ? (
                <span className={cx('bt-kpi__delta', `bt-kpi__delta--${delta.tone}`)} title={delta.description ?? undefined}>
                  {delta.text ?? ''}
                  <span className="bt-kpi__delta-context"> {t('kpi.vs', { value: formatMoney(amount.previous ?? null, code) })}</span>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p className="bt-kpi__delta-context bt-kpi__note">{t('kpi.mixedCurrencies')}</p>
    </section>
  );
}
