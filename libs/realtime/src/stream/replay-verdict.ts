export interface ReplayLimits {
  maxEvents: number;
  maxAgeMs: number;
}

export interface Gap {
  /** Events in the gap, counted up to `maxEvents + 1` at most. */
  events: number;
  /** When the first missed event was written; null when nothing was missed. */
  oldestAt: Date | null;
  /**
   * True when retention already deleted events after the console's seq: what is left of the gap looks complete and
   * recent, but is not. Only events older than the replay window are deleted, so this gap was too old anyway.
   */
  trimmed: boolean;
}

/** Whether a reconnecting console gets what it missed, or must reload its lists because the gap is too big to replay. */
export function replayVerdict(gap: Gap, limits: ReplayLimits, now: Date): 'replay' | 'gap_too_old' | 'too_many_events' {
  if (gap.trimmed) return 'gap_too_old';
  if (gap.oldestAt && now.getTime() - gap.oldestAt.getTime() > limits.maxAgeMs) return 'gap_too_old';
  if (gap.events > limits.maxEvents) return 'too_many_events';
  return 'replay';
}
