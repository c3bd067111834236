import type { AssignmentRecordView } from '@backtalk/contracts';
import { translatorFor } from '@backtalk/console/i18n';
import { INBOX_NAMESPACE } from '../../i18n';

export interface TimelineNames {
  /** The signed-in agent, written "you". */
  selfId: string;
  person: (userId: string) => string | undefined;
  team: (teamId: string) => string | undefined;
}

const t = translatorFor(INBOX_NAMESPACE);
const say = (key: string, values?: Record<string, string>) => t(`list.routing.assignment.${key}`, values);

/** A name can open the sentence ("an agent took it"): the line still starts with a capital. */
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * One change of hands as a line of the thread: "Assigned to Olena by round robin", "Returned to the queue: Olena
 * went offline", "Transferred to Billing by Andriy". Anyone the viewer cannot see is "an agent".
 */
export function describeAssignment(record: AssignmentRecordView, names: TimelineNames): string {
  const who = (userId: string | null) => (userId === null ? say('nobody') : userId === names.selfId ? say('you') : (names.person(userId) ?? say('anAgent')));
  const team = (teamId: string) => names.team(teamId) ?? say('anotherTeam');
  const actor = record.actorId ? who(record.actorId) : null;
  const assignee = record.assigneeId;
  const selfIsAssignee = assignee !== null && assignee === names.selfId;
  const movedTeam = record.teamId !== record.previousTeamId;
  // "... by Andriy" when someone did it, the plain sentence when the system did.
  const withActor = (key: string, values: Record<string, string> = {}) => (actor ? say(`${key}By`, { ...values, actor }) : say(key, values));

  switch (record.reason) {
    case 'round_robin':
      return say('roundRobin', { who: who(assignee) });
    case 'least_loaded':
      return say('leastLoaded', { who: who(assignee) });
    case 'take_next':
      return selfIsAssignee ? say('takeNextYou') : capitalise(say('takeNext', { who: who(assignee) }));
    case 'reply':
      return selfIsAssignee ? say('replyYou') : capitalise(say('reply', { who: who(assignee) }));
    case 'agent_offline':
      return record.previousAssigneeId ? say('wentOffline', { who: who(record.previousAssigneeId) }) : say('agentOffline');
    case 'rule':
      if (movedTeam) return assignee ? say('ruleMovedAssigned', { team: team(record.teamId), who: who(assignee) }) : say('ruleMoved', { team: team(record.teamId) });
      return assignee ? say('ruleAssigned', { who: who(assignee) }) : say('ruleReturned');
    case 'transfer':
      if (movedTeam) return assignee ? withActor('transferredTeamTo', { team: team(record.teamId), who: who(assignee) }) : withActor('transferredTeam', { team: team(record.teamId) });
      return assignee ? withActor('transferredTo', { who: who(assignee) }) : withActor('returned');
    case 'low_csat_score':
      return assignee ? say('lowCsat', { who: who(assignee) }) : say('lowCsatQueue');
    case 'unassigned':
      return withActor('returned');
    default:
      if (movedTeam) return withActor('moved', { team: team(record.teamId) });
      if (!assignee) return withActor('returned');
      if (record.actorId === assignee) return selfIsAssignee ? say('tookItYou') : capitalise(say('tookIt', { who: who(assignee) }));
      return withActor('assigned', { who: who(assignee) });
  }
}
