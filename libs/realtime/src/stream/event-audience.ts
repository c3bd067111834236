import { AccessPolicy, type UserActor } from '@backtalk/auth';
import type { RealtimeEvent } from '@backtalk/contracts';

/**
 * What one person receives of an event: `full` with the conversation and message as they are now, `bare` (ids and
 * payload only) when the event was addressed to them but the conversation is no longer theirs to see (it moved to
 * another team), or `none`.
 */
export type Reception = 'full' | 'bare' | 'none';

export function receptionOf(actor: UserActor, event: RealtimeEvent): Reception {
  if (event.conversation && AccessPolicy.canSeeConversation(actor, event.conversation)) return 'full';
  if (!isAddressedTo(actor, event)) return 'none';
  return event.conversation || event.message ? 'bare' : 'full';
}

/** The writer addresses an event to a team (one event per team when a change concerns two); admins also get team-less ones. */
function isAddressedTo(actor: UserActor, event: RealtimeEvent): boolean {
  if (event.teamId ? AccessPolicy.canSeeTeam(actor, event.teamId) : AccessPolicy.visibleTeams(actor) === 'all') return true;
  // The agent a conversation was taken from must hear that it left their "Mine" list.
  return event.type === 'assignment.changed' && (event as RealtimeEvent<'assignment.changed'>).payload.previousAssigneeId === actor.userId;
}

/** The event without what the recipient may no longer see. */
export function bare(event: RealtimeEvent): RealtimeEvent {
  const { conversation: _conversation, message: _message, ...rest } = event;
  return rest;
}
