import { Role } from '@backtalk/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { UserActor } from './actor';

/** A WHERE condition for raw SQL and the values of the parameters it names. */
export interface SqlCondition {
  sql: string;
  parameters: unknown[];
}

/**
 * The access rule, written once. Everything in Backtalk belongs to a team (channels, and through them contacts and
 * conversations). Admins see every team; supervisors and agents see the teams they are members of. Supervisors
 * manage their own teams. Callers that cannot see a thing get "not found", so that ids of other teams leak nothing.
 */
export const AccessPolicy = {
  /** `all`, or the exact set of team ids this actor may see. */
  visibleTeams(actor: UserActor): 'all' | readonly string[] {
    return actor.role === Role.Admin ? 'all' : actor.teamIds;
  },

  canSeeTeam(actor: UserActor, teamId: string): boolean {
    const visible = AccessPolicy.visibleTeams(actor);
    return visible === 'all' || visible.includes(teamId);
  },

  /** A conversation is visible through its team, and to the agent it is assigned to even after a transfer elsewhere. */
  canSeeConversation(actor: UserActor, conversation: { teamId: string; assigneeId: string | null }): boolean {
    return AccessPolicy.canSeeTeam(actor, conversation.teamId) || conversation.assigneeId === actor.userId;
  },

  canManageTeam(actor: UserActor, teamId: string): boolean {
    if (actor.role === Role.Admin) return true;
    return actor.role === Role.Supervisor && actor.teamIds.includes(teamId);
  },

  /**
   * An agent's own limit counts their open conversations in every team they are in, so only they and admins set it; a
   * supervisor limits an agent in their own team through the team's per-member capacity.
   */
  canSetAgentLimit(actor: UserActor, userId: string): boolean {
    return actor.role === Role.Admin || actor.userId === userId;
  },

  /**
   * Narrows a query to rows whose `teamIdExpression` is a visible team. Every query over team-owned data goes through
   * this, so a new endpoint cannot forget the rule.
   */
  scopeToVisibleTeams<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, teamIdExpression: string, actor: UserActor): SelectQueryBuilder<T> {
    const visible = AccessPolicy.visibleTeams(actor);
    if (visible === 'all') return query;
    if (visible.length === 0) return query.andWhere('1 = 0');
    return query.andWhere(`${teamIdExpression} IN (:...visibleTeamIds)`, { visibleTeamIds: visible });
  },

  /**
   * Narrows a query to users the actor may see and regroup: everyone for admins; for others themselves and the members
   * of their teams. Someone outside those is indistinguishable from someone who does not exist.
   */
  scopeToVisibleUsers<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, userIdExpression: string, actor: UserActor): SelectQueryBuilder<T> {
    const visible = AccessPolicy.visibleTeams(actor);
    if (visible === 'all') return query;
    if (visible.length === 0) return query.andWhere(`${userIdExpression} = :visibleSelfId`, { visibleSelfId: actor.userId });
    return query.andWhere(
      `(${userIdExpression} = :visibleSelfId OR ${userIdExpression} IN (SELECT teammate.user_id FROM team_member teammate WHERE teammate.team_id IN (:...visibleMemberTeamIds)))`,
      { visibleSelfId: actor.userId, visibleMemberTeamIds: visible },
    );
  },

  /**
   * `scopeToVisibleTeams` for raw SQL: a condition on `teamIdExpression`, with its parameters numbered from
   * `firstParameter` ($n) for the caller to append to its own.
   */
  visibleTeamsCondition(actor: UserActor, teamIdExpression: string, firstParameter: number): SqlCondition {
    const visible = AccessPolicy.visibleTeams(actor);
    if (visible === 'all') return { sql: 'true', parameters: [] };
    return { sql: `${teamIdExpression} = ANY($${firstParameter}::uuid[])`, parameters: [[...visible]] };
  },

  /**
   * For rows that concern a set of teams (`teamIdsExpression` is a uuid[]): visible when one of them is. Admins see every
   * row, also those about no team; others only rows about a team of theirs.
   */
  visibleTeamSetCondition(actor: UserActor, teamIdsExpression: string, firstParameter: number): SqlCondition {
    const visible = AccessPolicy.visibleTeams(actor);
    if (visible === 'all') return { sql: 'true', parameters: [] };
    return { sql: `${teamIdsExpression} && $${firstParameter}::uuid[]`, parameters: [[...visible]] };
  },

  /** `scopeToVisibleConversations` for raw SQL over the conversation table as `alias`; see `visibleTeamsCondition`. */
  visibleConversationsCondition(actor: UserActor, alias: string, firstParameter: number): SqlCondition {
    const visible = AccessPolicy.visibleTeams(actor);
    if (visible === 'all') return { sql: 'true', parameters: [] };
    return {
      sql: `(${alias}.team_id = ANY($${firstParameter}::uuid[]) OR ${alias}.assignee_id = $${firstParameter + 1})`,
      parameters: [[...visible], actor.userId],
    };
  },

  /** `scopeToVisibleTeams` for conversations: their team is visible, or they are assigned to the actor. */
  scopeToVisibleConversations<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, actor: UserActor): SelectQueryBuilder<T> {
    const visible = AccessPolicy.visibleTeams(actor);
    if (visible === 'all') return query;
    if (visible.length === 0) return query.andWhere(`${alias}.assignee_id = :visibleToUserId`, { visibleToUserId: actor.userId });
    return query.andWhere(`(${alias}.team_id IN (:...visibleTeamIds) OR ${alias}.assignee_id = :visibleToUserId)`, { visibleTeamIds: visible, visibleToUserId: actor.userId });
  },
};
