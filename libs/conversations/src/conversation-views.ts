import { type ContentRemovalCause, type ConversationPriority, type ConversationStatus, type ConversationView, type RoutingLanguage, type SlaKind, type MessageDirection, type MessageKind, type MessageStatus, type MessageView } from '@backtalk/contracts';
import type { MessageEntity } from './entities';

export function toMessageView(message: MessageEntity): MessageView {
  return {
    id: message.id,
    conversationId: message.conversationId,
    direction: message.direction,
    kind: message.kind,
    authorId: message.authorId,
    status: message.status,
    body: message.body,
    encoding: message.encoding,
    segments: message.segments,
    media: message.media,
    providerMessageId: message.providerMessageId,
    sentAt: message.sentAt.toISOString(),
    incomplete: message.incomplete,
    error: message.errorCode ? { code: message.errorCode, reason: message.errorReason ?? '', category: message.errorCategory ?? 'unknown' } : null,
    sendAt: message.sendAt?.toISOString() ?? null,
    estimatedCost: message.estimatedCost,
    externalReference: message.externalReference,
    metadata: message.metadata,
    removed: message.removedBy ? { body: message.bodyRemovedAt !== null, media: message.mediaRemovedAt !== null, by: message.removedBy } : null,
    createdAt: message.createdAt.toISOString(),
  };
}

/** A row of the inbox query (snake_case, straight from SQL). */
export interface ConversationRow {
  id: string;
  channel_id: string;
  team_id: string;
  status: ConversationStatus;
  assignee_id: string | null;
  unread_count: number;
  last_message_at: Date;
  last_inbound_at: Date | null;
  waiting_since: Date | null;
  snoozed_until: Date | null;
  resolved_at: Date | null;
  priority: ConversationPriority;
  language: RoutingLanguage | null;
  sla_due_at: Date | null;
  sla_kind: SlaKind | null;
  created_at: Date;
  updated_at: Date;
  contact_id: string;
  /** Null once the contact is erased. */
  contact_phone: string | null;
  contact_name: string;
  contact_erased_at: Date | null;
  contact_notes: string;
  opted_out: boolean | null;
  label_ids: string[];
  last_message_id: string | null;
  last_message_direction: MessageDirection | null;
  last_message_kind: MessageKind | null;
  last_message_body: string | null;
  last_message_removed_by: ContentRemovalCause | null;
  last_message_body_removed: boolean | null;
  last_message_media_removed: boolean | null;
  last_message_status: MessageStatus | null;
  last_message_sent_at: Date | null;
}

export function toConversationView(row: ConversationRow): ConversationView {
  return {
    id: row.id,
    channelId: row.channel_id,
    teamId: row.team_id,
    contact: { id: row.contact_id, phone: row.contact_phone ?? '', name: row.contact_name, notes: row.contact_notes, erasedAt: row.contact_erased_at?.toISOString() ?? null },
    status: row.status,
    assigneeId: row.assignee_id,
    unreadCount: row.unread_count,
    lastMessageAt: row.last_message_at.toISOString(),
    lastInboundAt: row.last_inbound_at?.toISOString() ?? null,
    waitingSince: row.waiting_since?.toISOString() ?? null,
    snoozedUntil: row.snoozed_until?.toISOString() ?? null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    priority: row.priority,
    language: row.language,
    slaDueAt: row.sla_due_at?.toISOString() ?? null,
    slaKind: row.sla_kind,
    optedOut: row.opted_out ?? false,
    labelIds: row.label_ids,
    lastMessage: row.last_message_id
      ? {
          id: row.last_message_id,
          direction: row.last_message_direction!,
          kind: row.last_message_kind!,
          body: row.last_message_body!,
          removed: row.last_message_removed_by ? { body: row.last_message_body_removed === true, media: row.last_message_media_removed === true, by: row.last_message_removed_by } : null,
          status: row.last_message_status!,
          sentAt: row.last_message_sent_at!.toISOString(),
        }
      : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
