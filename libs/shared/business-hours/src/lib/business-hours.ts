import { DateTime, IANAZone } from 'luxon';
import { type BusinessHours, type SlaKind, type SlaTargets, type Weekday, WEEKDAYS } from '@backtalk/contracts';

// Every question here is answered by walking local calendar days and turning each day's wall-clock intervals into
// absolute instants. Doing the conversion per day (rather than adding hours to an instant) is what makes DST days
// come out right: a 00:00–24:00 day lasts 23 or 25 real hours, and a 09:00–17:00 day still lasts 8.

/** A year plus slack, so a yearly holiday and a full weekly cycle are always inside the scan. */
const SCAN_DAYS = 400;

/**
 * What `closedPeriodStart` returns when nothing opened within the look-back window. It must not depend on `at`
 * (the caller keys the out-of-office reply on it), so it is a fixed instant rather than "366 days before `at`".
 */
export const NEVER_OPENED = new Date(0);
const CLOSED_LOOKBACK_DAYS = 366;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_MINUTE = 60_000;

interface WallInterval {
  startMinutes: number;
  /** 1440 stands for "24:00", the next day's midnight. */
  endMinutes: number;
}

interface Schedule {
  zone: string;
  /** Indexed by luxon's weekday: 1 = Monday … 7 = Sunday. */
  byWeekday: WallInterval[][];
  holidays: Set<string>;
}

/** Half-open [start, end) in epoch milliseconds. */
interface Span {
  start: number;
  end: number;
}

export function validateBusinessHours(hours: BusinessHours): string[] {
  const problems: string[] = [];
  if (typeof hours.timeZone !== 'string' || !IANAZone.isValidZone(hours.timeZone)) {
    problems.push(`Unknown time zone "${String(hours.timeZone)}"; use an IANA name such as "Europe/Kyiv".`);
  }

  for (const [day, intervals] of Object.entries(hours.weekly ?? {})) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      problems.push(`Unknown weekday "${day}"; use one of ${WEEKDAYS.join(', ')}.`);
      continue;
    }
    // A day left out is closed; validated request bodies carry left-out days as undefined properties.
    if (intervals === undefined || intervals === null) continue;
    if (!Array.isArray(intervals)) {
      problems.push(`${day}: opening hours must be a list of intervals.`);
      continue;
    }
    const valid: Array<WallInterval & { label: string }> = [];
    for (const interval of intervals) {
      const start = parseTime(interval?.start, false);
      const end = parseTime(interval?.end, true);
      if (start === null) problems.push(`${day}: start "${String(interval?.start)}" is not a time in HH:mm format.`);
      if (end === null) problems.push(`${day}: end "${String(interval?.end)}" is not a time in HH:mm format (or 24:00).`);
      if (start === null || end === null) continue;
      const label = `${interval.start}–${interval.end}`;
      if (start >= end) {
        problems.push(`${day}: ${label} must start before it ends.`);
        continue;
      }
      valid.push({ startMinutes: start, endMinutes: end, label });
    }
    valid.sort((a, b) => a.startMinutes - b.startMinutes);
    for (let i = 1; i < valid.length; i++) {
      // Touching intervals (09:00–12:00, 12:00–17:00) are fine; only a real overlap is ambiguous.
      if (valid[i].startMinutes < valid[i - 1].endMinutes) {
        problems.push(`${day}: ${valid[i - 1].label} overlaps ${valid[i].label}.`);
      }
    }
  }

  for (const holiday of hours.holidays ?? []) {
    if (typeof holiday !== 'string' || !ISO_DATE.test(holiday) || !DateTime.fromISO(holiday, { zone: 'utc' }).isValid) {
      problems.push(`Holiday "${String(holiday)}" is not a valid date in YYYY-MM-DD format.`);
    }
  }
  return problems;
}

export function isOpenAt(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const schedule = compile(hours);
  const time = at.getTime();
  // An interval never reaches past its own day's 24:00, so only the local day of `at` can contain it.
  return spansOfDay(schedule, localDay(schedule, at)).some((span) => span.start <= time && time < span.end);
}

