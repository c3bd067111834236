import { AccessPolicy, type UserActor } from '@backtalk/auth';
import {
  type ConsentEventView,
  type ConversationListQuery,
  ConversationStatus,
  type ConversationView,
  type InboxCounts,
  type MessageView,
  type Page,
} from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { applyConversationFilters, readConversationSearch } from './conversation-filters';
import { type ConversationRow, toConversationView, toMessageView } from './conversation-views';
import { ConsentEventEntity, ConversationEntity, MessageEntity } from './entities';

interface Cursor {
  at: string;
  id: string;
  /**
   * A thread's second key, its messages' arrival as PostgreSQL prints it (to the microsecond): a carrier that stamps
   * whole seconds gives a burst one send time, and arrival then orders it.
   */
  created?: string;
}

/** A timestamp as PostgreSQL prints one. */
const PRINTED_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/** Far enough in the future to sort conversations nobody waits on after every waiting one. */
const NOT_WAITING = '9999-12-31T00:00:00.000Z';


const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
/**
 * Only what encodeCursor writes is accepted: a cursor is handed back by the client, and anything else in it (a date
 * PostgreSQL cannot read, an id that is not a UUID) would otherwise fail inside the query as a 500.
 */
function decodeCursor(cursor: string, field: 'cursor' | 'before'): Cursor {
  let decoded: Partial<Cursor> | null = null;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor> | null;
  } catch {
    // not JSON: refused below
  }
  const { at, id, created } = decoded ?? {};
  const createdValid = created === undefined || (field === 'before' && typeof created === 'string' && PRINTED_TIMESTAMP.test(created));
  if (typeof at === 'string' && isStoredTimestamp(at) && typeof id === 'string' && isUUID(id) && createdValid) return created === undefined ? { at, id } : { at, id, created };
  throw DomainError.validation('Invalid request: the page cursor is malformed; use the nextCursor of the previous page', [
    { field, messages: [`${field} must be a nextCursor this API returned`] },
  ]);
}

/** An ISO timestamp exactly as Date#toISOString writes it, in years 1 to 9999 (PostgreSQL's year 0 does not exist). */
function isStoredTimestamp(at: string): boolean {
  const time = Date.parse(at);
  return /^\d{4}-/.test(at) && !at.startsWith('0000') && Number.isFinite(time) && new Date(time).toISOString() === at;
}

