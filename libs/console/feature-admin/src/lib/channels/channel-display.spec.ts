import { formatMinutes } from './channel-display';

describe('formatMinutes', () => {
  it('says a day as 24 hours, as the default window is usually thought of', () => {
    expect(formatMinutes(1440)).toBe('24 hours');
  });

  it('uses hours for whole hours and days for several whole days', () => {
    expect(formatMinutes(60)).toBe('1 hour');
    expect(formatMinutes(2160)).toBe('36 hours');
    expect(formatMinutes(10080)).toBe('7 days');
  });

  it('keeps minutes that are not whole hours', () => {
    expect(formatMinutes(90)).toBe('90 minutes');
    expect(formatMinutes(1)).toBe('1 minute');
  });

  it('calls a zero window off: every message then starts a new conversation', () => {
    expect(formatMinutes(0)).toBe('Off');
  });
});
