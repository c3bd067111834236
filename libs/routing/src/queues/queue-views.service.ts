import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { type AssignmentPolicy, type BusinessHours, ConversationPriority, type QueueView, type RoutingLanguage, SLA_WARNING_FRACTION, type SlaBreachView, type SlaKind } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { PresenceService } from '@backtalk/realtime';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isOpenAt, nextChange } from '@backtalk/business-hours';
import { inQueue } from './queue-membership';

interface TeamQueueRow {
  id: string;
  name: string;
  assignment_policy: AssignmentPolicy;
  business_hours: BusinessHours | null;
  waiting: string;
  oldest_waiting_since: Date | null;
  waiting_low: string;
  waiting_normal: string;
  waiting_high: string;
  waiting_urgent: string;
  sla_at_risk: string;
  sla_breached: string;
}

/** Per team: who waits, since when and how urgently; the SLAs about to break; the agents, their state and load. */
const TEAM_QUEUES_SQL = `
SELECT t.id, t.name, t.assignment_policy, t.business_hours,
       count(c.id) FILTER (WHERE c.assignee_id IS NULL) AS waiting,
       min(COALESCE(c.waiting_since, c.last_message_at)) FILTER (WHERE c.assignee_id IS NULL) AS oldest_waiting_since,
       count(c.id) FILTER (WHERE c.assignee_id IS NULL AND c.priority = 'low') AS waiting_low,
       count(c.id) FILTER (WHERE c.assignee_id IS NULL AND c.priority = 'normal') AS waiting_normal,
       count(c.id) FILTER (WHERE c.assignee_id IS NULL AND c.priority = 'high') AS waiting_high,
       count(c.id) FILTER (WHERE c.assignee_id IS NULL AND c.priority = 'urgent') AS waiting_urgent,
       count(c.id) FILTER (WHERE c.sla_due_at > now() AND c.sla_due_at - now() <= (c.sla_due_at - c.sla_started_at) * $2::float8) AS sla_at_risk,
       count(c.id) FILTER (WHERE c.sla_due_at <= now()) AS sla_breached
FROM team t
LEFT JOIN conversation c ON c.team_id = t.id AND c.status = 'open' AND ${inQueue('c')}
WHERE ($1::uuid[] IS NULL OR t.id = ANY($1::uuid[]))
GROUP BY t.id
ORDER BY t.name`;

const TEAM_AGENTS_SQL = `
SELECT tm.team_id, u.id AS user_id, u.name, u.languages, COALESCE(tm.capacity, t.default_capacity) AS capacity,
       (SELECT count(*) FROM conversation c WHERE c.assignee_id = u.id AND c.team_id = tm.team_id AND c.status = 'open') AS load
FROM team_member tm JOIN app_user u ON u.id = tm.user_id AND u.active JOIN team t ON t.id = tm.team_id
WHERE tm.team_id = ANY($1::uuid[])
ORDER BY u.name`;

@Injectable()
export class QueueViewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly presence: PresenceService,
  ) {}

  async list(actor: UserActor, now = new Date()): Promise<QueueView[]> {
    const visible = AccessPolicy.visibleTeams(actor);
    return this.build(visible === 'all' ? null : [...visible], now);
  }

  async get(actor: UserActor, teamId: string, now = new Date()): Promise<QueueView> {
    if (!AccessPolicy.canSeeTeam(actor, teamId)) throw DomainError.notFound('Team');
    const [view] = await this.build([teamId], now);
    if (!view) throw DomainError.notFound('Team');
    return view;
  }

  /** Recorded SLA breaches of the teams the actor can see, newest first, for reports. */
  async breaches(actor: UserActor, filter: { teamId?: string; limit?: number }): Promise<SlaBreachView[]> {
    if (filter.teamId && !AccessPolicy.canSeeTeam(actor, filter.teamId)) throw DomainError.notFound('Team');
    const visibleTeams = AccessPolicy.visibleTeamsCondition(actor, 'team_id', 3);
    const rows = await this.dataSource.query<Array<{ conversation_id: string; team_id: string; kind: SlaKind; due_at: Date; breached_at: Date }>>(
      `SELECT conversation_id, team_id, kind, due_at, breached_at FROM sla_breach
       WHERE ($1::uuid IS NULL OR team_id = $1) AND ${visibleTeams.sql} ORDER BY breached_at DESC LIMIT $2`,
      [filter.teamId ?? null, Math.min(Math.max(filter.limit ?? 100, 1), 1000), ...visibleTeams.parameters],
    );
    return rows.map((row) => ({ conversationId: row.conversation_id, teamId: row.team_id, kind: row.kind, dueAt: row.due_at.toISOString(), breachedAt: row.breached_at.toISOString() }));
  }

  private async build(teamIds: string[] | null, now: Date): Promise<QueueView[]> {
    if (teamIds?.length === 0) return [];
    const teams = await this.dataSource.query<TeamQueueRow[]>(TEAM_QUEUES_SQL, [teamIds, SLA_WARNING_FRACTION]);
    const agents = await this.dataSource.query<Array<{ team_id: string; user_id: string; name: string; languages: RoutingLanguage[]; capacity: number | null; load: string }>>(
      TEAM_AGENTS_SQL,
      [teams.map((team) => team.id)],
    );
    const presence = await this.presence.statusOf(agents.map((agent) => agent.user_id), now.getTime());
    return teams.map((team) => ({
      teamId: team.id,
      teamName: team.name,
      policy: team.assignment_policy,
      waiting: Number(team.waiting),
      oldestWaitingSince: team.oldest_waiting_since?.toISOString() ?? null,
      waitingByPriority: {
        [ConversationPriority.Low]: Number(team.waiting_low),
        [ConversationPriority.Normal]: Number(team.waiting_normal),
        [ConversationPriority.High]: Number(team.waiting_high),
        [ConversationPriority.Urgent]: Number(team.waiting_urgent),
      },
      slaAtRisk: Number(team.sla_at_risk),
      slaBreached: Number(team.sla_breached),
      open: isOpenAt(team.business_hours, now),
      nextChange: nextChange(team.business_hours, now)?.toISOString() ?? null,
      agents: agents
        .filter((agent) => agent.team_id === team.id)
        .map((agent) => ({
          userId: agent.user_id,
          name: agent.name,
          status: presence.get(agent.user_id)?.status ?? 'offline',
          load: Number(agent.load),
          capacity: agent.capacity,
          languages: agent.languages,
        })),
    }));
  }
}