/** Read side of conversations for agents: every query is scoped by the access rule. */
@Injectable()
export class ConversationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private baseQuery(actor: UserActor | null): SelectQueryBuilder<ConversationEntity> {
    const query = this.dataSource
      .createQueryBuilder(ConversationEntity, 'c')
      .innerJoin('contact', 'ct', 'ct.id = c.contact_id')
      .leftJoin('consent', 'cs', 'cs.contact_id = c.contact_id AND cs.channel_id = c.channel_id')
      // The notes of the conversation's team only: another team's notes about the customer are theirs.
      .leftJoin('contact_note', 'cn', 'cn.contact_id = c.contact_id AND cn.team_id = c.team_id')
      // The latest message a customer saw or sent (a private note is neither), found through the thread index.
      .leftJoin(
        MessageEntity,
        'lm',
        `lm.id = (SELECT m.id FROM message m WHERE m.conversation_id = c.id AND m.direction <> 'internal' ORDER BY m.sent_at DESC, m.created_at DESC LIMIT 1)`,
      )
      .select([
        'c.id AS id',
        'c.channel_id AS channel_id',
        'c.team_id AS team_id',
        'c.status AS status',
        'c.assignee_id AS assignee_id',
        'c.unread_count AS unread_count',
        'c.last_message_at AS last_message_at',
        'c.last_inbound_at AS last_inbound_at',
        'c.waiting_since AS waiting_since',
        'c.snoozed_until AS snoozed_until',
        'c.resolved_at AS resolved_at',
        'c.priority AS priority',
        'c.language AS language',
        'c.sla_due_at AS sla_due_at',
        'c.sla_kind AS sla_kind',
        'c.created_at AS created_at',
        'c.updated_at AS updated_at',
        'ct.id AS contact_id',
        'ct.phone AS contact_phone',
        'ct.name AS contact_name',
        'ct.erased_at AS contact_erased_at',
        `COALESCE(cn.body, '') AS contact_notes`,
        'cs.opted_out AS opted_out',
        // Through the (conversation_id, label_id) primary key: a few rows per conversation.
        'ARRAY(SELECT cl.label_id::text FROM conversation_label cl WHERE cl.conversation_id = c.id ORDER BY cl.added_at, cl.label_id) AS label_ids',
        'lm.id AS last_message_id',
        'lm.direction AS last_message_direction',
        'lm.kind AS last_message_kind',
        'lm.body AS last_message_body',
        'lm.removed_by AS last_message_removed_by',
        'lm.body_removed_at IS NOT NULL AS last_message_body_removed',
        'lm.media_removed_at IS NOT NULL AS last_message_media_removed',
        'lm.status AS last_message_status',
        'lm.sent_at AS last_message_sent_at',
      ]);
    return actor ? AccessPolicy.scopeToVisibleConversations(query, 'c', actor) : query;
  }

  /** The inbox: one view (mine, unassigned, a team, all) narrowed by the filters, newest activity or longest waiting first. */
  async list(actor: UserActor, filter: ConversationListQuery): Promise<Page<ConversationView>> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const search = await readConversationSearch(this.dataSource, actor, filter.q);
    const waitingFirst = filter.sort === 'waiting';
    const sortKey = waitingFirst ? `COALESCE(c.waiting_since, '${NOT_WAITING}'::timestamptz)` : 'c.last_message_at';
    const direction = waitingFirst ? 'ASC' : 'DESC';

    // The page is chosen on the conversation rows alone, and only its rows get their contact, consent, notes, labels
    // and latest message: joined before the sort, each of those ran for every conversation the filters let through
    // (800 open unassigned ones took 130 ms of lookups to show 50).
    const page = this.dataSource.createQueryBuilder(ConversationEntity, 'c').select('c.id').limit(limit + 1);
    if (search) page.innerJoin('contact', 'ct', 'ct.id = c.contact_id');
    AccessPolicy.scopeToVisibleConversations(page, 'c', actor);
    applyConversationFilters(page, actor, filter, search);
    page.orderBy(sortKey, direction).addOrderBy('c.id', direction);
    if (filter.cursor) {
      const cursor = decodeCursor(filter.cursor, 'cursor');
      page.andWhere(`(${sortKey}, c.id) ${waitingFirst ? '>' : '<'} (:cursorAt, :cursorId)`, { cursorAt: cursor.at, cursorId: cursor.id });
    }
    const query = this.baseQuery(null).where(`c.id IN (${page.getQuery()})`).setParameters(page.getParameters()).orderBy(sortKey, direction).addOrderBy('c.id', direction);

    const rows = await query.getRawMany<ConversationRow>();
    const items = rows.slice(0, limit).map(toConversationView);
    const last = items[items.length - 1];
    const lastKey = last && (waitingFirst ? (last.waitingSince ?? NOT_WAITING) : last.lastMessageAt);
    return { items, nextCursor: rows.length > limit && last && lastKey ? encodeCursor({ at: lastKey, id: last.id }) : null };
  }

  /** How many conversations of a status each inbox view holds, for the sidebar badges. */
  async counts(actor: UserActor, status: ConversationStatus = ConversationStatus.Open): Promise<InboxCounts> {
    const query = this.dataSource
      .createQueryBuilder(ConversationEntity, 'c')
      .select('c.team_id', 'team_id')
      .addSelect('count(*)::int', 'total')
      .addSelect('count(*) FILTER (WHERE c.assignee_id IS NULL)::int', 'unassigned')
      .addSelect('count(*) FILTER (WHERE c.assignee_id = :me)::int', 'mine')
      .where('c.status = :status', { status, me: actor.userId })
      .groupBy('c.team_id');
    const rows = await AccessPolicy.scopeToVisibleConversations(query, 'c', actor).getRawMany<{ team_id: string; total: number; unassigned: number; mine: number }>();
    const counts: InboxCounts = { mine: 0, unassigned: 0, all: 0, teams: {} };
    for (const row of rows) {
      counts.mine += row.mine;
      counts.all += row.total;
      if (!AccessPolicy.canSeeTeam(actor, row.team_id)) continue;
      counts.unassigned += row.unassigned;
      counts.teams[row.team_id] = row.total;
    }
    return counts;
  }

  /**
   * A conversation as the inbox shows it, without the access rule: for callers that apply the rule themselves (the
   * realtime gateway filters per socket) or that just changed it.
   */
  async viewOf(id: string): Promise<ConversationView> {
    const row = await this.baseQuery(null).andWhere('c.id = :id', { id }).getRawOne<ConversationRow>();
    if (!row) throw DomainError.notFound('Conversation');
    return toConversationView(row);
  }

  /** Several at once, for replaying events: missing ids (deleted conversations) are left out. */
  async viewsOf(ids: readonly string[]): Promise<Map<string, ConversationView>> {
    if (ids.length === 0) return new Map();
    const rows = await this.baseQuery(null).andWhere('c.id IN (:...ids)', { ids }).getRawMany<ConversationRow>();
    return new Map(rows.map((row) => [row.id, toConversationView(row)]));
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
      .addSelect('m.created_at::text', 'created_key')
      .limit(limit + 1);
    if (options.before) {
      const cursor = decodeCursor(options.before, 'before');
      // A cursor written before arrival was part of it pages by send time and id alone.
      if (cursor.created) query.andWhere('(m.sentAt, m.createdAt, m.id) < (:at, CAST(:created AS timestamptz), :id)', { at: cursor.at, created: cursor.created, id: cursor.id });
      else query.andWhere('(m.sentAt, m.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    }
    const { entities: newestFirst, raw } = await query.getRawAndEntities<{ m_id: string; created_key: string }>();
    const page = newestFirst.slice(0, limit);
    const oldest = page[page.length - 1];
    const oldestCreated = oldest && raw.find((row) => row.m_id === oldest.id)?.created_key;
    return {
      items: page.reverse().map(toMessageView),
      nextCursor: newestFirst.length > limit && oldest ? encodeCursor({ at: oldest.sentAt.toISOString(), created: oldestCreated, id: oldest.id }) : null,
    };
  }

  async consentHistory(actor: UserActor, conversationId: string): Promise<ConsentEventView[]> {
    const conversation = await this.get(actor, conversationId);
    // A customer may write to several teams' channels; what they said to another team's channel (STOP there) is that
    // team's, so the ledger shows this conversation's channel and the channels of the teams the actor can see.
    const visibleChannels = AccessPolicy.scopeToVisibleTeams(this.dataSource.createQueryBuilder().select('ch.id').from('channel', 'ch'), 'ch.team_id', actor);
    const events = await this.dataSource
      .getRepository(ConsentEventEntity)
      .createQueryBuilder('e')
      .where('e.contactId = :contactId', { contactId: conversation.contact.id })
      .andWhere(`(e.channelId = :ownChannelId OR e.channelId IN (${visibleChannels.getQuery()}))`, { ownChannelId: conversation.channelId, ...visibleChannels.getParameters() })
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .getMany();
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