export function nextChange(hours: BusinessHours | null, at: Date): Date | null {
  if (!hours) return null;
  const schedule = compile(hours);
  if (!hasOpenTime(schedule)) return null;
  const time = at.getTime();
  const today = localDay(schedule, at);
  if (isRoundTheClock(schedule)) {
    // Scanning a year of 24-hour days only to find no change is the slow path; the next holiday decides alone.
    if (!schedule.holidays.has(today.toISODate() ?? '')) return firstHolidayOnOrAfter(schedule, today);
    let reopening = addDays(today, 1);
    while (schedule.holidays.has(reopening.toISODate() ?? '')) reopening = addDays(reopening, 1);
    return new Date(midnight(schedule, reopening));
  }
  for (const period of mergedPeriods(schedule, today, SCAN_DAYS)) {
    if (period.end <= time) continue;
    // Only a round-the-clock week (handled above) could stay open to the end of the scan, so this end is real.
    return new Date(period.start > time ? period.start : period.end);
  }
  // Closed through the whole scan: holidays cover more than a year, so treat it like a schedule that never opens.
  return null;
}

/** `at` itself while open (or with no business hours), else when the team opens next; null when it never does. */
export function nextOpening(hours: BusinessHours | null, at: Date): Date | null {
  return isOpenAt(hours, at) ? at : nextChange(hours, at);
}

export function closedPeriodStart(hours: BusinessHours | null, at: Date): Date | null {
  if (!hours) return null;
  const schedule = compile(hours);
  if (!hasOpenTime(schedule)) return new Date(NEVER_OPENED.getTime());
  const time = at.getTime();
  const today = localDay(schedule, at);
  for (let back = 0; back <= CLOSED_LOOKBACK_DAYS; back++) {
    const spans = spansOfDay(schedule, addDays(today, -back));
    if (back === 0 && spans.some((span) => span.start <= time && time < span.end)) return null;
    // While closed, every span that has started has also ended, so the latest end is the closing instant; touching
    // spans need no merging because the later one's end is the one that counts.
    const lastEnd = spans.reduce<number | null>((latest, span) => (span.end <= time && (latest === null || span.end > latest) ? span.end : latest), null);
    if (lastEnd !== null) return new Date(lastEnd);
  }
  return new Date(NEVER_OPENED.getTime());
}

