import { MessageStatus } from '@backtalk/contracts';

/**
 * Outbound delivery moves forward only. Carriers send reports late, twice and out of order; ranking the states and
 * refusing every step backwards (or out of a final state) is what keeps a late "sent" from hiding a "delivered".
 */
const RANK: Readonly<Record<MessageStatus, number>> = {
  [MessageStatus.Received]: -1,
  [MessageStatus.Note]: -1,
  [MessageStatus.Scheduled]: -0.5,
  [MessageStatus.Cancelled]: 3,
  [MessageStatus.Queued]: 0,
  [MessageStatus.Sending]: 1,
  [MessageStatus.Unknown]: 1,
  [MessageStatus.Sent]: 2,
  [MessageStatus.Delivered]: 3,
  [MessageStatus.Undelivered]: 3,
  [MessageStatus.Failed]: 3,
};

export const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set([MessageStatus.Delivered, MessageStatus.Undelivered, MessageStatus.Failed, MessageStatus.Cancelled]);

/** Inbound messages and notes have no delivery to track. */
const UNTRACKED: ReadonlySet<MessageStatus> = new Set([MessageStatus.Received, MessageStatus.Note]);

export function canAdvance(from: MessageStatus, to: MessageStatus): boolean {
  if (UNTRACKED.has(from) || UNTRACKED.has(to)) return false;
  if (FINAL_STATUSES.has(from)) return false;
  // Only a message that has not gone to the provider can be cancelled: a scheduled one, or an automatic reply that a
  // person overtook while it was queued.
  if (to === MessageStatus.Cancelled) return from === MessageStatus.Scheduled || from === MessageStatus.Queued;
  if (to === MessageStatus.Scheduled) return false;
  // Only a send interrupted mid-call is unknown: the provider may or may not have it.
  if (to === MessageStatus.Unknown) return from === MessageStatus.Sending;
  return RANK[to] > RANK[from];
}
