export interface ThrottleTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => number;
}

const browserTimers: ThrottleTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface Throttled {
  /** Runs now when the last run is old enough, otherwise once at the end of the interval however often it is called. */
  trigger: () => void;
  cancel: () => void;
}

/**
 * At most one run per `intervalMs`, the first without delay: a lone change shows at once, and a burst of them costs
 * one run at the start and one at the end rather than one each.
 */
export function throttle(fn: () => void, intervalMs: number, timers: ThrottleTimers = browserTimers): Throttled {
  let lastRun = -Infinity;
  let pending: unknown = null;

  const run = () => {
    pending = null;
    lastRun = timers.now();
    fn();
  };

  return {
    trigger() {
      if (pending !== null) return;
      const wait = lastRun + intervalMs - timers.now();
      if (wait <= 0) run();
      else pending = timers.setTimeout(run, wait);
    },
    cancel() {
      if (pending !== null) timers.clearTimeout(pending);
      pending = null;
    },
  };
}
