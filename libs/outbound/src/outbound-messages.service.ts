import { type DomainEvent, MessageDirection, type MessageKind, MessageStatus } from '@backtalk/contracts';
import { MessageEntity } from '@backtalk/conversations';
import { EventLog } from '@backtalk/platform';
import { analyseSms } from '@backtalk/sms';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface NewOutboundMessage {
  conversationId: string;
  channelId: string;
  teamId: string;
  body: string;
  kind: MessageKind;
  authorId?: string | null;
  /** A later time makes the message `scheduled` until then. */
  sendAt?: Date | null;
  /** The channel's price, for the stored cost estimate. */
  pricePerSegment?: number;
  externalReference?: string | null;
  metadata?: Record<string, string> | null;
  /** An agent answered: the customer is no longer waiting and the conversation counts as read. */
  answersCustomer?: boolean;
}

/** The one writer of outbound messages: agent replies, notifications and Backtalk's own keyword confirmations. */
@Injectable()
export class OutboundMessagesService {
  constructor(private readonly eventLog: EventLog) {}

  /**
   * Writes an outbound message as `queued` (or `scheduled`) inside the caller's transaction, with its encoding,
   * segments and cost, and logs message.created. The caller enqueues the id with OutboundQueue after the commit, so a
   * job never points at a message that rolled back.
   */
  async queue(manager: EntityManager, message: NewOutboundMessage): Promise<{ message: MessageEntity; events: DomainEvent[] }> {
    const analysis = analyseSms(message.body);
    const now = new Date();
    const scheduled = message.sendAt != null && message.sendAt.getTime() > now.getTime();
    const saved = await manager.save(
      manager.create(MessageEntity, {
        conversationId: message.conversationId,
        channelId: message.channelId,
        direction: MessageDirection.Outbound,
        kind: message.kind,
        authorId: message.authorId ?? null,
        status: scheduled ? MessageStatus.Scheduled : MessageStatus.Queued,
        body: message.body,
        encoding: analysis.encoding,
        segments: analysis.segments,
        media: [],
        providerMessageId: null,
        providerTimestamp: null,
        sentAt: scheduled ? message.sendAt! : now,
        sendAt: scheduled ? message.sendAt! : null,
        queuedAt: now,
        estimatedCost: Math.round(analysis.segments * (message.pricePerSegment ?? 0) * 100_000) / 100_000,
        externalReference: message.externalReference ?? null,
        metadata: message.metadata ?? null,
      }),
    );
    await manager.query(
      `UPDATE conversation SET last_message_at = GREATEST(last_message_at, $2),
         waiting_since = CASE WHEN $3::boolean THEN NULL ELSE waiting_since END, unread_count = CASE WHEN $3::boolean THEN 0 ELSE unread_count END, updated_at = now()
       WHERE id = $1`,
      [message.conversationId, saved.sentAt, message.answersCustomer ?? false],
    );
    const events = await this.eventLog.append(manager, [
      {
        type: 'message.created',
        teamId: message.teamId,
        conversationId: message.conversationId,
        payload: { messageId: saved.id, conversationId: message.conversationId, channelId: message.channelId, kind: message.kind },
      },
    ]);
    return { message: saved, events };
  }
}
