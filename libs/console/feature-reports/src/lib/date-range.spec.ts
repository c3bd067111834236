import { dayCount, daysToInstants, describeDays, presetDays } from './date-range';

// 02:30 on 1 March 2026 in Kyiv is still 28 February in UTC and in New York.
const earlyKyivMorning = new Date('2026-03-01T00:30:00Z');

describe('presetDays', () => {
  it('counts today and yesterday in the viewer’s time zone, not in UTC', () => {
    expect(presetDays('today', earlyKyivMorning, 'Europe/Kyiv')).toEqual({ firstDay: '2026-03-01', lastDay: '2026-03-01' });
    expect(presetDays('today', earlyKyivMorning, 'UTC')).toEqual({ firstDay: '2026-03-01', lastDay: '2026-03-01' });
    expect(presetDays('today', earlyKyivMorning, 'America/New_York')).toEqual({ firstDay: '2026-02-28', lastDay: '2026-02-28' });
    expect(presetDays('yesterday', earlyKyivMorning, 'Europe/Kyiv')).toEqual({ firstDay: '2026-02-28', lastDay: '2026-02-28' });
  });

  it('makes the last 7 and 30 days end with today, today included', () => {
    const now = new Date('2026-12-06T16:00:00Z');
    expect(presetDays('7d', now, 'UTC')).toEqual({ firstDay: '2026-11-30', lastDay: '2026-12-06' });
    expect(presetDays('30d', now, 'UTC')).toEqual({ firstDay: '2026-11-07', lastDay: '2026-12-06' });
  });

  it('starts this month on the first of the viewer’s month', () => {
    expect(presetDays('month', earlyKyivMorning, 'Europe/Kyiv')).toEqual({ firstDay: '2026-03-01', lastDay: '2026-03-01' });
    expect(presetDays('month', earlyKyivMorning, 'America/New_York')).toEqual({ firstDay: '2026-02-01', lastDay: '2026-02-28' });
  });
});

describe('daysToInstants', () => {
  it('runs from the first local midnight to the midnight after the last day', () => {
    expect(daysToInstants({ firstDay: '2026-12-01', lastDay: '2026-12-07' }, 'Europe/Kyiv')).toEqual({
      from: '2026-11-30T22:00:00.000Z',
      to: '2026-12-07T22:00:00.000Z',
    });
  });

  it('keeps a day with a daylight-saving change as long as it is on the wall clock', () => {
    // Clocks in New York go forward on 8 March 2026: that day has 23 hours.
    const range = daysToInstants({ firstDay: '2026-03-08', lastDay: '2026-03-08' }, 'America/New_York');
    expect(range).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
  });

  it('refuses days that run backwards or do not parse', () => {
    expect(daysToInstants({ firstDay: '2026-12-07', lastDay: '2026-12-01' }, 'UTC')).toBeNull();
    expect(daysToInstants({ firstDay: 'yesterday', lastDay: '2026-12-01' }, 'UTC')).toBeNull();
  });
});

describe('dayCount and describeDays', () => {
  it('counts both ends and names the range briefly', () => {
    expect(dayCount({ firstDay: '2026-11-30', lastDay: '2026-12-06' })).toBe(7);
    expect(describeDays({ firstDay: '2026-11-30', lastDay: '2026-12-06' }, 'en-GB')).toBe('30 Nov – 6 Dec 2026');
    expect(describeDays({ firstDay: '2025-12-30', lastDay: '2026-01-02' }, 'en-GB')).toBe('30 Dec 2025 – 2 Jan 2026');
    expect(describeDays({ firstDay: '2026-12-06', lastDay: '2026-12-06' }, 'en-GB')).toBe('Sun, 6 Dec 2026');
  });
});
