/**
 * Whether an open conversation `alias` belongs in its team's queue (besides being open and nobody's): a customer who
 * opted out and has not written since cannot be answered, so nobody should be handed them or count them as waiting.
 * Their next message sets waiting_since again, and they are back in the queue whether or not they opted back in.
 */
export const inQueue = (alias: string): string =>
  `NOT (${alias}.waiting_since IS NULL AND EXISTS (SELECT 1 FROM consent k WHERE k.contact_id = ${alias}.contact_id AND k.channel_id = ${alias}.channel_id AND k.opted_out))`;
