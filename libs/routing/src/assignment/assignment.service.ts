import type { UserActor } from '@backtalk/auth';
import { AssignmentPolicy, type DomainEvent, type RoutingLanguage } from '@backtalk/contracts';
import { ConversationActionsService, ConversationEntity } from '@backtalk/conversations';
import { DomainError, EventLog } from '@backtalk/platform';
import { PresenceService } from '@backtalk/realtime';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { detectLanguage } from '../language';
import { inQueue } from '../queues/queue-membership';
import { TeamRoutingCache } from '../settings/team-routing.cache';
import { type CandidateAgent, chooseAgent, chooseSupervisor, hasRoom } from './agent-selection';

interface CandidateRow {
  user_id: string;
  team_id: string;
  total_load: string;
  total_capacity: number | null;
  team_load: string;
  team_capacity: number | null;
  last_assigned_at: Date | null;
  languages: RoutingLanguage[];
}

/**
 * Agents are locked before their loads are read, in a statement of its own: in READ COMMITTED a later statement sees
 * every assignment committed by whoever held the lock before, so loads are exact. Two drains (of two teams an agent is
 * in), or a drain and the agent's own "take next", serialise on the user row. Rows are locked in id order so that two
 * lockers never wait on each other.
 */
const LOCK_AGENTS_SQL = `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND active ORDER BY id FOR NO KEY UPDATE`;

/** Members with what they hold: overall, and in the membership's team. */
const MEMBER_LOADS_SQL = `
SELECT u.id AS user_id, tm.team_id,
       (SELECT count(*) FROM conversation c WHERE c.assignee_id = u.id AND c.status = 'open') AS total_load,
       u.capacity AS total_capacity,
       (SELECT count(*) FROM conversation c WHERE c.assignee_id = u.id AND c.status = 'open' AND c.team_id = tm.team_id) AS team_load,
       COALESCE(tm.capacity, t.default_capacity) AS team_capacity,
       tm.last_assigned_at,
       u.languages
FROM team_member tm
JOIN app_user u ON u.id = tm.user_id AND u.active
JOIN team t ON t.id = tm.team_id`;

/** The online members of one team. */
const CANDIDATES_SQL = `${MEMBER_LOADS_SQL} WHERE tm.team_id = $1 AND u.id = ANY($2::uuid[])`;

/** The team's supervisors. */
const SUPERVISORS_SQL = `${MEMBER_LOADS_SQL} WHERE tm.team_id = $1 AND u.role = 'supervisor'`;

/** One agent's memberships among the given teams. */
const MEMBERSHIPS_SQL = `${MEMBER_LOADS_SQL} WHERE tm.user_id = $1 AND tm.team_id = ANY($2::uuid[])`;

/** The queue's head: open, nobody's, most urgent first, then whoever has waited longest. Busy rows are someone else's. */
const QUEUE_HEAD_SQL = (teamFilter: string) => `
SELECT id FROM conversation
WHERE ${teamFilter} AND assignee_id IS NULL AND status = 'open' AND ${inQueue('conversation')}
ORDER BY priority DESC, COALESCE(waiting_since, last_message_at), id
LIMIT 1
FOR UPDATE SKIP LOCKED`;

const toCandidate = (row: CandidateRow): CandidateAgent => ({
  userId: row.user_id,
  totalLoad: Number(row.total_load),
  totalCapacity: row.total_capacity,
  teamLoad: Number(row.team_load),
  teamCapacity: row.team_capacity,
  lastAssignedAt: row.last_assigned_at,
  languages: row.languages,
});

/**
 * Hands waiting conversations to agents. Every assignment is one transaction that locks the agents it considers and
 * the conversation it hands out, so under any concurrency a conversation is assigned once and nobody goes over capacity.
 */
@Injectable()
export class AssignmentService {
  private readonly logger = new Logger(AssignmentService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventLog: EventLog,
    private readonly actions: ConversationActionsService,
    private readonly presence: PresenceService,
    private readonly teams: TeamRoutingCache,
  ) {}

