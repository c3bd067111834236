import type { ConversationView, DomainEvent, MessageView, RealtimeEvent } from '@backtalk/contracts';
import { ConversationsService, MessageEntity, toMessageView } from '@backtalk/conversations';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';

const ATTEMPT_DELAYS_MS = [0, 100, 400];

const messageIdOf = (event: DomainEvent): string | null => {
  const payload = event.payload as { messageId?: unknown };
  return typeof payload.messageId === 'string' ? payload.messageId : null;
};

/**
 * Adds to each event the conversation and message as they are now, so the console applies an event without asking
 * for anything. One read per batch of events, whatever the number of sockets; the views are read without the access
 * rule, which is applied per socket afterwards.
 */
@Injectable()
export class EventHydrator {
  private readonly logger = new Logger(EventHydrator.name);

  constructor(
    private readonly conversations: ConversationsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Never fails: after a few attempts the events go out bare (ids and payload), which the console can still apply. */
  async hydrate(events: readonly DomainEvent[]): Promise<RealtimeEvent[]> {
    let lastError: unknown;
    for (const delay of ATTEMPT_DELAYS_MS) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        return await this.read(events);
      } catch (error) {
        lastError = error;
      }
    }
    this.logger.warn({ err: lastError, count: events.length }, 'could not read the views of domain events; sending them bare');
    return [...events];
  }

  private async read(events: readonly DomainEvent[]): Promise<RealtimeEvent[]> {
    const conversationIds = [...new Set(events.flatMap((event) => (event.conversationId ? [event.conversationId] : [])))];
    const messageIds = [...new Set(events.flatMap((event) => messageIdOf(event) ?? []))];
    const [conversations, messages] = await Promise.all([
      conversationIds.length > 0 ? this.conversations.viewsOf(conversationIds) : new Map<string, ConversationView>(),
      messageIds.length > 0 ? this.dataSource.getRepository(MessageEntity).findBy({ id: In(messageIds) }) : [],
    ]);
    const messageViews = new Map<string, MessageView>(messages.map((message) => [message.id, toMessageView(message)]));
    return events.map((event) => {
      const conversation = event.conversationId ? conversations.get(event.conversationId) : undefined;
      const messageId = messageIdOf(event);
      const message = messageId ? messageViews.get(messageId) : undefined;
      return { ...event, ...(conversation ? { conversation } : {}), ...(message ? { message } : {}) };
    });
  }
}
