import { dateTimeFormat } from '@backtalk/console/i18n';
import { translateUi as t } from '../i18n';

// Every date here is written in the console's language, not the browser's: a Ukrainian browser showing an English
// console reads "Mar 4", never "4 бер." inside English text.

/** A readable local date and time, or `fallback` when there is no date (e.g. a key never used). */
export function formatDateTime(iso: string | null, fallback = '—'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? fallback : dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Up to two initials for an avatar: "Ada Lovelace" → "AL", "ada@example.com" → "A". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0][0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** "Support, Billing and 2 more": keeps long lists on one line in dense places. */
export function summarizeList(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return t('list.andMore', { list: items.slice(0, max).join(', '), count: items.length - max });
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const time = () => dateTimeFormat({ hour: 'numeric', minute: '2-digit' });
const weekday = () => dateTimeFormat({ weekday: 'short' });
const dayMonth = () => dateTimeFormat({ day: 'numeric', month: 'short' });
const dayMonthYear = () => dateTimeFormat({ day: 'numeric', month: 'short', year: 'numeric' });
const longDay = () => dateTimeFormat({ weekday: 'long', day: 'numeric', month: 'long' });
const longDayYear = () => dateTimeFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

export function isSameDay(a: string, b: string): boolean {
  return startOfDay(new Date(a)) === startOfDay(new Date(b));
}

/** A clock time in the reader's format: "10:42" or "10:42 AM". */
export function formatTime(iso: string): string {
  return time().format(new Date(iso));
}

/**
 * When something happened, as short as an inbox row allows: "now", "4m", "3h" today; the weekday within the past
 * week; the date before that.
 */
export function formatShortAgo(iso: string, now: number): string {
  const date = new Date(iso);
  const elapsed = now - date.getTime();
  if (elapsed < MINUTE) return t('time.now');
  if (elapsed < HOUR) return t('time.minutes', { count: Math.floor(elapsed / MINUTE) });
  if (elapsed < 12 * HOUR || startOfDay(date) === startOfDay(new Date(now))) return t('time.hours', { count: Math.floor(elapsed / HOUR) });
  if (elapsed < 6 * DAY) return weekday().format(date);
  return date.getFullYear() === new Date(now).getFullYear() ? dayMonth().format(date) : dayMonthYear().format(date);
}

/** A span of time for people: "45s", "12m", "2h 5m", "3d 4h". */
export function formatDuration(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return t('time.seconds', { count: Math.floor(span / 1000) });
  if (span < HOUR) return t('time.minutes', { count: Math.floor(span / MINUTE) });
  if (span < DAY) {
    const minutes = Math.floor((span % HOUR) / MINUTE);
    const hours = Math.floor(span / HOUR);
    return minutes ? t('time.hoursMinutes', { hours, minutes }) : t('time.hours', { count: hours });
  }
  const hours = Math.floor((span % DAY) / HOUR);
  const days = Math.floor(span / DAY);
  return hours ? t('time.daysHours', { days, hours }) : t('time.days', { count: days });
}

/** The heading between days in a thread: "Today", "Yesterday", "Monday, 3 March" (with the year if not this one). */
export function formatDayLabel(iso: string, now: number): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(new Date(now)) - startOfDay(date)) / DAY);
  if (days === 0) return t('time.today');
  if (days === 1) return t('time.yesterday');
  return date.getFullYear() === new Date(now).getFullYear() ? longDay().format(date) : longDayYear().format(date);
}

/**
 * When something will happen, as short as a status line allows: "18:00" later today, "tomorrow 9:00", the weekday
 * within the coming week, the date after that. Pairs with a verb: "closes 18:00", "opens Mon 9:00".
 */
export function formatUpcoming(iso: string, now: number): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(date) - startOfDay(new Date(now))) / DAY);
  const clock = time().format(date);
  if (days <= 0) return clock;
  if (days === 1) return t('time.tomorrowAt', { time: clock });
  if (days < 7) return t('time.weekdayAt', { weekday: weekday().format(date), time: clock });
  return t('time.dateAt', { date: dayMonth().format(date), time: clock });
}

/**
 * A calibrated confidence (0–1, or the decimal string an auto-reply's metadata stores) as a whole percentage: "92%".
 * Never rounds up to 100% or down to 0%, since neither is a claim a matcher can make; null for anything unreadable.
 */
export function formatConfidence(value: number | string | null | undefined): string | null {
  const score = typeof value === 'string' ? (value.trim() === '' ? Number.NaN : Number(value)) : (value ?? Number.NaN);
  if (!Number.isFinite(score) || score < 0 || score > 1) return null;
  if (score === 0 || score === 1) return `${score * 100}%`;
  const percent = Math.min(99, Math.max(1, Math.round(score * 100)));
  return `${percent}%`;
}
