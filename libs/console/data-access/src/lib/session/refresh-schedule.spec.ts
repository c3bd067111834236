import { refreshDelayMs } from './refresh-schedule';

const NOW = 5_000_000;

describe('refreshDelayMs', () => {
  it('renews a 15-minute token one minute before it expires', () => {
    expect(refreshDelayMs(NOW + 15 * 60_000, NOW)).toBe(14 * 60_000);
  });

  it('renews a short-lived token at half its remaining life', () => {
    expect(refreshDelayMs(NOW + 90_000, NOW)).toBe(45_000);
  });

  it('renews at once a token that has already expired, as after a laptop wakes up', () => {
    expect(refreshDelayMs(NOW - 1_000, NOW)).toBe(0);
  });

  it('counts from the current time, not from when the token was issued', () => {
    expect(refreshDelayMs(NOW + 15 * 60_000, NOW + 10 * 60_000)).toBe(4 * 60_000);
  });
});
