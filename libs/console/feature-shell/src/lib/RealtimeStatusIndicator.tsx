import { useTranslation } from '@backtalk/console/i18n';
import { useRealtimeStatus } from '@backtalk/console/data-access';
import { cx } from '@backtalk/console/ui';

/** Whether the inbox is live, always in view in the top bar; the inbox adds a banner while it is not. */
export function RealtimeStatusIndicator() {
  const status = useRealtimeStatus();
  const { t } = useTranslation('shell');
  if (status === 'idle') return null;
  const text = t(`realtime.${status}`);
  const detail = t(`realtime.${status}Detail`);
  return (
    <span className={cx('bt-live', `bt-live--${status}`)} title={detail} data-testid="realtime-status" data-status={status}>
      <span className="bt-live__dot" aria-hidden="true" />
      <span className="bt-live__text">{text}</span>
      <span className="bt-sr-only">{detail}</span>
    </span>
  );
}
