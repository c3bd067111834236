import { type ConversationStatus, type ConversationView, type MessageDirection, type MessageStatus, type MessageView } from '@backtalk/contracts';
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
    createdAt: message.createdAt.toISOString(),
  };
}

/** A row of the inbox query (snake_case, straight from SQL). */
export interface ConversationRow {
  id: string;
  channel_id: string;
  team_id: string;
  status: ConversationStatus;
  unread_count: number;
  last_message_at: Date;
  waiting_since: Date | null;
  created_at: Date;
  contact_id: string;
  contact_phone: string;
  contact_name: string;
  contact_notes: string;
  opted_out: boolean | null;
  last_message_id: string | null;
  last_message_direction: MessageDirection | null;
  last_message_body: string | null;
  last_message_status: MessageStatus | null;
  last_message_sent_at: Date | null;
}

export function toConversationView(row: ConversationRow): ConversationView {
  return {
    id: row.id,
    channelId: row.channel_id,
    teamId: row.team_id,
    contact: { id: row.contact_id, phone: row.contact_phone, name: row.contact_name, notes: row.contact_notes },
    status: row.status,
    unreadCount: row.unread_count,
    lastMessageAt: row.last_message_at.toISOString(),
    waitingSince: row.waiting_since?.toISOString() ?? null,
    optedOut: row.opted_out ?? false,
    lastMessage: row.last_message_id
      ? {
          id: row.last_message_id,
          direction: row.last_message_direction!,
          body: row.last_message_body!,
          status: row.last_message_status!,
          sentAt: row.last_message_sent_at!.toISOString(),
        }
      : null,
    createdAt: row.created_at.toISOString(),
  };
}
