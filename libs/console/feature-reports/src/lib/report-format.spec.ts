import { computeDelta, formatCostList, formatDayTick, formatMoney, formatPercent, formatSeconds, shortDuration } from './report-format';

describe('formatSeconds', () => {
  it('shows two units at most, the larger first, and drops a zero second unit', () => {
    expect(formatSeconds(45)).toBe('45 s');
    expect(formatSeconds(200)).toBe('3 min 20 s');
    expect(formatSeconds(180)).toBe('3 min');
    expect(formatSeconds(7500)).toBe('2 h 5 min');
    expect(formatSeconds(3 * 86_400 + 4 * 3600 + 59)).toBe('3 d 4 h');
  });

  it('says a dash when there is no value, never "0 s"', () => {
    expect(formatSeconds(null)).toBe('—');
    expect(formatSeconds(undefined)).toBe('—');
  });
});

describe('formatPercent', () => {
  it('keeps one decimal only when it is not zero', () => {
    expect(formatPercent(87)).toBe('87%');
    expect(formatPercent(87.54)).toBe('87.5%');
    expect(formatPercent(99.96)).toBe('100%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('formatMoney', () => {
  it('uses the currency when channels share one and keeps fractions of a cent for small sums', () => {
    expect(formatMoney(12.4, 'USD', 'en-US')).toBe('$12.40');
    expect(formatMoney(0.0079, 'USD', 'en-US')).toBe('$0.0079');
    expect(formatMoney(3.5, null, 'en-US')).toBe('3.50');
    expect(formatMoney(512, 'UAH', 'en-US')).toBe('₴512.00');
    expect(formatMoney(null, 'USD', 'en-US')).toBe('—');
  });
});

describe('formatCostList', () => {
  it('lists each currency’s cost on its own instead of adding them up', () => {
    expect(formatCostList({ UAH: 512, USD: 12.4 }, 'en-US')).toEqual(['₴512.00', '$12.40']);
    expect(formatCostList({}, 'en-US')).toEqual(['—']);
  });
});

describe('computeDelta', () => {
  it('gives a relative change for counts and durations, and says whether it is better', () => {
    expect(computeDelta(112, 100, 'count', 'neither')).toMatchObject({ text: '+12%', direction: 'up', tone: 'neutral' });
    expect(computeDelta(90, 120, 'seconds', 'lower')).toMatchObject({ text: '\u221225%', direction: 'down', tone: 'good' });
    expect(computeDelta(150, 120, 'seconds', 'lower')).toMatchObject({ text: '+25%', tone: 'bad' });
    expect(computeDelta(103, 100, 'count', 'higher').description).toBe('up 3% on the previous period');
  });

  it('says how many times as many when a number grew tenfold or more', () => {
    expect(computeDelta(252, 6, 'count', 'higher')).toMatchObject({ text: '×42', direction: 'up', tone: 'good', description: 'up 42 times on the previous period' });
    expect(computeDelta(95, 10, 'count', 'neither').text).toBe('+850%');
  });

  it('gives percentage points for percentages', () => {
    expect(computeDelta(91.5, 88, 'percent', 'higher')).toMatchObject({ text: '+3.5 pts', tone: 'good' });
    expect(computeDelta(80, 92, 'percent', 'higher')).toMatchObject({ text: '\u221212 pts', tone: 'bad' });
  });

  it('says "new" after an empty period and nothing when either period has no value', () => {
    expect(computeDelta(5, 0, 'count', 'neither')).toMatchObject({ text: 'new', description: 'none in the previous period' });
    expect(computeDelta(5, 5, 'count', 'higher')).toMatchObject({ text: 'no change', tone: 'neutral' });
    expect(computeDelta(5, null, 'count', 'higher').text).toBeNull();
    expect(computeDelta(null, 5, 'seconds', 'lower').text).toBeNull();
  });
});

describe('axis helpers', () => {
  it('labels duration ticks with one unit that fits the size', () => {
    expect([0, 45, 900, 4 * 3600, 3 * 86_400].map(shortDuration)).toEqual(['0', '45 s', '15 min', '4 h', '3 d']);
  });

  it('labels a local day without moving it through the browser’s time zone', () => {
    expect(formatDayTick('2026-12-01', 'en-US')).toBe('Dec 1');
  });
});
