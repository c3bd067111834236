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
    // The actor's name rides in the event so a console writes the line without asking who that is. Callers such as
    // inbound processing know the channel's team, not always the conversation's (it may have been transferred).
    const [row]: ActivityRow[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO conversation_activity (conversation_id, team_id, type, actor_kind, actor_id, data)
         VALUES ($1, COALESCE((SELECT team_id FROM conversation WHERE id = $1), $2), $3, $4, $5, $6::jsonb)
         RETURNING id, team_id, conversation_id, type, actor_kind, actor_id, data, occurred_at
       )
       SELECT inserted.*, u.name AS actor_name FROM inserted LEFT JOIN app_user u ON u.id = inserted.actor_id`,
      [entry.conversationId, entry.teamId, entry.type, entry.actorKind, entry.actorId ?? null, JSON.stringify(entry.data ?? {})],
    );
    return { type: 'conversation.activity', teamId: row.team_id ?? entry.teamId, conversationId: entry.conversationId, payload: { activity: toActivityView(row) } };
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
