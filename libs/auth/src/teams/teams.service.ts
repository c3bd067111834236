import { AuditService, changedFields } from '@backtalk/audit';
import { ErrorCode, type TeamView } from '@backtalk/contracts';
import { DomainError, isForeignKeyViolation, isUniqueViolation } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { Actor, UserActor } from '../access/actor';
import { auditActorOf } from '../access/audit-actor';
import { TeamEntity, TeamMemberEntity, UserEntity } from '../entities';

export interface TeamInput {
  name?: string;
  description?: string;
  memberIds?: string[];
}

function toTeamView(team: TeamEntity, memberIds: string[]): TeamView {
  return { id: team.id, name: team.name, description: team.description, memberIds, createdAt: team.createdAt.toISOString() };
}

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(TeamMemberEntity) private readonly members: Repository<TeamMemberEntity>,
    private readonly audit: AuditService,
  ) {}

  async list(actor: UserActor): Promise<TeamView[]> {
    const query = AccessPolicy.scopeToVisibleTeams(this.teams.createQueryBuilder('team').orderBy('lower(team.name)', 'ASC'), 'team.id', actor);
    const teams = await query.getMany();
    const memberships = teams.length ? await this.members.find({ where: { teamId: In(teams.map((team) => team.id)) }, order: { createdAt: 'ASC' } }) : [];
    return teams.map((team) =>
      toTeamView(
        team,
        memberships.filter((membership) => membership.teamId === team.id).map((membership) => membership.userId),
      ),
    );
  }

  async get(actor: UserActor, teamId: string): Promise<TeamView> {
    if (!AccessPolicy.canSeeTeam(actor, teamId)) throw DomainError.notFound('Team');
    const team = await this.teams.findOneBy({ id: teamId });
    if (!team) throw DomainError.notFound('Team');
    return toTeamView(team, await this.memberIdsOf(this.dataSource.manager, teamId));
  }

  /** `actor` is whoever creates the team; none for the seed and the command-line tools. */
  async create(input: Required<Pick<TeamInput, 'name'>> & TeamInput, actor?: Actor): Promise<TeamView> {
    return this.withUniqueName(() =>
      this.dataSource.transaction(async (manager) => {
        const team = await manager.save(manager.create(TeamEntity, { name: input.name.trim(), description: input.description?.trim() ?? '' }));
        // Only admins create teams (and the seed, with no actor), so every user may be added.
        if (input.memberIds) await this.replaceMembers(manager, team.id, input.memberIds, null);
        const view = toTeamView(team, await this.memberIdsOf(manager, team.id));
        await this.audit.record(
          {
            actor: auditActorOf(actor),
            action: 'team.created',
            target: { type: 'team', id: team.id, label: team.name },
            teamIds: [team.id],
            diff: { after: { name: view.name, description: view.description, memberIds: view.memberIds } },
          },
          manager,
        );
        return view;
      }),
    );
  }

  /** Admins edit any team; supervisors edit their own. Others get "not found" or "forbidden" depending on what they can see. */
  async update(actor: UserActor, teamId: string, changes: TeamInput): Promise<TeamView> {
    if (!AccessPolicy.canSeeTeam(actor, teamId)) throw DomainError.notFound('Team');
    if (!AccessPolicy.canManageTeam(actor, teamId)) throw DomainError.forbidden('Only admins and the team’s supervisors can change a team');
    return this.withUniqueName(() =>
      this.dataSource.transaction(async (manager) => {
        const team = await manager.findOneBy(TeamEntity, { id: teamId });
        if (!team) throw DomainError.notFound('Team');
        const before = { name: team.name, description: team.description, memberIds: await this.memberIdsOf(manager, teamId) };
        if (changes.name !== undefined) team.name = changes.name.trim();
        if (changes.description !== undefined) team.description = changes.description.trim();
        await manager.save(team);
        if (changes.memberIds !== undefined) await this.replaceMembers(manager, teamId, changes.memberIds, actor);
        const view = toTeamView(team, await this.memberIdsOf(manager, teamId));
        const diff = changedFields(before, { name: view.name, description: view.description, memberIds: view.memberIds });
        if (diff) {
          const membersChanged = 'memberIds' in (diff.after ?? {}) || 'memberIds' in (diff.before ?? {});
          await this.audit.record(
            { actor: auditActorOf(actor), action: membersChanged ? 'team.members_changed' : 'team.updated', target: { type: 'team', id: teamId, label: team.name }, teamIds: [teamId], diff },
            manager,
          );
        }
        return view;
      }),
    );
  }

  async remove(teamId: string, actor?: Actor): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const team = await manager.findOneBy(TeamEntity, { id: teamId });
        if (!team) throw DomainError.notFound('Team');
        const memberIds = await this.memberIdsOf(manager, teamId);
        await manager.delete(TeamEntity, { id: teamId });
        await this.audit.record(
          {
            actor: auditActorOf(actor),
            action: 'team.deleted',
            target: { type: 'team', id: teamId, label: team.name },
            teamIds: [teamId],
            diff: { before: { name: team.name, description: team.description, memberIds } },
          },
          manager,
        );
      });
    } catch (error) {
      // Channels and conversations keep their team: a team still answering customers cannot vanish.
      if (isForeignKeyViolation(error)) throw DomainError.conflict('This team still has channels or conversations; move them to another team first');
      throw error;
    }
  }

  /**
   * Adds only users the actor may see (for a supervisor: people already in one of their teams), answering for anyone
   * else exactly as for an id nobody has. Members who stay keep their row, and with it their capacity in the team.
   */
  private async replaceMembers(manager: EntityManager, teamId: string, memberIds: string[], actor: UserActor | null): Promise<void> {
    const wanted = new Set(memberIds);
    const current = new Set((await manager.find(TeamMemberEntity, { select: { userId: true }, where: { teamId } })).map((row) => row.userId));
    const added = [...wanted].filter((userId) => !current.has(userId));
    const removed = [...current].filter((userId) => !wanted.has(userId));
    if (added.length > 0) {
      const candidates = manager.createQueryBuilder(UserEntity, 'user').where('user.id IN (:...added)', { added });
      const found = await (actor ? AccessPolicy.scopeToVisibleUsers(candidates, 'user.id', actor) : candidates).getCount();
      if (found !== added.length) throw DomainError.notFound('User');
      await manager.createQueryBuilder().insert().into(TeamMemberEntity).values(added.map((userId) => ({ teamId, userId }))).orIgnore().execute();
    }
    if (removed.length > 0) await manager.delete(TeamMemberEntity, { teamId, userId: In(removed) });
  }

  private async memberIdsOf(manager: EntityManager, teamId: string): Promise<string[]> {
    const rows = await manager.find(TeamMemberEntity, { where: { teamId }, order: { createdAt: 'ASC' } });
    return rows.map((row) => row.userId);
  }

  private async withUniqueName<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.Conflict, 'A team with this name already exists', [{ field: 'name', messages: ['is already in use'] }]);
      }
      throw error;
    }
  }
}
