import type { AssignmentRecordView } from '@backtalk/contracts';

export interface TimelineNames {
  /** The signed-in agent, written "you". */
  selfId: string;
  person: (userId: string) => string | undefined;
  team: (teamId: string) => string | undefined;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * One change of hands as a line of the thread: "Assigned to Olena by round robin", "Returned to the queue: Olena
 * went offline", "Transferred to Billing by Andriy". Anyone the viewer cannot see is "an agent".
 */
export function describeAssignment(record: AssignmentRecordView, names: TimelineNames): string {
  const who = (userId: string | null) => (userId === null ? 'nobody' : userId === names.selfId ? 'you' : (names.person(userId) ?? 'an agent'));
  const team = (teamId: string) => names.team(teamId) ?? 'another team';
  const by = record.actorId ? ` by ${who(record.actorId)}` : '';
  const assignee = record.assigneeId;
  const movedTeam = record.teamId !== record.previousTeamId;

  switch (record.reason) {
    case 'round_robin':
      return `Assigned to ${who(assignee)} by round robin`;
    case 'least_loaded':
      return `Assigned to ${who(assignee)}, the least busy agent`;
    case 'take_next':
      return `${capitalise(who(assignee))} took it from the queue`;
    case 'reply':
      return `${capitalise(who(assignee))} took it by replying`;
    case 'agent_offline':
      return record.previousAssigneeId ? `Returned to the queue: ${who(record.previousAssigneeId)} went offline` : 'Returned to the queue: agent offline';
    case 'rule':
      if (movedTeam) return `Moved to ${team(record.teamId)} by a rule${assignee ? `, assigned to ${who(assignee)}` : ''}`;
      return assignee ? `Assigned to ${who(assignee)} by a rule` : 'Returned to the queue by a rule';
    case 'transfer':
      if (movedTeam) return `Transferred to ${team(record.teamId)}${assignee ? ` (${who(assignee)})` : ''}${by}`;
      return assignee ? `Transferred to ${who(assignee)}${by}` : `Returned to the queue${by}`;
    case 'low_csat_score':
      return assignee ? `Reopened for ${who(assignee)} (supervisor) after a low survey score` : 'Back in the queue after a low survey score';
    case 'unassigned':
      return `Returned to the queue${by}`;
    default:
      if (movedTeam) return `Moved to ${team(record.teamId)}${by}`;
      if (!assignee) return `Returned to the queue${by}`;
      if (record.actorId === assignee) return `${capitalise(who(assignee))} took it`;
      return `Assigned to ${who(assignee)}${by}`;
  }
}
