import { useMemo } from 'react';
import { type ConsoleLanguage, currentLanguage } from './i18n';
import { useConsoleLanguage } from './language';

type DateInput = string | number | Date;

/**
 * Intl formatters are costly to build and these run for every row of a list, so each (language, options) pair is
 * built once.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<Formatter extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(kind: string, language: ConsoleLanguage, options: object, build: () => Formatter): Formatter {
  const key = `${kind}|${language}|${JSON.stringify(options)}`;
  let formatter = cache.get(key) as Formatter | undefined;
  if (!formatter) {
    formatter = build();
    cache.set(key, formatter);
  }
  return formatter;
}

/** A DateTimeFormat in the console's language (not the browser's): a Ukrainian browser with an English console reads English dates. */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions, language: ConsoleLanguage = currentLanguage()): Intl.DateTimeFormat {
  return cached('date', language, options, () => new Intl.DateTimeFormat(language, options));
}

export function numberFormat(options: Intl.NumberFormatOptions = {}, language: ConsoleLanguage = currentLanguage()): Intl.NumberFormat {
  return cached('number', language, options, () => new Intl.NumberFormat(language, options));
}

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "4 Mar 2025" / "4 бер. 2025 р." */
export function formatDate(value: DateInput, language?: ConsoleLanguage): string {
  return dateTimeFormat({ dateStyle: 'medium' }, language).format(toDate(value));
}

/** "10:42 AM" / "10:42" */
export function formatTime(value: DateInput, language?: ConsoleLanguage): string {
  return dateTimeFormat({ hour: 'numeric', minute: '2-digit' }, language).format(toDate(value));
}

/** "Mar 4, 2025, 10:42 AM" / "4 бер. 2025 р., 10:42" */
export function formatDateTime(value: DateInput, language?: ConsoleLanguage): string {
  return dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short' }, language).format(toDate(value));
}

const RELATIVE_UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3_600_000],
  ['month', 30 * 24 * 3_600_000],
  ['week', 7 * 24 * 3_600_000],
  ['day', 24 * 3_600_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/**
 * How long ago (or until) something is, in the largest whole unit: "5 min. ago" / "5 хв тому", "in 2 days" / "через
 * 2 дн.". `style: 'long'` writes the units out ("5 хвилин тому").
 */
export function formatRelativeTime(value: DateInput, now: number = Date.now(), style: Intl.RelativeTimeFormatStyle = 'short', language: ConsoleLanguage = currentLanguage()): string {
  const elapsed = toDate(value).getTime() - now;
  const [unit, size] = RELATIVE_UNITS.find(([, span]) => Math.abs(elapsed) >= span) ?? RELATIVE_UNITS[RELATIVE_UNITS.length - 1];
  const formatter = cached('relative', language, { style }, () => new Intl.RelativeTimeFormat(language, { style, numeric: 'auto' }));
  return formatter.format(Math.trunc(elapsed / size), unit);
}

/** "1,234.5" / "1 234,5" */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions, language?: ConsoleLanguage): string {
  return numberFormat(options, language).format(value);
}

/** An amount of money in an ISO 4217 currency: "$12.50" / "12,50 USD", "₴1,200.00" / "1 200,00 ₴". */
export function formatCurrency(amount: number, currency: string, options?: Intl.NumberFormatOptions, language?: ConsoleLanguage): string {
  return numberFormat({ ...options, style: 'currency', currency }, language).format(amount);
}

/** A fraction (0.25) as a percentage: "25%" / "25%". */
export function formatPercent(fraction: number, options?: Intl.NumberFormatOptions, language?: ConsoleLanguage): string {
  return numberFormat({ maximumFractionDigits: 0, ...options, style: 'percent' }, language).format(fraction);
}

export interface ConsoleFormat {
  language: ConsoleLanguage;
  date: (value: DateInput) => string;
  time: (value: DateInput) => string;
  dateTime: (value: DateInput) => string;
  relativeTime: (value: DateInput, now?: number, style?: Intl.RelativeTimeFormatStyle) => string;
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  currency: (amount: number, currency: string, options?: Intl.NumberFormatOptions) => string;
  percent: (fraction: number, options?: Intl.NumberFormatOptions) => string;
}

/** The formatters in the console's language; the calling component re-renders when the language changes. */
export function useFormat(): ConsoleFormat {
  const language = useConsoleLanguage();
  return useMemo(
    () => ({
      language,
      date: (value) => formatDate(value, language),
      time: (value) => formatTime(value, language),
      dateTime: (value) => formatDateTime(value, language),
      relativeTime: (value, now, style) => formatRelativeTime(value, now, style, language),
      number: (value, options) => formatNumber(value, options, language),
      currency: (amount, currency, options) => formatCurrency(amount, currency, options, language),
      percent: (fraction, options) => formatPercent(fraction, options, language),
    }),
    [language],
  );
}
