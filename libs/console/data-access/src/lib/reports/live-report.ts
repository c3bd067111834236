import type { DomainEventType } from '@backtalk/contracts';
import type { RealtimeStatus } from '../realtime/realtime.reducers';

/** Changes that can move a day's report numbers: messages in and out, conversations started, resolved or reopened. */
const NUMBER_MOVING_EVENTS: ReadonlySet<DomainEventType> = new Set(['message.received', 'message.created', 'message.status_changed', 'conversation.created', 'conversation.updated']);

export function movesReportNumbers(event: { type: DomainEventType }): boolean {
  return NUMBER_MOVING_EVENTS.has(event.type);
}

/**
 * Back to live after the socket was away (a reconnect, or the first connect): events may have been missed, or
 * replayed without a listener seeing them after a resync, so the numbers are fetched again.
 */
export function cameBackLive(status: RealtimeStatus, previous: RealtimeStatus): boolean {
  return status === 'live' && previous !== 'live';
}

export interface Timers {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/**
 * Runs `run` once, `intervalMs` after the first request since it last ran: a burst of events costs one refetch, at
 * most one every `intervalMs`, and the run that comes after an event always starts after it, so none is left out.
 */
export function createRefetchSchedule(run: () => void, intervalMs: number, timers: Timers) {
  let pending: unknown = null;
  return {
    request(): void {
      pending ??= timers.setTimeout(() => {
        pending = null;
        run();
      }, intervalMs);
    },
    cancel(): void {
      if (pending !== null) timers.clearTimeout(pending);
      pending = null;
    },
  };
}
