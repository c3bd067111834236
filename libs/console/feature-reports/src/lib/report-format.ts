import { formatCosts, formatMoney as formatAmount, type CostsByCurrency } from '@backtalk/contracts';
import { currentLanguage, numberFormat } from '@backtalk/console/i18n';
import { translateReports as t } from '../i18n';

/** Formatting of report numbers for people. Durations arrive in seconds, percentages as 0–100, nulls mean "no data". */

const NONE = '—';

type Unit = 'seconds' | 'minutes' | 'hours' | 'days';
// Whole numbers without grouping, as an axis or a card shows them: "1200 min" rather than "1,200 min".
const inUnit = (value: number, unit: Unit) => t(`format.${unit}`, { value: String(value) });

/** One decimal at most, with the console language's decimal mark and no grouping. */
const decimal = (value: number, fractionDigits: 0 | 1) => numberFormat({ minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits, useGrouping: false }).format(value);

/** "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h": two units at most, the larger first. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NONE;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return inUnit(s, 'seconds');
  const pair = (big: number, bigUnit: Unit, small: number, smallUnit: Unit) =>
    small ? t('format.pair', { big: inUnit(big, bigUnit), small: inUnit(small, smallUnit) }) : inUnit(big, bigUnit);
  if (s < 3600) return pair(Math.floor(s / 60), 'minutes', s % 60, 'seconds');
  if (s < 86_400) return pair(Math.floor(s / 3600), 'hours', Math.floor((s % 3600) / 60), 'minutes');
  return pair(Math.floor(s / 86_400), 'days', Math.floor((s % 86_400) / 3600), 'hours');
}

/** "87%", "87.5%", "0.4%": one decimal only where it says something. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  const rounded = Math.round(value * 10) / 10;
  return `${decimal(rounded, Number.isInteger(rounded) ? 0 : 1)}%`;
}

export function formatCount(value: number | null | undefined, locale?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return new Intl.NumberFormat(locale ?? currentLanguage()).format(value);
}

/** "$12.40" in a known currency; a bare "12.40" without one (a report where nothing was sent has none). */
export function formatMoney(value: number | null | undefined, currency: string | null, locale?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  if (currency) return formatAmount(value, currency, locale ?? currentLanguage());
  // SMS prices are fractions of a cent, so small sums keep more digits than money usually shows.
  return new Intl.NumberFormat(locale ?? currentLanguage(), { minimumFractionDigits: 2, maximumFractionDigits: Math.abs(value) < 1 && value !== 0 ? 4 : 2 }).format(value);
}

/** Costs in several currencies, each in its own ("₴512.00", "$12.40"), since they are never added up; "—" for none. */
export function formatCostList(costs: CostsByCurrency, locale?: string): string[] {
  const amounts = formatCosts(costs, locale ?? currentLanguage());
  return amounts.length > 0 ? amounts : [NONE];
}

/** Which way is good for a metric: more conversations are neither, a faster response is. */
export type Better = 'higher' | 'lower' | 'neither';
/** A percentage metric changes by points, everything else by a relative share. */
export type MetricKind = 'count' | 'percent' | 'seconds' | 'money';

export interface Delta {
  /** "+12%", "−3.5 pts", "no change"; null when there is nothing to compare. */
  text: string | null;
  direction: 'up' | 'down' | 'flat';
  /** Whether the change is an improvement, a worsening, or neither. */
  tone: 'good' | 'bad' | 'neutral';
  /** For screen readers and tooltips: "up 12% on the previous period". */
  description: string | null;
}

const MINUS = '\u2212';

function signed(value: number, suffix: (number: string) => string): string {
  const magnitude = Math.abs(value);
  const whole = magnitude >= 10 || Number.isInteger(Math.round(magnitude * 10) / 10);
  const rounded = whole ? Math.round(magnitude) : Math.round(magnitude * 10) / 10;
  if (rounded === 0) return suffix(decimal(0, 0));
  return suffix(`${value > 0 ? '+' : MINUS}${decimal(rounded, whole ? 0 : 1)}`);
}

/** The change from the previous period to this one, as a lead reads it next to the number. */
export function computeDelta(current: number | null | undefined, previous: number | null | undefined, kind: MetricKind, better: Better): Delta {
  const none: Delta = { text: null, direction: 'flat', tone: 'neutral', description: null };
  if (current === null || current === undefined || previous === null || previous === undefined) return none;
  const diff = current - previous;
  const direction: Delta['direction'] = diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat';
  const tone: Delta['tone'] =
    direction === 'flat' || better === 'neither' ? 'neutral' : (direction === 'up') === (better === 'higher') ? 'good' : 'bad';
  let text: string;
  if (diff === 0) text = t('format.noChange');
  else if (kind === 'percent') text = signed(diff, (value) => t('format.points', { value }));
  // From nothing, any amount is not a percentage change: say "new" rather than "+∞%".
  else if (previous === 0) return { text: t('format.new'), direction, tone, description: t('format.noneBefore') };
  // Ten times as many reads better as "×10" than as "+900%".
  else if (previous > 0 && current / previous >= 10) {
    const times = String(Math.round(current / previous));
    return { text: `×${times}`, direction, tone, description: t(direction === 'up' ? 'format.upTimes' : 'format.downTimes', { times }) };
  } else text = signed((diff / Math.abs(previous)) * 100, (value) => `${value}%`);
  const change = text.replace(/^[+\u2212]/, '');
  const description = direction === 'flat' ? t('format.flat') : t(direction === 'up' ? 'format.up' : 'format.down', { change });
  return { text, direction, tone, description };
}

/** An axis tick for a duration: "0", "45 s", "15 min", "4 h", "3 d". */
export function shortDuration(seconds: number): string {
  if (seconds <= 0) return '0';
  if (seconds < 60) return inUnit(Math.round(seconds), 'seconds');
  if (seconds < 3600) return inUnit(Math.round(seconds / 60), 'minutes');
  if (seconds < 86_400) return inUnit(Math.round(seconds / 3600), 'hours');
  return inUnit(Math.round(seconds / 86_400), 'days');
}

// 1 January 2024 was a Monday.
const FIRST_MONDAY = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;
/** The API numbers weekdays 0 = Monday … 6 = Sunday; "Mon" or "пн" in the console's language. */
export function weekdayLabel(weekday: number, locale?: string): string {
  if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) return '';
  return new Intl.DateTimeFormat(locale ?? currentLanguage(), { weekday: 'short', timeZone: 'UTC' }).format(FIRST_MONDAY + weekday * DAY_MS);
}

/** "Dec 7" style short label for a local day "YYYY-MM-DD" on an axis, without shifting it through a time zone. */
export function formatDayTick(day: string, locale?: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale ?? currentLanguage(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}
