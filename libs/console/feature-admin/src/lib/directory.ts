import type { TeamView, UserView } from '@backtalk/contracts';

export interface TeamNames {
  names: string[];
  /** Teams the viewer cannot see: supervisors only see their own teams. */
  hiddenCount: number;
}

export function teamNamesOf(teamIds: readonly string[], teamsById: ReadonlyMap<string, TeamView>): TeamNames {
  const names: string[] = [];
  let hiddenCount = 0;
  for (const id of teamIds) {
    const team = teamsById.get(id);
    if (team) names.push(team.name);
    else hiddenCount += 1;
  }
  return { names: names.sort((a, b) => a.localeCompare(b)), hiddenCount };
}

export function indexById<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}

export function matchesSearch(user: UserView, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return !needle || user.name.toLowerCase().includes(needle) || user.email.toLowerCase().includes(needle);
}

/** Active users can be added; deactivated ones stay listed only while they are already members. */
export function memberCandidates(users: readonly UserView[], currentMemberIds: readonly string[]): UserView[] {
  return users.filter((user) => user.active || currentMemberIds.includes(user.id));
}

/** Same members regardless of order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
