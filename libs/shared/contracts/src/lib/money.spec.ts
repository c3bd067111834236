import { currencyCodes, formatCosts, formatMoney, isCurrencyCode } from './money';

describe('currency codes', () => {
  it('accepts ISO 4217 codes in use and refuses made-up, lower-case or malformed ones', () => {
    expect(currencyCodes()).toEqual(expect.arrayContaining(['EUR', 'UAH', 'USD']));
    expect(['USD', 'UAH', 'JPY'].every(isCurrencyCode)).toBe(true);
    expect(['usd', 'US', 'USDT', 'ZZZ', '', 12, null].some(isCurrencyCode)).toBe(false);
  });
});

describe('formatMoney', () => {
  it('shows an amount with its currency’s symbol, keeping fractions of a cent under one', () => {
    expect(formatMoney(12.4, 'USD', 'en-US')).toBe('$12.40');
    expect(formatMoney(0.0079, 'USD', 'en-US')).toBe('$0.0079');
    expect(formatMoney(1234.5, 'EUR', 'en-US')).toBe('€1,234.50');
    expect(formatMoney(0, 'USD', 'en-US')).toBe('$0.00');
  });

  it('uses a narrow symbol only when no other currency shares it, so a list of several currencies never shows two alike', () => {
    expect(formatMoney(512, 'UAH', 'en-US')).toBe('₴512.00');
    expect(formatMoney(1.85, 'UAH', 'en-US')).toBe('₴1.85');
    // The Mexican peso's narrow symbol is "$", as is the dollar's.
    expect(formatMoney(10, 'MXN', 'en-US')).toBe('MX$10.00');
    expect(formatMoney(10, 'GIP', 'en-US')).toMatch(/^GIP\s?10\.00$/);
  });

  it('keeps a currency’s own decimals and its locale’s order', () => {
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney(512, 'UAH', 'uk-UA')).toBe('512,00\u00a0₴');
  });

  it('shows an unknown code after the number instead of failing', () => {
    expect(formatMoney(3.5, 'not a code', 'en-US')).toBe('3.50 not a code');
  });
});

describe('formatCosts', () => {
  it('lists each currency on its own, never added up', () => {
    expect(formatCosts({ UAH: 512, USD: 12.4 }, 'en-US')).toEqual(['₴512.00', '$12.40']);
    expect(formatCosts({}, 'en-US')).toEqual([]);
  });
});
