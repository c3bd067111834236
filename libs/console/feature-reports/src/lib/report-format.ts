import { formatCosts, formatMoney as formatAmount, type CostsByCurrency } from '@backtalk/contracts';

/** Formatting of report numbers for people. Durations arrive in seconds, percentages as 0–100, nulls mean "no data". */

const NONE = '—';

/** "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h": two units at most, the larger first. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NONE;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
  if (s < 3600) return pair(Math.floor(s / 60), 'min', s % 60, 's');
  if (s < 86_400) return pair(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'min');
  return pair(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3600), 'h');
}

/** "87%", "87.5%", "0.4%": one decimal only where it says something. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

export function formatCount(value: number | null | undefined, locale?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return new Intl.NumberFormat(locale).format(value);
}

/** "$12.40" in a known currency; a bare "12.40" without one (a report where nothing was sent has none). */
export function formatMoney(value: number | null | undefined, currency: string | null, locale?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  if (currency) return formatAmount(value, currency, locale);
  // SMS prices are fractions of a cent, so small sums keep more digits than money usually shows.
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: Math.abs(value) < 1 && value !== 0 ? 4 : 2 }).format(value);
}

/** Costs in several currencies, each in its own ("₴512.00", "$12.40"), since they are never added up; "—" for none. */
export function formatCostList(costs: CostsByCurrency, locale?: string): string[] {
  const amounts = formatCosts(costs, locale);
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

function signed(value: number, suffix: string): string {
  const magnitude = Math.abs(value);
  const shown = magnitude >= 10 || Number.isInteger(Math.round(magnitude * 10) / 10) ? Math.round(magnitude).toString() : magnitude.toFixed(1);
  if (shown === '0' || shown === '0.0') return `0${suffix}`;
  return `${value > 0 ? '+' : MINUS}${shown}${suffix}`;
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
  if (diff === 0) text = 'no change';
  else if (kind === 'percent') text = signed(diff, ' pts');
  // From nothing, any amount is not a percentage change: say "new" rather than "+∞%".
  else if (previous === 0) text = 'new';
  // Ten times as many reads better as "×10" than as "+900%".
  else if (previous > 0 && current / previous >= 10) text = `×${Math.round(current / previous)}`;
  else text = signed((diff / Math.abs(previous)) * 100, '%');
  const words =
    direction === 'flat' ? 'no change on the previous period' : `${direction} ${text.startsWith('×') ? `${text.slice(1)} times` : text.replace(/^[+\u2212]/, '')} on the previous period`;
  return { text, direction, tone, description: text === 'new' ? 'none in the previous period' : words };
}

/** An axis tick for a duration: "0", "45 s", "15 min", "4 h", "3 d". */
export function shortDuration(seconds: number): string {
  if (seconds <= 0) return '0';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** The API numbers weekdays 0 = Monday … 6 = Sunday. */
export function weekdayLabel(weekday: number): string {
  return WEEKDAYS[weekday] ?? '';
}

/** "Dec 7" style short label for a local day "YYYY-MM-DD" on an axis, without shifting it through a time zone. */
export function formatDayTick(day: string, locale?: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}
