import { useRealtimeStatus, type RealtimeStatus } from '@backtalk/console/data-access';
import { cx } from '@backtalk/console/ui';

const LABELS: Record<Exclude<RealtimeStatus, 'idle'>, { text: string; detail: string }> = {
  connecting: { text: 'Connecting…', detail: 'Opening the live connection to the server.' },
  catching_up: { text: 'Catching up…', detail: 'Applying the changes made while you were away.' },
  live: { text: 'Live', detail: 'Changes appear as they happen.' },
  reconnecting: { text: 'Reconnecting…', detail: 'The live connection dropped. Nothing is lost: changes made meanwhile appear once it is back.' },
  offline: { text: 'Offline', detail: 'No connection to the server. Still trying; changes made meanwhile appear once it is back.' },
};

/** Whether the inbox is live, always in view in the top bar; the inbox adds a banner while it is not. */
export function RealtimeStatusIndicator() {
  const status = useRealtimeStatus();
  if (status === 'idle') return null;
  const { text, detail } = LABELS[status];
  return (
    <span className={cx('bt-live', `bt-live--${status}`)} title={detail} data-testid="realtime-status" data-status={status}>
      <span className="bt-live__dot" aria-hidden="true" />
      <span className="bt-live__text">{text}</span>
      <span className="bt-sr-only">{detail}</span>
    </span>
  );
}
