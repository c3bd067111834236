export const HEALTH_POLL_FIRST_DELAY_MS = 2_000;
export const HEALTH_POLL_MAX_DELAY_MS = 5_000;

/** 2 s, 3 s, 4.5 s, then every 5 s: quick to notice a restart, gentle on a server that is down. */
export function healthPollDelayMs(failedAttempts: number): number {
  return Math.min(HEALTH_POLL_MAX_DELAY_MS, Math.round(HEALTH_POLL_FIRST_DELAY_MS * 1.5 ** failedAttempts));
}

export interface HealthPollerCallbacks {
  /** Resolves true once the API answers its health check. */
  probe: () => Promise<boolean>;
  onAttempt: () => void;
  onFailure: () => void;
  onRecovered: () => void;
}

/** Probes until the API answers, then stops. Returns a function that stops it early. */
export function startHealthPolling({ probe, onAttempt, onFailure, onRecovered }: HealthPollerCallbacks): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (failedAttempts: number) => {
    timer = setTimeout(async () => {
      onAttempt();
      const healthy = await probe().catch(() => false);
      if (stopped) return;
      if (healthy) {
        onRecovered();
        return;
      }
      onFailure();
      schedule(failedAttempts + 1);
    }, healthPollDelayMs(failedAttempts));
  };

  schedule(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
