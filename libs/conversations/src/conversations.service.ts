import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { type ConsentEventView, type ConversationStatus, type ConversationView, type MessageView, type Page } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { type ConversationRow, toConversationView, toMessageView } from './conversation-views';
import { ConsentEventEntity, ConversationEntity, MessageEntity } from './entities';

export interface ConversationFilter {
  status?: ConversationStatus;
  teamId?: string;
  channelId?: string;
  cursor?: string;
  limit?: number;
}

interface Cursor {
  at: string;
  id: string;
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decodeCursor(cursor: string): Cursor {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof decoded.at === 'string' && typeof decoded.id === 'string') return decoded;
  } catch {
    // fall through to the validation error
  }
  throw DomainError.notFound('Page');
}

/** Read side of conversations for agents: every query is scoped by the access rule. */
@Injectable()
export class ConversationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private baseQuery(actor: UserActor): SelectQueryBuilder<ConversationEntity> {
    const query = this.dataSource
      .createQueryBuilder(ConversationEntity, 'c')
      .innerJoin('contact', 'ct', 'ct.id = c.contact_id')
      .leftJoin('consent', 'cs', 'cs.contact_id = c.contact_id AND cs.channel_id = c.channel_id')
      .leftJoin(
        (sub) => sub.select('m.*').from(MessageEntity, 'm').where('m.conversation_id = c.id').orderBy('m.sent_at', 'DESC').addOrderBy('m.created_at', 'DESC').limit(1),
        'lm',
        'true',
      )
      .select([
        'c.id AS id',
        'c.channel_id AS channel_id',
        'c.team_id AS team_id',
        'c.status AS status',
        'c.unread_count AS unread_count',
        'c.last_message_at AS last_message_at',
        'c.waiting_since AS waiting_since',
        'c.created_at AS created_at',
        'ct.id AS contact_id',
        'ct.phone AS contact_phone',
        'ct.name AS contact_name',
        'ct.notes AS contact_notes',
        'cs.opted_out AS opted_out',
        'lm.id AS last_message_id',
        'lm.direction AS last_message_direction',
        'lm.body AS last_message_body',
        'lm.status AS last_message_status',
        'lm.sent_at AS last_message_sent_at',
      ]);
    return AccessPolicy.scopeToVisibleTeams(query, 'c.team_id', actor);
  }

  async list(actor: UserActor, filter: ConversationFilter): Promise<Page<ConversationView>> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const query = this.baseQuery(actor).orderBy('c.last_message_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1);
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.teamId) query.andWhere('c.team_id = :teamId', { teamId: filter.teamId });
    if (filter.channelId) query.andWhere('c.channel_id = :channelId', { channelId: filter.channelId });
    if (filter.cursor) {
      const cursor = decodeCursor(filter.cursor);
      query.andWhere('(c.last_message_at, c.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    }
    const rows = await query.getRawMany<ConversationRow>();
    const items = rows.slice(0, limit).map(toConversationView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.lastMessageAt, id: last.id }) : null };
  }

  async get(actor: UserActor, id: string): Promise<ConversationView> {
    const row = await this.baseQuery(actor).andWhere('c.id = :id', { id }).getRawOne<ConversationRow>();
    if (!row) throw DomainError.notFound('Conversation');
    return toConversationView(row);
  }

  /** Oldest first, as a thread reads; `before` pages back in time. */
  async messages(actor: UserActor, conversationId: string, options: { before?: string; limit?: number } = {}): Promise<Page<MessageView>> {
    await this.get(actor, conversationId);
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
    const query = this.dataSource
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .where('m.conversationId = :conversationId', { conversationId })
      .orderBy('m.sentAt', 'DESC')
      .addOrderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit + 1);
    if (options.before) {
      const cursor = decodeCursor(options.before);
      query.andWhere('(m.sentAt, m.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    }
    const newestFirst = await query.getMany();
    const page = newestFirst.slice(0, limit);
    const oldest = page[page.length - 1];
    return {
      items: page.reverse().map(toMessageView),
      nextCursor: newestFirst.length > limit && oldest ? encodeCursor({ at: oldest.sentAt.toISOString(), id: oldest.id }) : null,
    };
  }

  async consentHistory(actor: UserActor, conversationId: string): Promise<ConsentEventView[]> {
    const conversation = await this.get(actor, conversationId);
    const events = await this.dataSource.getRepository(ConsentEventEntity).find({ where: { contactId: conversation.contact.id }, order: { createdAt: 'DESC', id: 'DESC' } });
    return events.map((event) => ({
      action: event.action,
      source: event.source,
      keyword: event.keyword,
      actorUserId: event.actorUserId,
      channelId: event.channelId,
      createdAt: event.createdAt.toISOString(),
    }));
  }
}
