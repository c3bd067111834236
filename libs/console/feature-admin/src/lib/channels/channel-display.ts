import { translateAdmin as t } from '../../i18n';

const HOUR = 60;
const DAY = 24 * HOUR;

/** A reopen window as people say it: "90 minutes", "24 hours", "7 days", "Off". */
export function formatMinutes(minutes: number): string {
  if (minutes <= 0) return t('channels.window.off');
  if (minutes % HOUR !== 0) return t('channels.window.minutes', { count: minutes });
  // A day reads better as 24 hours; whole days beyond that read better as days.
  if (minutes <= DAY || minutes % DAY !== 0) return t('channels.window.hours', { count: minutes / HOUR });
  return t('channels.window.days', { count: minutes / DAY });
}