export function addBusinessMinutes(hours: BusinessHours | null, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Business minutes must be a non-negative number, got ${minutes}.`);
  if (!hours) return new Date(start.getTime() + minutes * MS_PER_MINUTE);
  const schedule = compile(hours);
  if (!hasOpenTime(schedule)) throw new Error(`Business hours in ${schedule.zone} have no open time; cannot count business minutes.`);
  const from = start.getTime();
  let remaining = minutes * MS_PER_MINUTE;
  let day = localDay(schedule, start);
  let daysWithoutOpenTime = 0;

  // Zero minutes still waits for the next opening: a target that is due "immediately" cannot fall due while closed.
  for (;;) {
    let found = false;
    for (const span of spansOfDay(schedule, day)) {
      if (span.end <= from) continue;
      found = true;
      const begin = Math.max(span.start, from);
      const available = span.end - begin;
      if (remaining <= available) return new Date(begin + remaining);
      remaining -= available;
    }
    daysWithoutOpenTime = found ? 0 : daysWithoutOpenTime + 1;
    if (daysWithoutOpenTime > SCAN_DAYS) {
      throw new Error(`Business hours in ${schedule.zone} have no open time within ${SCAN_DAYS} days; cannot count business minutes.`);
    }
    day = addDays(day, 1);
  }
}

export function slaDueAt(hours: BusinessHours | null, targets: SlaTargets, kind: SlaKind, since: Date): Date | null {
  const minutes = kind === 'first_response' ? targets.firstResponseMinutes : targets.nextResponseMinutes;
  if (minutes === null || minutes === undefined) return null;
  return addBusinessMinutes(targets.businessHoursOnly ? hours : null, since, minutes);
}

function compile(hours: BusinessHours): Schedule {
  if (!IANAZone.isValidZone(hours.timeZone)) throw new Error(`Unknown time zone "${hours.timeZone}" in business hours.`);
  const byWeekday: WallInterval[][] = [[], [], [], [], [], [], [], []];
  WEEKDAYS.forEach((weekday: Weekday, index) => {
    byWeekday[index + 1] = (hours.weekly[weekday] ?? []).map(({ start, end }) => {
      const startMinutes = parseTime(start, false);
      const endMinutes = parseTime(end, true);
      if (startMinutes === null || endMinutes === null) throw new Error(`Invalid opening interval ${weekday} ${start}–${end}; expected HH:mm.`);
      return { startMinutes, endMinutes };
    });
  });
  return { zone: hours.timeZone, byWeekday, holidays: new Set(hours.holidays) };
}

function hasOpenTime(schedule: Schedule): boolean {
  return schedule.byWeekday.some((intervals) => intervals.some((interval) => interval.startMinutes < interval.endMinutes));
}

function isRoundTheClock(schedule: Schedule): boolean {
  return schedule.byWeekday.slice(1).every((intervals) => {
    let coveredUntil = 0;
    for (const interval of [...intervals].sort((a, b) => a.startMinutes - b.startMinutes)) {
      if (interval.startMinutes > coveredUntil) break;
      coveredUntil = Math.max(coveredUntil, interval.endMinutes);
    }
    return coveredUntil >= 24 * 60;
  });
}

function parseTime(value: unknown, allowMidnightEnd: boolean): number | null {
  if (typeof value !== 'string') return null;
  if (allowMidnightEnd && value === '24:00') return 24 * 60;
  const match = TIME.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * A local calendar date, carried as a UTC DateTime so that stepping days is plain calendar arithmetic that no DST
 * rule can disturb.
 */
type LocalDay = DateTime;

function localDay(schedule: Schedule, at: Date): LocalDay {
  const local = DateTime.fromJSDate(at, { zone: schedule.zone });
  return DateTime.utc(local.year, local.month, local.day);
}

function addDays(day: LocalDay, days: number): LocalDay {
  return day.plus({ days });
}

function midnight(schedule: Schedule, day: LocalDay): number {
  return wallClock(schedule, day, 0);
}

/**
 * Luxon moves a wall-clock time that falls in a spring-forward gap forward by the gap's length, and resolves a
 * repeated fall-back time to its later (standard-time) occurrence.
 */
function wallClock(schedule: Schedule, day: LocalDay, minutes: number): number {
  if (minutes >= 24 * 60) return wallClock(schedule, addDays(day, 1), minutes - 24 * 60);
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone: schedule.zone }).toMillis();
}

function spansOfDay(schedule: Schedule, day: LocalDay): Span[] {
  if (schedule.holidays.has(day.toISODate() ?? '')) return [];
  return schedule.byWeekday[day.weekday]
    .map((interval) => ({ start: wallClock(schedule, day, interval.startMinutes), end: wallClock(schedule, day, interval.endMinutes) }))
    // A gap can push an interval's start past its end (e.g. 03:30–04:00 on Kyiv's spring-forward night); nothing is open then.
    .filter((span) => span.start < span.end)
    .sort((a, b) => a.start - b.start);
}

/** Open periods in time order, with spans that touch or overlap (including across midnight) joined into one. */
function* mergedPeriods(schedule: Schedule, firstDay: LocalDay, days: number): Generator<Span> {
  let pending: Span | null = null;
  for (let offset = 0; offset < days; offset++) {
    for (const span of spansOfDay(schedule, addDays(firstDay, offset))) {
      if (pending && span.start <= pending.end) {
        pending.end = Math.max(pending.end, span.end);
        continue;
      }
      if (pending) yield pending;
      pending = { ...span };
    }
  }
  if (pending) yield pending;
}

function firstHolidayOnOrAfter(schedule: Schedule, day: LocalDay): Date | null {
  const from = day.toISODate() ?? '';
  // ISO dates compare correctly as strings, which spares parsing every holiday.
  const next = [...schedule.holidays].filter((holiday) => ISO_DATE.test(holiday) && holiday >= from).sort()[0];
  if (next === undefined) return null;
  return new Date(midnight(schedule, DateTime.fromISO(next, { zone: 'utc' })));
}
