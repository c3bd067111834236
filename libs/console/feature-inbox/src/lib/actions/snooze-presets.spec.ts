import { parseFutureDateTime, snoozePresets, toDateTimeLocal } from './snooze-presets';

const local = (day: number, hour: number, minute = 0) => new Date(2025, 2, day, hour, minute);
const byId = (now: Date) => Object.fromEntries(snoozePresets(now).map((preset) => [preset.id, new Date(preset.until)]));

describe('snoozePresets', () => {
  it('offers an hour, three hours, this evening, tomorrow at 9 and next Monday at 9 on a Wednesday morning', () => {
    const presets = byId(local(12, 10)); // Wednesday 12 March 2025

    expect(presets['1h']).toEqual(local(12, 11));
    expect(presets['3h']).toEqual(local(12, 13));
    expect(presets['evening']).toEqual(local(12, 18));
    expect(presets['tomorrow']).toEqual(local(13, 9));
    expect(presets['next-week']).toEqual(local(17, 9));
  });

  it('leaves out "this evening" in the afternoon', () => {
    expect(byId(local(12, 16))['evening']).toBeUndefined();
  });

  it('means the coming Monday on a Sunday, and the Monday after on a Monday', () => {
    expect(byId(local(16, 10))['next-week']).toEqual(local(17, 9));
    expect(byId(local(17, 10))['next-week']).toEqual(local(24, 9));
  });
});

describe('custom snooze times', () => {
  it('round-trips a local time through the datetime-local format', () => {
    expect(toDateTimeLocal(local(12, 9, 5))).toBe('2025-03-12T09:05');
    expect(parseFutureDateTime('2025-03-12T09:05', local(12, 8))).toEqual(local(12, 9, 5));
  });

  it('refuses an empty value or a time that has passed', () => {
    expect(parseFutureDateTime('', local(12, 8))).toBeNull();
    expect(parseFutureDateTime('2025-03-12T07:00', local(12, 8))).toBeNull();
  });
});
