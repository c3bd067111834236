import { AssignmentPolicy, type PresenceStatus, type RoutingLanguage } from '@backtalk/contracts';

/** An online member of the team, with what they already hold, as read under their row lock. */
export interface CandidateAgent {
  userId: string;
  /** Open conversations across all teams, and the user's own limit on them (null: none). */
  totalLoad: number;
  totalCapacity: number | null;
  /** Open conversations of this team, and the limit on them (membership's, else the team's default; null: none). */
  teamLoad: number;
  teamCapacity: number | null;
  lastAssignedAt: Date | null;
  languages: readonly RoutingLanguage[];
}

export function hasRoom(agent: CandidateAgent): boolean {
  return (agent.totalCapacity === null || agent.totalLoad < agent.totalCapacity) && (agent.teamCapacity === null || agent.teamLoad < agent.teamCapacity);
}

/**
 * Who gets the next conversation under a team's policy, or null when nobody may (manual policy, or everyone is at
 * capacity). With `language` given, agents who speak it are preferred but the others still serve when none of them can.
 */
export function chooseAgent(policy: AssignmentPolicy, candidates: readonly CandidateAgent[], language: RoutingLanguage | null = null): CandidateAgent | null {
  if (policy === AssignmentPolicy.Manual) return null;
  const available = candidates.filter(hasRoom);
  const speakers = language ? available.filter((agent) => agent.languages.includes(language)) : [];
  const pool = speakers.length > 0 ? speakers : available;
  if (pool.length === 0) return null;
  const compare = policy === AssignmentPolicy.LeastLoaded ? byLoadThenTurn : byTurn;
  return [...pool].sort(compare)[0];
}

/** Round robin: whoever was given a conversation longest ago (never counts as longest); the id breaks ties stably. */
function byTurn(a: CandidateAgent, b: CandidateAgent): number {
  const at = a.lastAssignedAt?.getTime() ?? -Infinity;
  const bt = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

function byLoadThenTurn(a: CandidateAgent, b: CandidateAgent): number {
  return a.totalLoad - b.totalLoad || a.teamLoad - b.teamLoad || byTurn(a, b);
}

/** Whoever is at the console first, then whoever stepped away; offline last. */
const PRESENCE_RANK: Record<PresenceStatus, number> = { online: 0, away: 1, offline: 2 };

/**
 * Which of a team's supervisors an escalated conversation goes to: one who is online if any is, otherwise whoever
 * could look soonest; among those, one with room under their limits, then the least loaded. Nobody is refused for
 * being at capacity: an escalation that waited in the queue would go to an agent, which is what it is meant to avoid.
 */
export function chooseSupervisor(supervisors: readonly CandidateAgent[], presence: ReadonlyMap<string, PresenceStatus>): CandidateAgent | null {
  const rank = (supervisor: CandidateAgent) => PRESENCE_RANK[presence.get(supervisor.userId) ?? 'offline'];
  const ordered = [...supervisors].sort((a, b) => rank(a) - rank(b) || Number(hasRoom(b)) - Number(hasRoom(a)) || byLoadThenTurn(a, b));
  return ordered[0] ?? null;
}
