import { AssignmentPolicy } from '@backtalk/contracts';
import { type CandidateAgent, chooseAgent, chooseSupervisor, hasRoom } from './agent-selection';

const agent = (userId: string, overrides: Partial<CandidateAgent> = {}): CandidateAgent => ({
  userId,
  totalLoad: 0,
  totalCapacity: null,
  teamLoad: 0,
  teamCapacity: null,
  lastAssignedAt: null,
  languages: [],
  ...overrides,
});
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 9, minute));

describe('choosing the agent for the next conversation', () => {
  it('assigns nobody under the manual policy, however free the agents are', () => {
    expect(chooseAgent(AssignmentPolicy.Manual, [agent('a')])).toBeNull();
  });

  it('gives round robin’s next conversation to whoever got one longest ago, and someone who never got one goes first', () => {
    const candidates = [agent('a', { lastAssignedAt: at(5) }), agent('b', { lastAssignedAt: at(1) }), agent('c', { lastAssignedAt: at(3) })];
    expect(chooseAgent(AssignmentPolicy.RoundRobin, candidates)?.userId).toBe('b');
    expect(chooseAgent(AssignmentPolicy.RoundRobin, [...candidates, agent('d')])?.userId).toBe('d');
  });

  it('breaks round-robin ties by user id, so the order is stable', () => {
    expect(chooseAgent(AssignmentPolicy.RoundRobin, [agent('b'), agent('a')])?.userId).toBe('a');
  });

  it('gives least loaded’s next conversation to the agent with the fewest open conversations overall, then by turn', () => {
    const candidates = [agent('a', { totalLoad: 2, teamLoad: 1 }), agent('b', { totalLoad: 1, teamLoad: 1, lastAssignedAt: at(9) }), agent('c', { totalLoad: 1, teamLoad: 1, lastAssignedAt: at(2) })];
    expect(chooseAgent(AssignmentPolicy.LeastLoaded, candidates)?.userId).toBe('c');
  });

  it('skips agents at their team capacity or at their own overall capacity', () => {
    expect(hasRoom(agent('a', { teamLoad: 3, teamCapacity: 3 }))).toBe(false);
    expect(hasRoom(agent('a', { totalLoad: 5, totalCapacity: 5, teamLoad: 0, teamCapacity: 3 }))).toBe(false);
    expect(hasRoom(agent('a', { teamLoad: 2, teamCapacity: 3, totalLoad: 4, totalCapacity: 5 }))).toBe(true);
    expect(chooseAgent(AssignmentPolicy.RoundRobin, [agent('a', { teamLoad: 3, teamCapacity: 3 }), agent('b', { lastAssignedAt: at(30) })])?.userId).toBe('b');
  });

  it('returns nobody when everyone is at capacity', () => {
    expect(chooseAgent(AssignmentPolicy.LeastLoaded, [agent('a', { teamLoad: 1, teamCapacity: 1 }), agent('b', { totalLoad: 0, totalCapacity: 0 })])).toBeNull();
  });

  it('prefers an agent who speaks the customer’s language, and falls back to the others when none of them has room', () => {
    const english = agent('a', { languages: ['en'] });
    const ukrainian = agent('b', { languages: ['uk', 'en'], lastAssignedAt: at(50) });
    expect(chooseAgent(AssignmentPolicy.RoundRobin, [english, ukrainian], 'uk')?.userId).toBe('b');
    expect(chooseAgent(AssignmentPolicy.RoundRobin, [english, { ...ukrainian, teamLoad: 1, teamCapacity: 1 }], 'uk')?.userId).toBe('a');
    expect(chooseAgent(AssignmentPolicy.RoundRobin, [english, ukrainian], 'ru')?.userId).toBe('a');
  });
});

describe('choosing the supervisor for an escalated conversation', () => {
  const presence = (entries: Record<string, 'online' | 'away' | 'offline'>) => new Map(Object.entries(entries));

  it('prefers a supervisor who is online, even a busier one, then one who is away, over one who is offline', () => {
    const supervisors = [agent('idle', { totalLoad: 0 }), agent('busy', { totalLoad: 4, teamLoad: 4 }), agent('stepped-away', { totalLoad: 1 })];
    expect(chooseSupervisor(supervisors, presence({ idle: 'offline', busy: 'online', 'stepped-away': 'away' }))?.userId).toBe('busy');
    expect(chooseSupervisor(supervisors, presence({ idle: 'offline', busy: 'offline', 'stepped-away': 'away' }))?.userId).toBe('stepped-away');
  });

  it('gives it to the least loaded when presence does not tell them apart, and to one at capacity only when all are', () => {
    const supervisors = [agent('a', { totalLoad: 2 }), agent('b', { totalLoad: 1, teamLoad: 1, teamCapacity: 1 }), agent('c', { totalLoad: 3 })];
    expect(chooseSupervisor(supervisors, presence({}))?.userId).toBe('a');
    expect(chooseSupervisor([agent('a', { totalLoad: 5, totalCapacity: 5 }), agent('b', { totalLoad: 6, totalCapacity: 6 })], presence({}))?.userId).toBe('a');
  });

  it('chooses nobody when the team has no supervisor', () => {
    expect(chooseSupervisor([], presence({}))).toBeNull();
  });
});
