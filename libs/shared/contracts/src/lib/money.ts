/**
 * Money: each channel prices its segments in one ISO 4217 currency, and amounts in different currencies are never
 * added together. The code list is the runtime's own (`Intl.supportedValuesOf('currency')`, the same in Node and in the
 * browser) rather than a list kept here, so it follows ICU's updates.
 */

/** The currency of a channel that names none (and of every channel made before currencies existed). */
export const DEFAULT_CURRENCY = 'USD';

/** Three capital letters: what the database accepts; `isCurrencyCode` also requires a code in use. */
export const CURRENCY_CODE_PATTERN = /^[A-Z]{3}$/;

let knownCodes: readonly string[] | undefined;

/** Every ISO 4217 code the runtime knows, sorted. */
export function currencyCodes(): readonly string[] {
  knownCodes ??= [...Intl.supportedValuesOf('currency')].sort();
  return knownCodes;
}

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && CURRENCY_CODE_PATTERN.test(code) && currencyCodes().includes(code);
}

/**
 * Amounts by ISO 4217 currency code, e.g. `{ "USD": 12.4, "UAH": 512 }`, codes in alphabetical order. Only currencies
 * something was spent in appear, so `{}` means nothing was spent.
 */
export type CostsByCurrency = Record<string, number>;

const symbolDisplays = new Map<string, 'symbol' | 'narrowSymbol' | 'code'>();

const currencyPart = (locale: string | undefined, currency: string, currencyDisplay: 'symbol' | 'narrowSymbol') =>
  new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay }).formatToParts(1).find((part) => part.type === 'currency')?.value ?? currency;

/**
 * How to name a currency in a locale: its symbol when the locale has one ("$", "CA$", "€"); else its narrow symbol when
 * no other currency shares it ("₴" for the hryvnia, but not "$" for the Mexican peso); else the code ("UAH 1.85" in a
 * locale that knows no symbol). A list of costs in several currencies must never show two of them the same way.
 */
function currencyDisplay(locale: string | undefined, currency: string): 'symbol' | 'narrowSymbol' | 'code' {
  const key = `${locale ?? ''}:${currency}`;
  let display = symbolDisplays.get(key);
  if (display) return display;
  if (currencyPart(locale, currency, 'symbol') !== currency) display = 'symbol';
  else {
    const narrow = currencyPart(locale, currency, 'narrowSymbol');
    const shared = narrow === currency || currencyCodes().some((other) => other !== currency && currencyPart(locale, other, 'narrowSymbol') === narrow);
    display = shared ? 'code' : 'narrowSymbol';
  }
  symbolDisplays.set(key, display);
  return display;
}

/**
 * "$12.40", "₴512.00", "$0.0079": an amount in its currency for people. SMS prices are fractions of a cent, so an
 * amount under one keeps up to four decimals; others keep the currency's own (none for yen). An unknown code is shown
 * after the number rather than refused.
 */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  try {
    const display = currencyDisplay(locale, currency);
    const { minimumFractionDigits = 2 } = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions();
    const maximumFractionDigits = Math.abs(amount) < 1 && amount !== 0 ? Math.max(minimumFractionDigits, 4) : minimumFractionDigits;
    return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: display, minimumFractionDigits, maximumFractionDigits }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(amount)} ${currency}`;
  }
}

/** Each currency's amount for people, in code order: a list, since amounts in different currencies are never added up. */
export function formatCosts(costs: CostsByCurrency, locale?: string): string[] {
  return Object.entries(costs).map(([currency, amount]) => formatMoney(amount, currency, locale));
}
