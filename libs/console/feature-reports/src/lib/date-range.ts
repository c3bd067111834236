import { currentLanguage } from '@backtalk/console/i18n';
import { DateTime } from 'luxon';
import { translateReports } from '../i18n';

export type RangePreset = 'today' | 'yesterday' | '7d' | '30d' | 'month' | 'custom';

const preset = (value: RangePreset) => ({
  value,
  // Read when shown, so the range select follows a language switch.
  get label() {
    return translateReports(`presets.${value}`);
  },
});

export const RANGE_PRESETS: ReadonlyArray<{ readonly value: RangePreset; readonly label: string }> = (['today', 'yesterday', '7d', '30d', 'month', 'custom'] as const).map(preset);

/** Local calendar days "YYYY-MM-DD" in the viewer's zone, both included, as the date inputs show them. */
export interface LocalDays {
  firstDay: string;
  lastDay: string;
}

/** The half-open instant range [from, to) a report is asked for. */
export interface InstantRange {
  from: string;
  to: string;
}

const DAY_FORMAT = 'yyyy-MM-dd';

/**
 * The days a preset covers, counted in `timeZone` so "today" is the viewer's today and not UTC's. Presets that run up
 * to now end with today (a partial day), since a lead checking in the morning wants the hours so far included.
 */
export function presetDays(preset: Exclude<RangePreset, 'custom'>, now: Date, timeZone: string): LocalDays {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const day = (d: DateTime) => d.toFormat(DAY_FORMAT);
  switch (preset) {
    case 'today':
      return { firstDay: day(today), lastDay: day(today) };
    case 'yesterday': {
      const yesterday = today.minus({ days: 1 });
      return { firstDay: day(yesterday), lastDay: day(yesterday) };
    }
    case '7d':
      return { firstDay: day(today.minus({ days: 6 })), lastDay: day(today) };
    case '30d':
      return { firstDay: day(today.minus({ days: 29 })), lastDay: day(today) };
    case 'month':
      return { firstDay: day(today.startOf('month')), lastDay: day(today) };
  }
}

/**
 * Local days to instants: from the first day's midnight to the midnight after the last day, in `timeZone` (so a day
 * with a daylight-saving change is 23 or 25 hours long, as it is on the wall clock). Null for days that do not parse
 * or run backwards.
 */
export function daysToInstants(days: LocalDays, timeZone: string): InstantRange | null {
  const first = DateTime.fromFormat(days.firstDay, DAY_FORMAT, { zone: timeZone });
  const last = DateTime.fromFormat(days.lastDay, DAY_FORMAT, { zone: timeZone });
  if (!first.isValid || !last.isValid || last < first) return null;
  const from = first.startOf('day').toUTC().toISO();
  const to = last.plus({ days: 1 }).startOf('day').toUTC().toISO();
  return from && to ? { from, to } : null;
}

/** Number of local days covered, both ends included. */
export function dayCount(days: LocalDays): number {
  const first = DateTime.fromFormat(days.firstDay, DAY_FORMAT, { zone: 'UTC' });
  const last = DateTime.fromFormat(days.lastDay, DAY_FORMAT, { zone: 'UTC' });
  return Math.round(last.diff(first, 'days').days) + 1;
}

/** "1 Dec – 7 Dec 2026", or one day "Mon, 7 Dec 2026", for the header of a report. */
export function describeDays(days: LocalDays, locale: string = currentLanguage()): string {
  const first = DateTime.fromFormat(days.firstDay, DAY_FORMAT, { zone: 'UTC', locale });
  const last = DateTime.fromFormat(days.lastDay, DAY_FORMAT, { zone: 'UTC', locale });
  if (!first.isValid || !last.isValid) return '';
  if (days.firstDay === days.lastDay) return first.toFormat('ccc, d LLL yyyy');
  const sameYear = first.year === last.year;
  return `${first.toFormat(sameYear ? 'd LLL' : 'd LLL yyyy')} – ${last.toFormat('d LLL yyyy')}`;
}

/** The viewer's zone as the browser knows it; UTC when it cannot tell. */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
