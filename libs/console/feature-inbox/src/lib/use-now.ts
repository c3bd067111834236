import { useSyncExternalStore } from 'react';

// One clock for every relative time on screen ("4m", "waiting 12m"), ticking twice a minute.
const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((notify) => notify());
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, refreshed every 30 s: enough for "4m ago" and cheap for a list of thousands. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
