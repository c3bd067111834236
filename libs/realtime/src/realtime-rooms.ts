import { AccessPolicy, type UserActor } from '@backtalk/auth';

/**
 * socket.io rooms for the signals that cross instances through the Redis adapter (presence, typing, viewing). Domain
 * events do not use them: each instance checks every local socket against the access rule itself.
 */
export const ALL_TEAMS_ROOM = 'teams:all';
export const teamRoom = (teamId: string) => `team:${teamId}`;
export const userRoom = (userId: string) => `user:${userId}`;

/** The rooms a person's sockets are in: what `AccessPolicy.visibleTeams` lets them see, and their own. */
export function roomsOf(actor: UserActor): string[] {
  const visible = AccessPolicy.visibleTeams(actor);
  return [userRoom(actor.userId), ...(visible === 'all' ? [ALL_TEAMS_ROOM] : visible.map(teamRoom))];
}

/** The rooms whose members may see a conversation (`AccessPolicy.canSeeConversation`). */
export function roomsSeeing(conversation: { teamId: string; assigneeId: string | null }): string[] {
  return [ALL_TEAMS_ROOM, teamRoom(conversation.teamId), ...(conversation.assigneeId ? [userRoom(conversation.assigneeId)] : [])];
}

/** The rooms of everyone who works alongside a person: members of their teams, those who see every team, and themselves. */
export function teammateRooms(userId: string, teamIds: readonly string[]): string[] {
  return [ALL_TEAMS_ROOM, userRoom(userId), ...teamIds.map(teamRoom)];
}
