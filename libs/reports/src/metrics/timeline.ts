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
  const open = new OpenStretches(hours);
  return (start, end) => open.openMillisecondsBetween(start.getTime(), end.getTime()) / 1000;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A team's open stretches over the weeks asked about, found once with the schedule's nextChange and then summed by
 * binary search: measuring a batch of conversations asks about the same weeks thousands of times, and each nextChange
 * works through the schedule's days and holidays in its time zone.
 */
class OpenStretches {
  private coveredFrom = Infinity;
  private coveredTo = -Infinity;
  /** Sorted, not overlapping, within [coveredFrom, coveredTo). */
  private stretches: Array<[number, number]> = [];
  /** Open milliseconds of the stretches before each one. */
  private openBefore: number[] = [];

  constructor(private readonly hours: BusinessHours) {}

  openMillisecondsBetween(start: number, end: number): number {
    if (end <= start) return 0;
    if (start < this.coveredFrom || end > this.coveredTo) this.cover(Math.min(start, this.coveredFrom) - WEEK_MS, Math.max(end, this.coveredTo) + WEEK_MS);
    return this.openUntil(end) - this.openUntil(start);
  }

  /** Open milliseconds from the start of the covered span up to `instant`. */
  private openUntil(instant: number): number {
    let low = 0;
    let high = this.stretches.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.stretches[middle][0] < instant) low = middle + 1;
      else high = middle;
    }
    if (low === 0) return 0;
    const [start, end] = this.stretches[low - 1];
    return this.openBefore[low - 1] + Math.min(instant, end) - start;
  }

  private cover(from: number, to: number): void {
    const stretches: Array<[number, number]> = [];
    let at = from;
    while (at < to) {
      const change = nextChange(this.hours, new Date(at));
      const until = change ? Math.min(change.getTime(), to) : to;
      if (isOpenAt(this.hours, new Date(at))) stretches.push([at, until]);
      if (!change) break;
      at = change.getTime();
    }
    this.stretches = stretches;
    this.openBefore = [];
    let total = 0;
    for (const [start, end] of stretches) {
      this.openBefore.push(total);
      total += end - start;
    }
    this.coveredFrom = from;
    this.coveredTo = to;
  }
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
