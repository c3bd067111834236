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
}

@Injectable()
export class OutboundMessagesService {
  constructor(private readonly eventLog: EventLog) {}

  /**
   * Writes an outbound message as `queued` inside the caller's transaction. The caller enqueues the id with
   * OutboundQueue after the commit, so a job never points at a message that rolled back.
   */
  async queue(manager: EntityManager, message: NewOutboundMessage): Promise<{ message: MessageEntity; events: DomainEvent[] }> {
    const analysis = analyseSms(message.body);
    const now = new Date();
    const saved = await manager.save(
      manager.create(MessageEntity, {
        conversationId: message.conversationId,
        channelId: message.channelId,
        direction: MessageDirection.Outbound,
        kind: message.kind,
        authorId: message.authorId ?? null,
        status: MessageStatus.Queued,
        body: message.body,
        encoding: analysis.encoding,
        segments: analysis.segments,
        media: [],
        providerMessageId: null,
        providerTimestamp: null,
        sentAt: now,
        queuedAt: now,
      }),
    );
    await manager.query(`UPDATE conversation SET last_message_at = GREATEST(last_message_at, $2), updated_at = now() WHERE id = $1`, [message.conversationId, now]);
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
