import type { ActivityView } from './activity';
import type { ConversationStatus, MessageKind, MessageStatus } from './conversations';

/** Domain events, recorded in the same transaction as the change and published only after it commits. */
export interface DomainEventPayloads {
  /** `blocked`: from a contact the team blocked; stored and shown, but nothing acts on it. */
  'message.received': { messageId: string; conversationId: string; channelId: string; contactId: string; blocked?: boolean };
  /** An outbound message was written (by an agent or by Backtalk) and queued for sending. */
  'message.created': { messageId: string; conversationId: string; channelId: string; kind: MessageKind };
  'message.status_changed': { messageId: string; conversationId: string; status: MessageStatus; previousStatus: MessageStatus };
  'conversation.created': { conversationId: string; channelId: string; contactId: string; status: ConversationStatus };
  'conversation.updated': { conversationId: string; status: ConversationStatus; previousStatus: ConversationStatus | null; reason: string };
  'consent.changed': { contactId: string; channelId: string; optedOut: boolean; keyword: string | null };
  'assignment.changed': {
    conversationId: string;
    assigneeId: string | null;
    previousAssigneeId: string | null;
    teamId: string;
    previousTeamId: string;
    /** The user who did it; null when Backtalk did (routing, rules). */
    actorId: string | null;
  };
  'contact.updated': { contactId: string };
  /** A line for the conversation's thread (status, priority, hands, consent, SLA, automation decisions). */
  'conversation.activity': { activity: ActivityView };
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
