import type { ConversationStatus, MessageStatus } from './conversations';

/** Domain events, recorded in the same transaction as the change and published only after it commits. */
export interface DomainEventPayloads {
  'message.received': { messageId: string; conversationId: string; channelId: string; contactId: string };
  'message.status_changed': { messageId: string; conversationId: string; status: MessageStatus; previousStatus: MessageStatus };
  'conversation.created': { conversationId: string; channelId: string; contactId: string; status: ConversationStatus };
  'conversation.updated': { conversationId: string; status: ConversationStatus; previousStatus: ConversationStatus | null; reason: string };
  'consent.changed': { contactId: string; channelId: string; optedOut: boolean; keyword: string | null };
}

export type DomainEventType = keyof DomainEventPayloads;

export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  /** Monotonic across the whole install: the order in which changes committed their events. */
  seq: number;
  type: T;
  teamId: string | null;
  conversationId: string | null;
  payload: DomainEventPayloads[T];
  createdAt: string;
}
