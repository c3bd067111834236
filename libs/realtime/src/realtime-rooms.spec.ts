import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { Role } from '@backtalk/contracts';
import { roomsOf, roomsSeeing, teammateRooms, teamRoom, userRoom } from './realtime-rooms';

const actors: UserActor[] = [
  { kind: 'user', userId: 'ann', role: Role.Agent, teamIds: ['team-a'] },
  { kind: 'user', userId: 'bob', role: Role.Supervisor, teamIds: ['team-a', 'team-b'] },
  { kind: 'user', userId: 'cid', role: Role.Agent, teamIds: [] },
  { kind: 'user', userId: 'root', role: Role.Admin, teamIds: ['team-c'] },
];
const conversations = ['team-a', 'team-b', 'team-c'].flatMap((teamId) => [null, 'ann', 'cid', 'root'].map((assigneeId) => ({ teamId, assigneeId })));

describe('realtime rooms', () => {
  it('put a socket in a room of a conversation exactly when the access rule lets its user see the conversation', () => {
    for (const actor of actors) {
      for (const conversation of conversations) {
        const shares = roomsOf(actor).some((room) => roomsSeeing(conversation).includes(room));
        expect({ actor: actor.userId, conversation, shares }).toEqual({ actor: actor.userId, conversation, shares: AccessPolicy.canSeeConversation(actor, conversation) });
      }
    }
  });

  it('reach the members of a person’s teams, those who see every team and the person, and no one else', () => {
    const rooms = teammateRooms('ann', ['team-a']);
    const reached = actors.filter((actor) => roomsOf(actor).some((room) => rooms.includes(room))).map((actor) => actor.userId);

    expect(reached).toEqual(['ann', 'bob', 'root']);
    expect(rooms).toEqual(expect.arrayContaining([teamRoom('team-a'), userRoom('ann')]));
  });
});
