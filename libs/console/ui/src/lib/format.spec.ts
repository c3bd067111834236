import { setConsoleLanguage } from '@backtalk/console/i18n';
import { formatConfidence, formatDateTime, formatDayLabel, formatDuration, formatShortAgo, formatTime, formatUpcoming, initialsOf, isSameDay, summarizeList } from './format';

describe('formatDateTime', () => {
  it('shows the fallback for a missing or unreadable date', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(null, 'Never')).toBe('Never');
    expect(formatDateTime('not a date', 'Never')).toBe('Never');
  });

  it('formats a real date into text that includes the year', () => {
    expect(formatDateTime('2025-03-04T10:20:00Z')).toContain('2025');
  });
});

describe('initialsOf', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initialsOf('Ada King Lovelace')).toBe('AL');
  });

  it('uses one letter for a single word and a placeholder for an empty name', () => {
    expect(initialsOf('  grace ')).toBe('G');
    expect(initialsOf('')).toBe('?');
  });
});

describe('summarizeList', () => {
  it('lists short lists in full', () => {
    expect(summarizeList(['Support', 'Billing'])).toBe('Support, Billing');
  });

  it('counts what it leaves out of long lists', () => {
    expect(summarizeList(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more');
  });
});

describe('inbox times', () => {
  const local = (day: number, hour: number, minute = 0) => new Date(2025, 2, day, hour, minute).toISOString();
  const now = new Date(2025, 2, 12, 15, 0).getTime();

  it('says how long ago something happened in a few characters', () => {
    expect(formatShortAgo(local(12, 14, 59), now)).toBe('1m');
    expect(formatShortAgo(new Date(now - 20_000).toISOString(), now)).toBe('now');
    expect(formatShortAgo(local(12, 12), now)).toBe('3h');
  });

  it('names the weekday within the past week and the date before that', () => {
    expect(formatShortAgo(local(10, 9), now)).toMatch(/Mon/);
    expect(formatShortAgo(local(1, 9), now)).toMatch(/1/);
  });

  it('writes durations with the two largest units', () => {
    expect([45_000, 12 * 60_000, 125 * 60_000, 2 * 3_600_000, 76 * 3_600_000].map(formatDuration)).toEqual(['45s', '12m', '2h 5m', '2h', '3d 4h']);
  });

  it('labels days in a thread as today, yesterday or the date', () => {
    expect(formatDayLabel(local(12, 8), now)).toBe('Today');
    expect(formatDayLabel(local(11, 23), now)).toBe('Yesterday');
    expect(formatDayLabel(local(3, 8), now)).toMatch(/3/);
  });

  it('tells whether two moments fall on the same local day', () => {
    expect(isSameDay(local(12, 0, 1), local(12, 23, 59))).toBe(true);
    expect(isSameDay(local(11, 23, 59), local(12, 0, 1))).toBe(false);
  });
});

describe('formatUpcoming', () => {
  const now = new Date(2025, 2, 12, 10, 0).getTime(); // Wednesday 12 March 2025, 10:00 local

  it('gives only the clock time later today', () => {
    expect(formatUpcoming(new Date(2025, 2, 12, 18, 0).toISOString(), now)).toBe(formatTime(new Date(2025, 2, 12, 18, 0).toISOString()));
  });

  it('says tomorrow for the next day', () => {
    expect(formatUpcoming(new Date(2025, 2, 13, 9, 0).toISOString(), now)).toMatch(/^tomorrow /);
  });

  it('names the weekday within the coming week and the date beyond it', () => {
    expect(formatUpcoming(new Date(2025, 2, 17, 9, 0).toISOString(), now)).toMatch(/^Mon /);
    expect(formatUpcoming(new Date(2025, 2, 30, 9, 0).toISOString(), now)).toMatch(/30/);
  });
});

describe('formatConfidence', () => {
  it('shows a score as a whole percentage', () => {
    expect(formatConfidence(0.923)).toBe('92%');
    expect(formatConfidence(0.5)).toBe('50%');
  });

  it('reads the decimal string an auto-reply stores', () => {
    expect(formatConfidence('0.8765')).toBe('88%');
  });

  it('keeps a near-certain or near-zero score off 100% and 0%', () => {
    expect(formatConfidence(0.998)).toBe('99%');
    expect(formatConfidence(0.001)).toBe('1%');
    expect(formatConfidence(1)).toBe('100%');
    expect(formatConfidence(0)).toBe('0%');
  });

  it('gives nothing for a missing or unreadable value', () => {
    expect(formatConfidence(undefined)).toBeNull();
    expect(formatConfidence('')).toBeNull();
    expect(formatConfidence('high')).toBeNull();
    expect(formatConfidence(1.5)).toBeNull();
  });
});

describe('in the console language rather than the browser locale', () => {
  const local = (day: number, hour: number, minute = 0) => new Date(2025, 2, day, hour, minute).toISOString();
  const now = new Date(2025, 2, 12, 15, 0).getTime();
  afterEach(() => setConsoleLanguage('en'));

  it('writes English dates in an English console even when the runtime locale is Ukrainian', () => {
    const browserDefault = Intl.DateTimeFormat;
    // A browser set to Ukrainian: any formatter built without an explicit locale would come out Ukrainian.
    const ukrainianByDefault = function (locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      return new browserDefault(locales ?? 'uk-UA', options);
    } as unknown as typeof Intl.DateTimeFormat;
    Intl.DateTimeFormat = ukrainianByDefault;
    try {
      setConsoleLanguage('en');
      expect(formatDateTime('2025-03-04T10:20:00Z')).toMatch(/Mar/);
      expect(formatDayLabel(local(3, 8), now)).toMatch(/^Monday, March 3/);
    } finally {
      Intl.DateTimeFormat = browserDefault;
    }
  });

  it('writes dates, spans and labels in Ukrainian once the console is switched', () => {
    setConsoleLanguage('uk');
    expect(formatDayLabel(local(12, 8), now)).toBe('Сьогодні');
    expect(formatDayLabel(local(10, 8), now)).toMatch(/понеділок, 10 березня/);
    expect(formatShortAgo(local(12, 14, 55), now)).toBe('5 хв');
    expect(formatDuration(125 * 60_000)).toBe('2 год 5 хв');
    expect(formatUpcoming(new Date(2025, 2, 13, 9, 0).toISOString(), now)).toBe('завтра о 9:00');
    expect(summarizeList(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C і ще 2');
  });
});
