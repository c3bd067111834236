import { AuditService, changedFields } from '@backtalk/audit';
import { AccessPolicy, auditActorOf, TeamEntity, TeamMemberEntity, UserEntity, type UserActor } from '@backtalk/auth';
import { type AgentRoutingView, Role, type TeamRoutingView, type UpdateAgentRoutingRequest, type UpdateTeamRoutingRequest } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { validateBusinessHours } from '@backtalk/business-hours';
import { RoutingTriggers } from '../routing-triggers';
import { TeamRoutingCache } from './team-routing.cache';

/** How a team's queue assigns and by when it must answer; and each agent's own limits and languages. */
@Injectable()
export class TeamRoutingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: TeamRoutingCache,
    private readonly triggers: RoutingTriggers,
    private readonly audit: AuditService,
  ) {}

  async get(actor: UserActor, teamId: string): Promise<TeamRoutingView> {
    if (!AccessPolicy.canSeeTeam(actor, teamId)) throw DomainError.notFound('Team');
    const team = await this.dataSource.getRepository(TeamEntity).findOneBy({ id: teamId });
    if (!team) throw DomainError.notFound('Team');
    const members = await this.dataSource.query<Array<{ user_id: string; name: string; capacity: number | null }>>(
      `SELECT tm.user_id, u.name, tm.capacity FROM team_member tm JOIN app_user u ON u.id = tm.user_id WHERE tm.team_id = $1 ORDER BY u.name`,
      [teamId],
    );
    return {
      teamId,
      policy: team.assignmentPolicy,
      defaultCapacity: team.defaultCapacity,
      reassignOfflineAfterSeconds: team.reassignOfflineAfterSeconds,
      preferAgentLanguage: team.preferAgentLanguage,
      assignOnReply: team.assignOnReply,
      businessHours: team.businessHours,
      outOfOfficeMessage: team.outOfOfficeMessage,
      sla: { firstResponseMinutes: team.slaFirstResponseMinutes, nextResponseMinutes: team.slaNextResponseMinutes, businessHoursOnly: team.slaBusinessHoursOnly },
      retention: { messageBodiesDays: team.retainMessageBodiesDays, mediaDays: team.retainMediaDays },
      members: members.map((member) => ({ userId: member.user_id, name: member.name, capacity: member.capacity })),
    };
  }

  async update(actor: UserActor, teamId: string, request: UpdateTeamRoutingRequest): Promise<TeamRoutingView> {
    if (!AccessPolicy.canManageTeam(actor, teamId)) throw AccessPolicy.canSeeTeam(actor, teamId) ? DomainError.forbidden('Only admins and the team’s supervisors change its routing') : DomainError.notFound('Team');
    if (request.businessHours) {
      const problems = validateBusinessHours(request.businessHours);
      if (problems.length > 0) throw DomainError.validation(`Business hours: ${problems.join('; ')}`, [{ field: 'businessHours', messages: problems }]);
    }
    // How long customers' words are kept is the company's policy, not the team's routing.
    if (request.retention && actor.role !== Role.Admin) throw DomainError.forbidden('Only admins change how long a team keeps messages');
    await this.dataSource.transaction(async (manager) => {
      const team = await manager.findOne(TeamEntity, { where: { id: teamId }, lock: { mode: 'pessimistic_write' } });
      if (!team) throw DomainError.notFound('Team');
      const before = await this.auditedSettings(manager, teamId);
      await manager.update(TeamEntity, { id: teamId }, {
        ...(request.policy !== undefined ? { assignmentPolicy: request.policy } : {}),
        ...(request.defaultCapacity !== undefined ? { defaultCapacity: request.defaultCapacity } : {}),
        ...(request.reassignOfflineAfterSeconds !== undefined ? { reassignOfflineAfterSeconds: request.reassignOfflineAfterSeconds } : {}),
        ...(request.preferAgentLanguage !== undefined ? { preferAgentLanguage: request.preferAgentLanguage } : {}),
        ...(request.assignOnReply !== undefined ? { assignOnReply: request.assignOnReply } : {}),
        ...(request.businessHours !== undefined ? { businessHours: request.businessHours } : {}),
        ...(request.outOfOfficeMessage !== undefined ? { outOfOfficeMessage: request.outOfOfficeMessage } : {}),
        ...(request.sla?.firstResponseMinutes !== undefined ? { slaFirstResponseMinutes: request.sla.firstResponseMinutes } : {}),
        ...(request.sla?.nextResponseMinutes !== undefined ? { slaNextResponseMinutes: request.sla.nextResponseMinutes } : {}),
        ...(request.sla?.businessHoursOnly !== undefined ? { slaBusinessHoursOnly: request.sla.businessHoursOnly } : {}),
        ...(request.retention?.messageBodiesDays !== undefined ? { retainMessageBodiesDays: request.retention.messageBodiesDays } : {}),
        ...(request.retention?.mediaDays !== undefined ? { retainMediaDays: request.retention.mediaDays } : {}),
      });
      for (const member of request.members ?? []) {
        const result = await manager.update(TeamMemberEntity, { teamId, userId: member.userId }, { capacity: member.capacity });
        if (!result.affected) throw DomainError.validation(`${member.userId} is not a member of this team`, [{ field: 'members', messages: ['must be members of the team'] }]);
      }
      // A new target applies to waits already running: drop their due times so the next sweep computes them again.
      if (request.sla || request.businessHours !== undefined) {
        await manager.query(`UPDATE conversation SET sla_started_at = NULL, sla_due_at = NULL, sla_kind = NULL WHERE team_id = $1 AND sla_started_at IS NOT NULL`, [teamId]);
      }
      const diff = changedFields(before, await this.auditedSettings(manager, teamId));
      if (diff) await this.audit.record({ actor: auditActorOf(actor), action: 'team.settings_changed', target: { type: 'team', id: teamId, label: team.name }, teamIds: [teamId], diff }, manager);
    });
    this.cache.forget(teamId);
    this.triggers.drainSoon(teamId);
    return this.get(actor, teamId);
  }

  async getAgent(actor: UserActor, userId: string): Promise<AgentRoutingView> {
    const user = await this.findAgent(actor, userId);
    return { userId: user.id, capacity: user.capacity, languages: user.languages };
  }

  /** Agents set their own languages and limit; admins anyone's; supervisors the languages of their teams' members. */
  async updateAgent(actor: UserActor, userId: string, request: UpdateAgentRoutingRequest): Promise<AgentRoutingView> {
    const user = await this.findAgent(actor, userId);
    if (request.capacity !== undefined && !AccessPolicy.canSetAgentLimit(actor, userId)) {
      throw DomainError.forbidden('Only the agent and admins change a limit that spans all of the agent’s teams; set their capacity in your team under its routing');
    }
    const teams = await this.dataSource.getRepository(TeamMemberEntity).findBy({ userId: user.id });
    await this.dataSource.transaction(async (manager) => {
      const before = { capacity: user.capacity, languages: user.languages };
      await manager.update(
        UserEntity,
        { id: userId },
        {
          ...(request.capacity !== undefined ? { capacity: request.capacity } : {}),
          ...(request.languages !== undefined ? { languages: [...new Set(request.languages)] } : {}),
        },
      );
      const after = await manager.findOneByOrFail(UserEntity, { id: userId });
      const diff = changedFields(before, { capacity: after.capacity, languages: after.languages });
      const teamIds = teams.map((membership) => membership.teamId);
      if (diff) await this.audit.record({ actor: auditActorOf(actor), action: 'user.routing_changed', target: { type: 'user', id: userId, label: user.email }, teamIds, diff }, manager);
    });
    teams.forEach((membership) => this.triggers.drainSoon(membership.teamId));
    return this.getAgent(actor, userId);
  }

  /**
   * Every setting stored on the team, read from the row as a whole so that a setting added later is audited without
   * a line here, and each member's capacity in the team.
   */
  private async auditedSettings(manager: EntityManager, teamId: string): Promise<Record<string, unknown>> {
    const { id: _id, name: _name, description: _description, createdAt: _created, updatedAt: _updated, ...settings } = await manager.findOneByOrFail(TeamEntity, { id: teamId });
    const members = await manager.find(TeamMemberEntity, { select: { userId: true, capacity: true }, where: { teamId }, order: { userId: 'ASC' } });
    return { ...settings, memberCapacity: Object.fromEntries(members.map((member) => [member.userId, member.capacity])) };
  }

  private async findAgent(actor: UserActor, userId: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw DomainError.notFound('User');
    if (actor.userId === userId || actor.role === Role.Admin) return user;
    if (actor.role === Role.Supervisor && actor.teamIds.length > 0 && (await this.dataSource.getRepository(TeamMemberEntity).existsBy({ userId, teamId: In([...actor.teamIds]) }))) return user;
    throw DomainError.notFound('User');
  }
}
