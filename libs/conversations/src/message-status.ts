import { MessageStatus } from '@backtalk/contracts';

/**
 * Outbound delivery moves forward only. Carriers send reports late, twice and out of order; ranking the states and
 * refusing every step backwards (or out of a final state) is what keeps a late "sent" from hiding a "delivered".
 */
const RANK: Readonly<Record<MessageStatus, number>> = {
  [MessageStatus.Received]: -1,
  [MessageStatus.Queued]: 0,
  [MessageStatus.Sending]: 1,
  [MessageStatus.Unknown]: 1,
  [MessageStatus.Sent]: 2,
  [MessageStatus.Delivered]: 3,
  [MessageStatus.Undelivered]: 3,
  [MessageStatus.Failed]: 3,
};

export const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set([MessageStatus.Delivered, MessageStatus.Undelivered, MessageStatus.Failed]);

export function canAdvance(from: MessageStatus, to: MessageStatus): boolean {
  if (from === MessageStatus.Received || to === MessageStatus.Received) return false;
  if (FINAL_STATUSES.has(from)) return false;
  // Only a send interrupted mid-call is unknown: the provider may or may not have it.
  if (to === MessageStatus.Unknown) return from === MessageStatus.Sending;
  return RANK[to] > RANK[from];
}