  /** Assigns waiting conversations of a team, oldest first, while an online agent has room. Returns how many. */
  async drainTeam(teamId: string): Promise<number> {
    // From the cache: every customer message asks for a drain, and most teams' answer is "manual" or "nobody waits".
    const team = await this.teams.get(teamId);
    if (!team || team.assignmentPolicy === AssignmentPolicy.Manual) return 0;
    const online = await this.onlineMembers(teamId);
    if (online.length === 0) return 0;
    let assigned = 0;
    while (await this.assignNext(teamId, team.assignmentPolicy, team.preferAgentLanguage, online)) assigned += 1;
    return assigned;
  }

  /**
   * The most urgent, longest-waiting conversation of the agent's teams where they have room, now theirs; null when
   * none waits. An agent at their own limit, or at every team's, is told so.
   */
  async takeNext(actor: UserActor): Promise<string | null> {
    if (actor.teamIds.length === 0) return null;
    const { conversationId, events } = await this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_AGENTS_SQL, [[actor.userId]]);
      const memberships = (await manager.query<CandidateRow[]>(MEMBERSHIPS_SQL, [actor.userId, actor.teamIds])).map((row) => ({ teamId: row.team_id, agent: toCandidate(row) }));
      const withRoom = memberships.filter((membership) => hasRoom(membership.agent));
      if (memberships.length > 0 && withRoom.length === 0) {
        const { totalLoad, totalCapacity } = memberships[0].agent;
        throw DomainError.conflict(
          totalCapacity !== null && totalLoad >= totalCapacity
            ? `You already have ${totalLoad} open conversations, your limit. Resolve or snooze one first.`
            : 'You are at your limit in each of your teams. Resolve or snooze a conversation first.',
        );
      }
      const [head] = await manager.query<Array<{ id: string }>>(QUEUE_HEAD_SQL('team_id = ANY($1::uuid[])'), [withRoom.map((membership) => membership.teamId)]);
      if (!head) return { conversationId: null, events: [] };
      const conversation = await manager.findOneByOrFail(ConversationEntity, { id: head.id });
      const events = await this.actions.recordAssignment(manager, conversation, { assigneeId: actor.userId, teamId: conversation.teamId, actorId: actor.userId, reason: 'take_next' });
      return { conversationId: head.id, events };
    });
    this.eventLog.publish(events);
    return conversationId;
  }

  /**
   * Hands a conversation to a supervisor of its team, inside the caller's transaction, which holds the conversation's
   * row: for what needs a lead's eyes rather than the next agent's (a low survey score). Without a supervisor in the
   * team it goes back to the team's queue. The events are in the log; publish them after the commit.
   */
  async escalateToSupervisor(manager: EntityManager, conversation: ConversationEntity, reason: string): Promise<{ supervisorId: string | null; events: DomainEvent[] }> {
    const members = await manager.query<Array<{ id: string }>>(
      `SELECT u.id FROM team_member tm JOIN app_user u ON u.id = tm.user_id AND u.active WHERE tm.team_id = $1 AND u.role = 'supervisor'`,
      [conversation.teamId],
    );
    let supervisor: CandidateAgent | null = null;
    if (members.length > 0) {
      await manager.query(LOCK_AGENTS_SQL, [members.map((member) => member.id)]);
      const supervisors = (await manager.query<CandidateRow[]>(SUPERVISORS_SQL, [conversation.teamId])).map(toCandidate);
      const presence = await this.presence.statusOf(supervisors.map((candidate) => candidate.userId));
      supervisor = chooseSupervisor(supervisors, new Map([...presence.values()].map((view) => [view.userId, view.status])));
    }
    if (supervisor) {
      await manager.query(`UPDATE team_member SET last_assigned_at = clock_timestamp() WHERE team_id = $1 AND user_id = $2`, [conversation.teamId, supervisor.userId]);
    }
    const supervisorId = supervisor?.userId ?? null;
    const events = await this.actions.recordAssignment(manager, conversation, { assigneeId: supervisorId, teamId: conversation.teamId, actorId: null, reason });
    return { supervisorId, events };
  }

  /**
   * Conversations of agents offline for longer than their team allows go back to the queue (teams that keep them set
   * no grace period). Returns the teams that got conversations back.
   */
  async releaseFromOfflineAgents(now = Date.now()): Promise<string[]> {
    const held = await this.dataSource.query<Array<{ id: string; assignee_id: string; team_id: string; grace: number }>>(
      `SELECT c.id, c.assignee_id, c.team_id, t.reassign_offline_after_seconds AS grace
       FROM conversation c JOIN team t ON t.id = c.team_id
       WHERE c.status = 'open' AND c.assignee_id IS NOT NULL AND t.reassign_offline_after_seconds IS NOT NULL`,
    );
    if (held.length === 0) return [];
    const presence = await this.presence.statusOf(held.map((row) => row.assignee_id), now);
    const gone = held.filter((row) => {
      const seen = presence.get(row.assignee_id);
      return seen?.status === 'offline' && Date.parse(seen.lastSeenAt) + row.grace * 1000 <= now;
    });
    const teams = new Set<string>();
    for (const row of gone) {
      const events = await this.dataSource.transaction(async (manager) => {
        const conversation = await manager.findOne(ConversationEntity, { where: { id: row.id }, lock: { mode: 'pessimistic_write' } });
        // Someone else may have moved it since the read above; only what is still theirs goes back.
        if (!conversation || conversation.assigneeId !== row.assignee_id || conversation.status !== 'open') return [];
        return this.actions.recordAssignment(manager, conversation, { assigneeId: null, teamId: conversation.teamId, actorId: null, reason: 'agent_offline' });
      });
      this.eventLog.publish(events);
      if (events.length > 0) teams.add(row.team_id);
    }
    if (gone.length > 0) this.logger.log({ released: gone.length }, 'conversations of offline agents went back to their queues');
    return [...teams];
  }

  private async onlineMembers(teamId: string): Promise<string[]> {
    const members = await this.dataSource.query<Array<{ user_id: string }>>(`SELECT user_id FROM team_member WHERE team_id = $1`, [teamId]);
    const presence = await this.presence.statusOf(members.map((member) => member.user_id));
    return [...presence.values()].filter((view) => view.status === 'online').map((view) => view.userId);
  }

  private async assignNext(teamId: string, policy: AssignmentPolicy, preferLanguage: boolean, online: string[]): Promise<boolean> {
    const events = await this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_AGENTS_SQL, [online]);
      const candidates = (await manager.query<CandidateRow[]>(CANDIDATES_SQL, [teamId, online])).map(toCandidate);
      if (!candidates.some(hasRoom)) return null;
      const [head] = await manager.query<Array<{ id: string }>>(QUEUE_HEAD_SQL('team_id = $1'), [teamId]);
      if (!head) return null;
      const conversation = await manager.findOneByOrFail(ConversationEntity, { id: head.id });
      const language = preferLanguage ? await this.languageOf(manager, conversation) : null;
      const agent = chooseAgent(policy, candidates, language);
      if (!agent) return null;
      await manager.query(`UPDATE team_member SET last_assigned_at = clock_timestamp() WHERE team_id = $1 AND user_id = $2`, [teamId, agent.userId]);
      return this.actions.recordAssignment(manager, conversation, { assigneeId: agent.userId, teamId, actorId: null, reason: policy });
    });
    if (!events) return false;
    this.eventLog.publish(events);
    return true;
  }

  /** Detected once, from what the customer wrote so far, and kept on the conversation. */
  private async languageOf(manager: EntityManager, conversation: ConversationEntity): Promise<RoutingLanguage | null> {
    if (conversation.language) return conversation.language;
    const messages = await manager.query<Array<{ body: string }>>(
      `SELECT body FROM message WHERE conversation_id = $1 AND direction = 'inbound' ORDER BY sent_at DESC LIMIT 5`,
      [conversation.id],
    );
    const language = detectLanguage(messages.map((message) => message.body).join('\n'));
    if (language) await manager.update(ConversationEntity, { id: conversation.id }, { language });
    return language;
  }
}
