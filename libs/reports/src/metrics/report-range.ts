import { REPORT_MAX_RANGE_DAYS, type ReportRange } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { DateTime } from 'luxon';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ResolvedRange {
  from: Date;
  to: Date;
  timeZone: string;
}

/** Checks a report's range: `to` after `from`, at most REPORT_MAX_RANGE_DAYS long. */
export function resolveRange(from: string, to: string, timeZone = 'UTC'): ResolvedRange {
  const start = new Date(from);
  const end = new Date(to);
  if (end.getTime() <= start.getTime()) throw DomainError.validation('to must be after from', [{ field: 'to', message: 'to must be after from' }]);
  if (end.getTime() - start.getTime() > REPORT_MAX_RANGE_DAYS * DAY_MS) {
    throw DomainError.validation(`A report covers at most ${REPORT_MAX_RANGE_DAYS} days`, [{ field: 'to', message: `to must be at most ${REPORT_MAX_RANGE_DAYS} days after from` }]);
  }
  return { from: start, to: end, timeZone };
}

/** The range of equal length that ends where this one starts, for “compared with the previous period”. */
export function previousRange(range: ResolvedRange): ResolvedRange {
  const length = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - length), to: range.from, timeZone: range.timeZone };
}

export function rangeView(range: ResolvedRange): ReportRange {
  return { from: range.from.toISOString(), to: range.to.toISOString(), timeZone: range.timeZone };
}

/** The local date "YYYY-MM-DD" of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * Every local day the range touches, in order: a chart of a range shows its empty days as zero rather than skipping
 * them. Stepping calendar dates (not 24-hour steps) keeps days right across daylight-saving changes.
 */
export function daysOf(range: ResolvedRange): string[] {
  const first = localDay(range.from, range.timeZone);
  const last = localDay(new Date(range.to.getTime() - 1), range.timeZone);
  const days: string[] = [];
  for (let day = first; day <= last; day = nextDate(day)) days.push(day);
  return days;
}

function nextDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/**
 * `[from, to, local midnights, local dates]`: the first parameters of a query that groups by local day with
 * LOCAL_DAY_SQL. Sorting rows into the day whose midnight they follow (a binary search per row) is several times
 * cheaper than converting each row's instant to the viewer's time zone in SQL.
 */
export function dayParameters(range: ResolvedRange): unknown[] {
  const days = daysOf(range);
  return [range.from, range.to, days.map((day) => DateTime.fromISO(day, { zone: range.timeZone }).startOf('day').toJSDate()), days];
}

/** The local date of `column` as "YYYY-MM-DD", for a query whose parameters start with dayParameters. */
export function localDaySql(column: string): string {
  return `($4::text[])[width_bucket(${column}, $3::timestamptz[])]`;
}
