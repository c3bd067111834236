import { SENDING_WINDOW_MARGIN_MS, sendingWindowMs } from './sending-window';

describe('the window a message may stay sending', () => {
  it('is the provider timeout plus the queue lock plus a margin for the database work around the call', () => {
    expect(sendingWindowMs({ PROVIDER_TIMEOUT_MS: 15_000, QUEUE_LOCK_MS: 30_000 })).toBe(45_000 + SENDING_WINDOW_MARGIN_MS);
    expect(sendingWindowMs({ PROVIDER_TIMEOUT_MS: 4_000, QUEUE_LOCK_MS: 2_000 })).toBe(6_000 + SENDING_WINDOW_MARGIN_MS);
  });

  it('always outlasts a provider call, so a send that can still be answered is never declared unknown', () => {
    for (const timeout of [100, 15_000, 120_000]) expect(sendingWindowMs({ PROVIDER_TIMEOUT_MS: timeout, QUEUE_LOCK_MS: 1000 })).toBeGreaterThan(timeout);
  });

  it('is well under the five minutes it used to be with the default settings', () => {
    expect(sendingWindowMs({ PROVIDER_TIMEOUT_MS: 15_000, QUEUE_LOCK_MS: 30_000 })).toBeLessThan(60_000);
  });
});
