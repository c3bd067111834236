import type { HeatmapCell } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { weekdayLabel } from './report-format';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];
const LEVELS = 5;

/**
 * Inbound messages by weekday and hour, as a table whose cells are shaded by volume: the shape tells a lead when to
 * staff, and the table reads cell by cell with a screen reader.
 */
export function Heatmap({ cells }: { cells: readonly HeatmapCell[] }) {
  const { t } = useTranslation('reports');
  const counts = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.inboundMessages]));
  const max = Math.max(0, ...cells.map((c) => c.inboundMessages));
  const level = (count: number) => (count === 0 || max === 0 ? 0 : Math.max(1, Math.ceil((count / max) * (LEVELS - 1))));
  return (
    <div className="bt-heatmap" tabIndex={0} role="region" aria-label={t('conversations.heatmapSubtitle')}>
      <table className="bt-heatmap__table">
        <caption className="bt-sr-only">{t('conversations.heatmapSubtitle')}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="bt-sr-only">{t('heatmap.weekday')}</span>
            </th>
            {HOURS.map((hour) => (
              <th key={hour} scope="col" className="bt-heatmap__hour">
                {hour % 3 === 0 ? hour.toString().padStart(2, '0') : <span className="bt-sr-only">{hour}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((weekday) => (
            <tr key={weekday}>
              <th scope="row" className="bt-heatmap__day">
                {weekdayLabel(weekday)}
              </th>
              {HOURS.map((hour) => {
                const count = counts.get(`${weekday}:${hour}`) ?? 0;
                return (
                  <td key={hour} className={`bt-heatmap__cell bt-heatmap__cell--${level(count)}`} title={t('heatmap.cell', { weekday: weekdayLabel(weekday), hour: String(hour), count })}>
                    <span className="bt-sr-only">{count}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="bt-heatmap__legend" aria-hidden="true">
        {t('heatmap.fewer')}
        {Array.from({ length: LEVELS }, (_, i) => (
          <span key={i} className={`bt-heatmap__cell bt-heatmap__swatch bt-heatmap__cell--${i}`} />
        ))}
        {t('heatmap.more')}
      </p>
    </div>
  );
}
