import { AccessPolicy, type UserActor } from '@backtalk/auth';
import type { ActivityActorKind, ActivityType, ActivityView } from '@backtalk/contracts';
import type { NewDomainEvent } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConversationsService } from './conversations.service';

export interface ActivityEntry {
  conversationId: string;
  /**
   * The conversation's team after the change. The line is stored and addressed to the team that holds the
   * conversation when it is written, which the insert reads itself; this is used only if it cannot.
   */
  teamId: string;
  type: ActivityType;
  actorKind: ActivityActorKind;
  actorId?: string | null;
  data?: Record<string, unknown>;
}

interface ActivityRow {
  id: string;
  team_id?: string;
  conversation_id: string;
  type: ActivityType;
  actor_kind: ActivityActorKind;
  actor_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown>;
  occurred_at: Date;
}

const toActivityView = (row: ActivityRow): ActivityView => ({
  id: row.id,
  conversationId: row.conversation_id,
  type: row.type,
  actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
  data: row.data,
  occurredAt: new Date(row.occurred_at).toISOString(),
});

/**
 * The thread's activity lines. Writers call `record` inside the transaction that makes the change and append the
 * returned event with the change's own events, so the line exists exactly when the change does and reaches consoles
 * after the commit, in `seq` order, through the realtime stream.
 */
@Injectable()
export class ConversationActivity {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
  ) {}

  async record(manager: EntityManager, entry: ActivityEntry): Promise<NewDomainEvent<'conversation.activity'>> {
    const [event] = await this.recordMany(manager, [entry]);
    return event;
  }

  /**
   * Many lines in one statement, in the order given: a sweep that finds a backlog (SLA breaches after an outage) holds
   * its transaction for one round trip instead of one per line.
   */
  async recordMany(manager: EntityManager, entries: readonly ActivityEntry[]): Promise<Array<NewDomainEvent<'conversation.activity'>>> {
    if (entries.length === 0) return [];
    // The actor's name rides in the event so a console writes the line without asking who that is. Callers such as
    // inbound processing know the channel's team, not always the conversation's (it may have been transferred).
    const rows: ActivityRow[] = await manager.query(
      `WITH entry AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::jsonb[]) WITH ORDINALITY
           AS e(conversation_id, team_id, type, actor_kind, actor_id, data, ord)
       ), inserted AS (
         INSERT INTO conversation_activity (conversation_id, team_id, type, actor_kind, actor_id, data)
         SELECT e.conversation_id, COALESCE(c.team_id, e.team_id), e.type, e.actor_kind, e.actor_id, e.data
         FROM entry e LEFT JOIN conversation c ON c.id = e.conversation_id
         ORDER BY e.ord
         RETURNING id, team_id, conversation_id, type, actor_kind, actor_id, data, occurred_at, position
       )
       SELECT inserted.*, u.name AS actor_name FROM inserted LEFT JOIN app_user u ON u.id = inserted.actor_id ORDER BY inserted.position`,
      [
        entries.map((entry) => entry.conversationId),
        entries.map((entry) => entry.teamId),
        entries.map((entry) => entry.type),
        entries.map((entry) => entry.actorKind),
        entries.map((entry) => entry.actorId ?? null),
        entries.map((entry) => JSON.stringify(entry.data ?? {})),
      ],
    );
    return rows.map((row, index) => ({ type: 'conversation.activity', teamId: row.team_id ?? entries[index].teamId, conversationId: row.conversation_id, payload: { activity: toActivityView(row) } }));
  }

  /** Oldest first, as the thread reads. Someone who cannot see the conversation gets 404, like its other routes. */
  async list(actor: UserActor, conversationId: string): Promise<ActivityView[]> {
    await this.conversations.get(actor, conversationId);
    const query = this.dataSource
      .createQueryBuilder()
      .select(['a.id AS id', 'a.conversation_id AS conversation_id', 'a.type AS type', 'a.actor_kind AS actor_kind', 'a.actor_id AS actor_id', 'u.name AS actor_name', 'a.data AS data', 'a.occurred_at AS occurred_at'])
      .from('conversation_activity', 'a')
      .innerJoin('conversation', 'c', 'c.id = a.conversation_id')
      .leftJoin('app_user', 'u', 'u.id = a.actor_id')
      .where('a.conversation_id = :conversationId', { conversationId })
      .orderBy('a.occurred_at', 'ASC')
      .addOrderBy('a.position', 'ASC');
    const rows = await AccessPolicy.scopeToVisibleConversations(query, 'c', actor).getRawMany<ActivityRow>();
    return rows.map(toActivityView);
  }
}
