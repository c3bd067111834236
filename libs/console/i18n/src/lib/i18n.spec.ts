import { formatCurrency, formatDateTime, formatNumber, formatRelativeTime } from './format';
import { i18n, registerMessages, translatorFor } from './i18n';
import { detectLanguage, setConsoleLanguage } from './language';

describe('detectLanguage', () => {
  it('keeps the language chosen on this device before', () => {
    expect(detectLanguage('en', ['uk-UA', 'uk'])).toBe('en');
    expect(detectLanguage('uk', ['en-US'])).toBe('uk');
  });

  it('picks Ukrainian when any of the browser languages is Ukrainian, else English', () => {
    expect(detectLanguage(null, ['de-DE', 'uk-UA'])).toBe('uk');
    expect(detectLanguage('fr', ['ru-RU', 'en-GB'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
  });
});

describe('messages and formats in the console language', () => {
  const t = translatorFor('spec');
  const moment = Date.UTC(2025, 2, 4, 10, 20);

  beforeAll(() => {
    registerMessages('spec', {
      en: { count: '{count, plural, one {# conversation} other {# conversations}}' },
      uk: { count: '{count, plural, one {# розмова} few {# розмови} many {# розмов} other {# розмови}}' },
    });
  });
  afterAll(() => setConsoleLanguage('en'));

  it('uses the Ukrainian plural forms for one, few and many', () => {
    setConsoleLanguage('uk');
    expect([1, 2, 5, 21, 1.5].map((count) => t('count', { count }))).toEqual(['1 розмова', '2 розмови', '5 розмов', '21 розмова', '1,5 розмови']);
    setConsoleLanguage('en');
    expect([1, 5].map((count) => t('count', { count }))).toEqual(['1 conversation', '5 conversations']);
  });

  it('formats dates, relative times, numbers and money for the language chosen, whatever the runtime locale', () => {
    setConsoleLanguage('uk');
    expect(i18n.language).toBe('uk');
    expect(formatDateTime(moment)).toMatch(/бер/);
    expect(formatRelativeTime(moment - 5 * 60_000, moment)).toBe('5 хв тому');
    expect(formatNumber(1234.5)).toBe('1\u00a0234,5');
    expect(formatCurrency(1200, 'UAH')).toBe('1\u00a0200,00\u00a0₴');
    setConsoleLanguage('en');
    expect(formatDateTime(moment)).toMatch(/Mar/);
    expect(formatRelativeTime(moment - 5 * 60_000, moment)).toBe('5 min. ago');
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });
});
