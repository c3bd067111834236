import { WEEKDAYS, type OpeningInterval, type Weekday, type WeeklySchedule } from '@backtalk/contracts';
import { translateAdmin as t } from '../../../i18n';

// The weekly opening hours as the editor holds them, and back to what the API stores.

export interface DayHours {
  open: boolean;
  /** As the time inputs show them: a closing time of midnight reads "00:00". */
  intervals: OpeningInterval[];
}

export type WeekHours = Record<Weekday, DayHours>;

/** Read in the console's language when looked up. */
export const WEEKDAY_LABELS = {} as Readonly<Record<Weekday, string>>;
for (const day of WEEKDAYS) Object.defineProperty(WEEKDAY_LABELS, day, { enumerable: true, get: () => t(`routing.weekdays.${day}`) });

const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
export const DEFAULT_INTERVAL: OpeningInterval = { start: '09:00', end: '18:00' };
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Monday to Friday, nine to six: where most teams start. */
export function defaultWeek(): WeekHours {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, { open: WORKDAYS.includes(day), intervals: [{ ...DEFAULT_INTERVAL }] }])) as WeekHours;
}

/** A time input cannot show 24:00; midnight as a closing time is 00:00 there. */
export function weekFromSchedule(weekly: WeeklySchedule): WeekHours {
  return Object.fromEntries(
    WEEKDAYS.map((day) => {
      const intervals = (weekly[day] ?? []).map((interval) => ({ start: interval.start, end: interval.end === '24:00' ? '00:00' : interval.end }));
      return [day, intervals.length > 0 ? { open: true, intervals } : { open: false, intervals: [{ ...DEFAULT_INTERVAL }] }];
    }),
  ) as WeekHours;
}

/** Closed days are left out; a closing time of 00:00 means the end of the day. Intervals go out in time order. */
export function scheduleFromWeek(week: WeekHours): WeeklySchedule {
  const weekly: WeeklySchedule = {};
  for (const day of WEEKDAYS) {
    const { open, intervals } = week[day];
    if (!open || intervals.length === 0) continue;
    weekly[day] = intervals
      .map((interval) => ({ start: interval.start, end: interval.end === '00:00' ? '24:00' : interval.end }))
      .sort((a, b) => a.start.localeCompare(b.start));
  }
  return weekly;
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const endMinutes = (time: string) => (time === '00:00' ? 24 * 60 : minutes(time));

/** What is wrong with a day's hours, in words for the person fixing them; null when nothing. */
export function validateDay(day: DayHours): string | null {
  if (!day.open) return null;
  if (day.intervals.length === 0) return t('routing.problems.noHours');
  for (const interval of day.intervals) {
    if (!TIME.test(interval.start) || !TIME.test(interval.end)) return t('routing.problems.timeFormat');
    if (minutes(interval.start) >= endMinutes(interval.end)) return t('routing.problems.endsBeforeStart', { hours: `${interval.start}–${interval.end}` });
  }
  const sorted = [...day.intervals].sort((a, b) => minutes(a.start) - minutes(b.start));
  for (let i = 1; i < sorted.length; i++) {
    // Touching intervals (9–12, 12–17) are fine, as the API sees them.
    if (minutes(sorted[i].start) < endMinutes(sorted[i - 1].end)) return t('routing.problems.overlap', { first: `${sorted[i - 1].start}–${sorted[i - 1].end}`, second: `${sorted[i].start}–${sorted[i].end}` });
  }
  return null;
}

/** The same hours on every working day as on `from`; the weekend stays as it is. */
export function copyToWorkdays(week: WeekHours, from: Weekday): WeekHours {
  const source = week[from];
  const copy = { ...week };
  for (const day of WORKDAYS) copy[day] = { open: source.open, intervals: source.intervals.map((interval) => ({ ...interval })) };
  return copy;
}

/** Where most Backtalk teams work, and the zones a person would look for first. */
const COMMON_ZONES = [
  'Europe/Kyiv',
  'Europe/Warsaw',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Asia/Dubai',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'UTC',
];

/** Names browsers still list for zones that were renamed; the new name is in the common list. */
const RENAMED = new Set(['Europe/Kiev']);

export interface TimeZoneOptions {
  common: string[];
  others: string[];
}

/**
 * The common zones first (with the browser's own and the current one added), then every other zone the browser knows,
 * alphabetically; nothing twice.
 */
export function timeZoneOptions(current: string, browserZone: string, supported: readonly string[]): TimeZoneOptions {
  const common = [...COMMON_ZONES];
  for (const zone of [browserZone, current]) if (zone && !common.includes(zone) && !RENAMED.has(zone)) common.unshift(zone);
  const others = [...new Set(supported)].filter((zone) => !common.includes(zone) && !RENAMED.has(zone) && zone !== current).sort();
  if (RENAMED.has(current)) common.unshift(current);
  return { common, others };
}

/** "Europe/Kyiv (GMT+2)": the offset now, so "which one is ours" is easy to answer. */
export function zoneLabel(zone: string, at: Date): string {
  try {
    const offset = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    return offset ? `${zone.replace(/_/g, ' ')} (${offset})` : zone;
  } catch {
    return zone;
  }
}
