import { useCallback, useSyncExternalStore } from 'react';

// One clock per tick interval for every relative time on screen ("4m", "waiting 12m", a live wait in seconds):
// a thousand rows share one timer instead of running one each.
interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
}

const clocks = new Map<number, Clock>();

function clockFor(tickMs: number): Clock {
  let clock = clocks.get(tickMs);
  if (!clock) {
    clock = { now: Date.now(), listeners: new Set(), timer: null };
    clocks.set(tickMs, clock);
  }
  return clock;
}

function subscribe(tickMs: number, listener: () => void): () => void {
  const clock = clockFor(tickMs);
  clock.listeners.add(listener);
  if (clock.timer === null) clock.now = Date.now();
  clock.timer ??= setInterval(() => {
    clock.now = Date.now();
    clock.listeners.forEach((notify) => notify());
  }, tickMs);
  return () => {
    clock.listeners.delete(listener);
    if (clock.listeners.size === 0 && clock.timer) {
      clearInterval(clock.timer);
      clock.timer = null;
    }
  };
}

/** The current time, refreshed every `tickMs` (30 s by default: enough for "4m ago" and cheap for a long list). */
export function useNow(tickMs = 30_000): number {
  const subscribeToClock = useCallback((listener: () => void) => subscribe(tickMs, listener), [tickMs]);
  return useSyncExternalStore(subscribeToClock, () => clockFor(tickMs).now);
}
