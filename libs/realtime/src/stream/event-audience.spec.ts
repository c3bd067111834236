import type { UserActor } from '@backtalk/auth';
import { type ConversationView, type RealtimeEvent, Role } from '@backtalk/contracts';
import { bare, receptionOf } from './event-audience';

const agent = (userId: string, teamIds: string[]): UserActor => ({ kind: 'user', userId, role: Role.Agent, teamIds });
const admin: UserActor = { kind: 'user', userId: 'admin', role: Role.Admin, teamIds: [] };

const conversation = (teamId: string, assigneeId: string | null = null) => ({ id: 'c1', teamId, assigneeId }) as ConversationView;

function event(teamId: string | null, view?: ConversationView, type: RealtimeEvent['type'] = 'message.received'): RealtimeEvent {
  return {
    seq: 1,
    type,
    teamId,
    conversationId: view?.id ?? null,
    payload: { conversationId: 'c1', previousAssigneeId: 'ann', assigneeId: null } as unknown as RealtimeEvent['payload'],
    createdAt: new Date(0).toISOString(),
    ...(view ? { conversation: view, message: { id: 'm1' } as RealtimeEvent['message'] } : {}),
  };
}

describe('receptionOf', () => {
  it('gives an agent the events of their team in full', () => {
    expect(receptionOf(agent('ann', ['team-a']), event('team-a', conversation('team-a')))).toBe('full');
  });

  it('gives an agent nothing of another team', () => {
    expect(receptionOf(agent('ann', ['team-a']), event('team-b', conversation('team-b')))).toBe('none');
    expect(receptionOf(agent('ann', ['team-a']), event('team-b'))).toBe('none');
  });

  it('gives an agent the events of a conversation of another team that is assigned to them', () => {
    expect(receptionOf(agent('ann', ['team-a']), event('team-b', conversation('team-b', 'ann')))).toBe('full');
  });

  it('gives an admin every team and the events that belong to no team', () => {
    expect(receptionOf(admin, event('team-b', conversation('team-b')))).toBe('full');
    expect(receptionOf(admin, event(null))).toBe('full');
    expect(receptionOf(agent('ann', ['team-a']), event(null))).toBe('none');
  });

  it('tells the team a conversation was transferred away from that it left, without showing it any more', () => {
    const transferredAway = event('team-a', conversation('team-b'), 'assignment.changed');

    expect(receptionOf(agent('bob', ['team-a']), transferredAway)).toBe('bare');
    expect(receptionOf(agent('ann', ['team-c']), transferredAway)).toBe('bare');
    expect(receptionOf(agent('cid', ['team-c']), transferredAway)).toBe('none');
  });

  it('strips the conversation and the message from a bare event and keeps the rest', () => {
    const full = event('team-a', conversation('team-a'));
    const stripped = bare(full);

    expect(stripped).not.toHaveProperty('conversation');
    expect(stripped).not.toHaveProperty('message');
    expect(stripped).toEqual({ seq: 1, type: full.type, teamId: 'team-a', conversationId: 'c1', payload: full.payload, createdAt: full.createdAt });
  });
});
