import { Role } from '@backtalk/contracts';
import { AccessPolicy } from './access-policy';
import type { UserActor } from './actor';

const actor = (role: Role, teamIds: string[]): UserActor => ({ kind: 'user', userId: 'u1', role, teamIds });

describe('AccessPolicy', () => {
  it('lets an admin see every team', () => {
    expect(AccessPolicy.visibleTeams(actor(Role.Admin, []))).toBe('all');
    expect(AccessPolicy.canSeeTeam(actor(Role.Admin, []), 'team-b')).toBe(true);
  });

  it('lets an agent see only the teams they belong to', () => {
    const agent = actor(Role.Agent, ['team-a']);
    expect(AccessPolicy.canSeeTeam(agent, 'team-a')).toBe(true);
    expect(AccessPolicy.canSeeTeam(agent, 'team-b')).toBe(false);
  });

  it('lets a supervisor manage their own teams but not others', () => {
    const supervisor = actor(Role.Supervisor, ['team-a']);
    expect(AccessPolicy.canManageTeam(supervisor, 'team-a')).toBe(true);
    expect(AccessPolicy.canManageTeam(supervisor, 'team-b')).toBe(false);
  });

  it('never lets an agent manage a team, even their own', () => {
    expect(AccessPolicy.canManageTeam(actor(Role.Agent, ['team-a']), 'team-a')).toBe(false);
  });

  it('leaves an agent’s limit across teams to the agent and admins, not to a supervisor of one of their teams', () => {
    expect(AccessPolicy.canSetAgentLimit(actor(Role.Agent, ['team-a']), 'u1')).toBe(true);
    expect(AccessPolicy.canSetAgentLimit(actor(Role.Admin, []), 'u2')).toBe(true);
    expect(AccessPolicy.canSetAgentLimit(actor(Role.Supervisor, ['team-a']), 'u2')).toBe(false);
  });

  it('narrows raw SQL to the visible teams with parameters numbered after the caller’s own, and not at all for an admin', () => {
    expect(AccessPolicy.visibleTeamsCondition(actor(Role.Supervisor, ['team-a', 'team-b']), 'b.team_id', 3)).toEqual({ sql: 'b.team_id = ANY($3::uuid[])', parameters: [['team-a', 'team-b']] });
    expect(AccessPolicy.visibleTeamsCondition(actor(Role.Admin, []), 'b.team_id', 3)).toEqual({ sql: 'true', parameters: [] });
  });

  it('lets raw SQL over conversations also reach those assigned to the actor in a team they are not in', () => {
    expect(AccessPolicy.visibleConversationsCondition(actor(Role.Agent, []), 'c', 2)).toEqual({
      sql: '(c.team_id = ANY($2::uuid[]) OR c.assignee_id = $3)',
      parameters: [[], 'u1'],
    });
  });
});
