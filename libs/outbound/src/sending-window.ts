import type { AppConfig } from '@backtalk/platform';

/** The database work around a provider call: reading the channel before it, recording the outcome after it. */
export const SENDING_WINDOW_MARGIN_MS = 2000;

/**
 * How long a message may stay `sending` before the outbox sweeper marks it `unknown`. A live worker ends every send
 * within PROVIDER_TIMEOUT_MS of the call; Bull presumes a silent worker dead only once its job lock (QUEUE_LOCK_MS)
 * has lapsed, so a worker that is merely stalled (a long pause, a starved CPU) is still given that long. After both,
 * nobody can still be waiting for the provider's answer, and the message is never sent again on its own.
 */
export function sendingWindowMs(config: Pick<AppConfig, 'PROVIDER_TIMEOUT_MS' | 'QUEUE_LOCK_MS'>): number {
  return config.PROVIDER_TIMEOUT_MS + config.QUEUE_LOCK_MS + SENDING_WINDOW_MARGIN_MS;
}
