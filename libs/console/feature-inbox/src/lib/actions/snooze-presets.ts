import { translatorFor } from '@backtalk/console/i18n';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);

export interface SnoozePreset {
  id: string;
  label: string;
  /** ISO time the conversation wakes up. */
  until: string;
}

const at = (base: Date, days: number, hour: number) => new Date(base.getFullYear(), base.getMonth(), base.getDate() + days, hour, 0, 0, 0);

/**
 * The usual "until" choices, in local time: in an hour, in three, tomorrow at 9, next Monday at 9. "This evening"
 * only while it is still early enough for it to mean something.
 */
export function snoozePresets(now: Date): SnoozePreset[] {
  const presets: SnoozePreset[] = [
    { id: '1h', label: t('thread.snoozePresets.oneHour'), until: new Date(now.getTime() + 3_600_000).toISOString() },
    { id: '3h', label: t('thread.snoozePresets.threeHours'), until: new Date(now.getTime() + 3 * 3_600_000).toISOString() },
  ];
  if (now.getHours() < 15) presets.push({ id: 'evening', label: t('thread.snoozePresets.evening'), until: at(now, 0, 18).toISOString() });
  presets.push({ id: 'tomorrow', label: t('thread.snoozePresets.tomorrow'), until: at(now, 1, 9).toISOString() });
  // Monday of next week; on a Sunday that is tomorrow.
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  presets.push({ id: 'next-week', label: t('thread.snoozePresets.nextWeek'), until: at(now, daysToMonday, 9).toISOString() });
  return presets;
}

/** The value of a `datetime-local` input, in local time, a given number of hours from now. */
export function toDateTimeLocal(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Reads a `datetime-local` value back; null when empty, unreadable or not in the future. */
export function parseFutureDateTime(value: string, now: Date): Date | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getTime() <= now.getTime()) return null;
  return date;
}
