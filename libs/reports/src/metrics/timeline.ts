import type { DurationStats } from '@backtalk/contracts';
import { isOpenAt, nextChange } from '@backtalk/business-hours';
import type { BusinessHours } from '@backtalk/contracts';

/** What happened in a conversation, as far as speed is concerned. Notes, notifications and confirmations are not replies. */
export type TimelineEvent = { at: Date; type: 'created' | 'customer' | 'reply' | 'resolved' | 'reopened'; by?: string | null };

/**
 * A measured wait: when it began (which day it counts in), how long it took in seconds, and who ended it (the agent
 * who replied or resolved, when the ending event names one).
 */
export interface Measured {
  start: Date;
  seconds: number;
  by?: string | null;
}

export interface TimelineMeasures {
  firstResponse: Measured | null;
  nextResponses: Measured[];
  resolutions: Measured[];
}

/** How long from start to end counts: calendar time, or only a team's open hours. */
export type Elapsed = (start: Date, end: Date) => number;

export const calendarSeconds: Elapsed = (start, end) => Math.max(0, (end.getTime() - start.getTime()) / 1000);

/**
 * Speed over one conversation's events in time order. A customer message that follows a reply (or nothing) starts a
 * wait; the first reply after it, by an agent or automatically, ends it. The conversation's first wait is its first
 * response; every later one is a next response. A resolve ends an episode that began when the conversation was created
 * or last reopened, so a conversation reopened twice has three resolution times.
 */
export function measureTimeline(events: readonly TimelineEvent[], elapsed: Elapsed = calendarSeconds): TimelineMeasures {
  const measures: TimelineMeasures = { firstResponse: null, nextResponses: [], resolutions: [] };
  let waitingSince: Date | null = null;
  let answeredBefore = false;
  let episodeStart: Date | null = null;
  for (const event of events) {
    switch (event.type) {
      case 'created':
        episodeStart ??= event.at;
        break;
      case 'customer':
        episodeStart ??= event.at;
        waitingSince ??= event.at;
        break;
      case 'reply':
        if (waitingSince) {
          const wait = { start: waitingSince, seconds: elapsed(waitingSince, event.at), by: event.by };
          if (answeredBefore) measures.nextResponses.push(wait);
          else measures.firstResponse = wait;
          answeredBefore = true;
          waitingSince = null;
        }
        break;
      case 'resolved':
        if (episodeStart) measures.resolutions.push({ start: event.at, seconds: elapsed(episodeStart, event.at), by: event.by });
        episodeStart = null;
        // A resolve without a reply leaves nobody waiting; the customer's next message starts a new wait.
        waitingSince = null;
        break;
      case 'reopened':
        episodeStart = event.at;
        break;
    }
  }
  return measures;
}

/** Seconds between two instants during which the team is open; calendar seconds for a team without business hours. */
export function businessSeconds(hours: BusinessHours | null): Elapsed {
  if (!hours) return calendarSeconds;
  return (start, end) => {
    let total = 0;
    let at = start;
    while (at < end) {
      const change = nextChange(hours, at);
      const until = change && change < end ? change : end;
      if (isOpenAt(hours, at)) total += until.getTime() - at.getTime();
      if (!change) break;
      at = change;
    }
    return total / 1000;
  };
}

/**
 * Median and 90th percentile by linear interpolation between the nearest ranks (what PostgreSQL's percentile_cont
 * does), so the API's numbers and a spreadsheet's agree; null over no values rather than a misleading 0.
 */
export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) };
}

function percentile(sorted: readonly number[], fraction: number): number {
  const rank = (sorted.length - 1) * fraction;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return Math.round((sorted[low] + (sorted[high] - sorted[low]) * (rank - low)) * 10) / 10;
}
