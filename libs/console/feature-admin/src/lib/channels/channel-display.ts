const HOUR = 60;
const DAY = 24 * HOUR;

/** A reopen window as people say it: "90 minutes", "24 hours", "7 days", "Off". */
export function formatMinutes(minutes: number): string {
  if (minutes <= 0) return 'Off';
  if (minutes % HOUR !== 0) return plural(minutes, 'minute');
  // A day reads better as 24 hours; whole days beyond that read better as days.
  if (minutes <= DAY || minutes % DAY !== 0) return plural(minutes / HOUR, 'hour');
  return plural(minutes / DAY, 'day');
}

function plural(count: number, unit: string): string {
  return `${count.toLocaleString('en-US')} ${unit}${count === 1 ? '' : 's'}`;
}
