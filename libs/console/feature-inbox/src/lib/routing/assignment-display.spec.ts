import type { AssignmentRecordView } from '@backtalk/contracts';
import { describeAssignment, type TimelineNames } from './assignment-display';

const PEOPLE: Record<string, string> = { olena: 'Olena', andriy: 'Andriy' };
const TEAMS: Record<string, string> = { support: 'Support', billing: 'Billing' };
const names: TimelineNames = { selfId: 'me', person: (id) => PEOPLE[id], team: (id) => TEAMS[id] };

function record(overrides: Partial<AssignmentRecordView>): AssignmentRecordView {
  return {
    id: 'r1',
    conversationId: 'c1',
    assigneeId: null,
    previousAssigneeId: null,
    teamId: 'support',
    previousTeamId: 'support',
    actorId: null,
    reason: 'manual',
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('describeAssignment', () => {
  it('names the automatic policy that chose the agent', () => {
    expect(describeAssignment(record({ reason: 'round_robin', assigneeId: 'olena' }), names)).toBe('Assigned to Olena by round robin');
    expect(describeAssignment(record({ reason: 'least_loaded', assigneeId: 'olena' }), names)).toBe('Assigned to Olena, the least busy agent');
  });

  it('says a reply made the conversation its author’s', () => {
    expect(describeAssignment(record({ reason: 'reply', assigneeId: 'andriy', actorId: 'andriy' }), names)).toBe('Andriy took it by replying');
    expect(describeAssignment(record({ reason: 'reply', assigneeId: 'me', actorId: 'me' }), names)).toBe('You took it by replying');
  });

  it('says who took a conversation from the queue, "you" for the reader', () => {
    expect(describeAssignment(record({ reason: 'take_next', assigneeId: 'andriy', actorId: 'andriy' }), names)).toBe('Andriy took it from the queue');
    expect(describeAssignment(record({ reason: 'take_next', assigneeId: 'me', actorId: 'me' }), names)).toBe('You took it from the queue');
  });

  it('explains a return to the queue when the agent went offline', () => {
    expect(describeAssignment(record({ reason: 'agent_offline', previousAssigneeId: 'olena' }), names)).toBe('Returned to the queue: Olena went offline');
    expect(describeAssignment(record({ reason: 'low_csat_score', assigneeId: 'andriy' }), names)).toBe('Reopened for Andriy (supervisor) after a low survey score');
    expect(describeAssignment(record({ reason: 'low_csat_score', assigneeId: null }), names)).toBe('Back in the queue after a low survey score');
  });

  it('says to which team and by whom a conversation was transferred', () => {
    expect(describeAssignment(record({ reason: 'transfer', teamId: 'billing', actorId: 'andriy' }), names)).toBe('Transferred to Billing by Andriy');
    expect(describeAssignment(record({ reason: 'transfer', assigneeId: 'olena', previousAssigneeId: 'me', actorId: 'me' }), names)).toBe('Transferred to Olena by you');
  });

  it('tells a manual assignment by a colleague from an agent taking it themselves', () => {
    expect(describeAssignment(record({ assigneeId: 'olena', actorId: 'andriy' }), names)).toBe('Assigned to Olena by Andriy');
    expect(describeAssignment(record({ assigneeId: 'andriy', actorId: 'andriy' }), names)).toBe('Andriy took it');
  });

  it('describes an unassignment as a return to the queue', () => {
    expect(describeAssignment(record({ reason: 'unassigned', previousAssigneeId: 'olena', actorId: 'andriy' }), names)).toBe('Returned to the queue by Andriy');
    expect(describeAssignment(record({ reason: 'manual', previousAssigneeId: 'olena', actorId: 'andriy' }), names)).toBe('Returned to the queue by Andriy');
  });

  it('credits automation rules and stays readable about people and teams it cannot name', () => {
    expect(describeAssignment(record({ reason: 'rule', teamId: 'billing' }), names)).toBe('Moved to Billing by a rule');
    expect(describeAssignment(record({ reason: 'round_robin', assigneeId: 'stranger' }), names)).toBe('Assigned to an agent by round robin');
    expect(describeAssignment(record({ reason: 'transfer', teamId: 'secret', actorId: 'andriy' }), names)).toBe('Transferred to another team by Andriy');
  });
});
