import { AuditService, changedFields } from '@backtalk/audit';
import { ErrorCode, Role, type UserView } from '@backtalk/contracts';
import { DomainError, isUniqueViolation } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { Actor, UserActor } from '../access/actor';
import { auditActorOf } from '../access/audit-actor';
import { RefreshRevocationReason, TeamEntity, TeamMemberEntity, UserEntity } from '../entities';
import { PasswordHasher } from '../sessions/password-hasher';
import { revokeRefreshTokens } from '../sessions/revoke-refresh-tokens';
import { normaliseEmail, toUserView } from './user-view';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  teamIds?: string[];
}

export interface UserChanges {
  name?: string;
  role?: Role;
  active?: boolean;
  teamIds?: string[];
}

/** One entry per change, named by what matters most in it; the diff shows every field that changed. */
function userChangeAction(before: { role: Role; active: boolean; teamIds: string[] }, after: UserView): string {
  if (before.active && !after.active) return 'user.deactivated';
  if (!before.active && after.active) return 'user.reactivated';
  if (before.role !== after.role) return 'user.role_changed';
  if ([...before.teamIds].sort().join() !== [...after.teamIds].sort().join()) return 'user.teams_changed';
  return 'user.updated';
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(TeamMemberEntity) private readonly members: Repository<TeamMemberEntity>,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /** Who is calling, read fresh per request so that role changes and deactivation take effect at once. */
  async actorFor(userId: string): Promise<{ actor: UserActor; passwordChangedAt: Date } | undefined> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user?.active) return undefined;
    const teamIds = await this.teamIdsOf(user.id);
    return { actor: { kind: 'user', userId: user.id, role: user.role, teamIds }, passwordChangedAt: user.passwordChangedAt };
  }

  async viewOf(user: UserEntity, manager: EntityManager = this.dataSource.manager): Promise<UserView> {
    return toUserView(user, await this.teamIdsOf(user.id, manager));
  }

  /** Admins list everyone; others list the members of their teams (and themselves). */
  async list(actor: UserActor): Promise<UserView[]> {
    const query = this.users.createQueryBuilder('user').orderBy('user.name', 'ASC');
    if (AccessPolicy.visibleTeams(actor) !== 'all') {
      const teammates = AccessPolicy.scopeToVisibleTeams(
        this.members.createQueryBuilder('membership').select('membership.userId'),
        'membership.teamId',
        actor,
      );
      query.where(`(user.id IN (${teammates.getQuery()}) OR user.id = :self)`, { ...teammates.getParameters(), self: actor.userId });
    }
    const users = await query.getMany();
    const memberships = users.length ? await this.members.findBy({ userId: In(users.map((user) => user.id)) }) : [];
    return users.map((user) =>
      toUserView(
        user,
        memberships.filter((membership) => membership.userId === user.id).map((membership) => membership.teamId),
      ),
    );
  }

  async get(actor: UserActor, userId: string): Promise<UserView> {
    const visibleTeams = AccessPolicy.visibleTeams(actor);
    if (userId !== actor.userId && visibleTeams !== 'all') {
      const sharesATeam = visibleTeams.length > 0 && (await this.members.countBy({ userId, teamId: In([...visibleTeams]) })) > 0;
      if (!sharesATeam) throw DomainError.notFound('User');
    }
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw DomainError.notFound('User');
    return this.viewOf(user);
  }

  /** `actor` is whoever creates the account; none for the seed and the command-line tools. */
  async create(input: NewUser, actor?: Actor): Promise<UserView> {
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = await manager.save(
          manager.create(UserEntity, { email: normaliseEmail(input.email), name: input.name.trim(), role: input.role, passwordHash, active: true, passwordChangedAt: new Date() }),
        );
        await this.replaceMemberships(manager, user.id, input.teamIds ?? []);
        const view = await this.viewOf(user, manager);
        await this.audit.record(
          {
            actor: auditActorOf(actor),
            action: 'user.created',
            target: { type: 'user', id: user.id, label: user.email },
            teamIds: view.teamIds,
            diff: { after: { email: view.email, name: view.name, role: view.role, teamIds: view.teamIds } },
          },
          manager,
        );
        return view;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.Conflict, 'A user with this email already exists', [{ field: 'email', messages: ['is already in use'] }]);
      }
      throw error;
    }
  }

  async update(actor: UserActor, userId: string, changes: UserChanges): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { id: userId });
      if (!user) throw DomainError.notFound('User');
      if (userId === actor.userId && (changes.active === false || (changes.role !== undefined && changes.role !== user.role))) {
        throw DomainError.conflict('You cannot deactivate yourself or change your own role');
      }
      if (user.role === Role.Admin && (changes.active === false || (changes.role && changes.role !== Role.Admin))) {
        await this.assertAnotherActiveAdmin(manager, userId);
      }
      const before = { name: user.name, role: user.role, active: user.active, teamIds: await this.teamIdsOf(userId, manager) };
      if (changes.name !== undefined) user.name = changes.name.trim();
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.active !== undefined) user.active = changes.active;
      await manager.save(user);
      if (changes.active === false) {
        await revokeRefreshTokens(manager, { userId }, RefreshRevocationReason.UserDeactivated);
      }
      if (changes.teamIds !== undefined) await this.replaceMemberships(manager, userId, changes.teamIds);
      const view = await this.viewOf(user, manager);
      const diff = changedFields(before, { name: view.name, role: view.role, active: view.active, teamIds: view.teamIds });
      if (diff) {
        await this.audit.record(
          {
            actor: auditActorOf(actor),
            action: userChangeAction(before, view),
            target: { type: 'user', id: userId, label: user.email },
            teamIds: [...before.teamIds, ...view.teamIds],
            diff,
          },
          manager,
        );
      }
      return view;
    });
  }

  private async assertAnotherActiveAdmin(manager: EntityManager, exceptUserId: string): Promise<void> {
    const others = await manager
      .createQueryBuilder(UserEntity, 'user')
      .where('user.role = :role AND user.active AND user.id <> :exceptUserId', { role: Role.Admin, exceptUserId })
      .getCount();
    if (others === 0) throw DomainError.conflict('Backtalk needs at least one active admin');
  }

  private async replaceMemberships(manager: EntityManager, userId: string, teamIds: string[]): Promise<void> {
    const unique = [...new Set(teamIds)];
    if (unique.length > 0 && (await manager.countBy(TeamEntity, { id: In(unique) })) !== unique.length) {
      throw new DomainError(ErrorCode.ValidationFailed, 'One of the teams does not exist', [{ field: 'teamIds', messages: ['contains an unknown team'] }]);
    }
    // Memberships that stay keep their row, and with it the member's capacity in that team.
    const current = new Set((await manager.find(TeamMemberEntity, { select: { teamId: true }, where: { userId } })).map((row) => row.teamId));
    const added = unique.filter((teamId) => !current.has(teamId));
    const removed = [...current].filter((teamId) => !unique.includes(teamId));
    if (removed.length > 0) await manager.delete(TeamMemberEntity, { userId, teamId: In(removed) });
    if (added.length > 0) await manager.createQueryBuilder().insert().into(TeamMemberEntity).values(added.map((teamId) => ({ teamId, userId }))).orIgnore().execute();
  }

  private async teamIdsOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await manager.find(TeamMemberEntity, { where: { userId }, order: { createdAt: 'ASC' } });
    return rows.map((row) => row.teamId);
  }
}
