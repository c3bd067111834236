import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { Role } from '@backtalk/contracts';

/** Names are compared and stored without surrounding or repeated spaces, so "VIP " and "VIP" are one label. */
export function cleanLabelName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** Global labels are the admins'; a team's labels are also its supervisors'. */
export function canManageLabels(actor: UserActor, teamId: string | null): boolean {
  return teamId === null ? actor.role === Role.Admin : AccessPolicy.canManageTeam(actor, teamId);
}

/** Whether the actor may see (and so use) a label: global ones, and those of teams they see. */
export function canSeeLabel(actor: UserActor, label: { teamId: string | null }): boolean {
  return label.teamId === null || AccessPolicy.canSeeTeam(actor, label.teamId);
}

/**
 * Why a label cannot go on a conversation of `teamId`, for the person who tried; null when it can. A team's label
 * stays within that team: another team's agents do not know it, and its reports would count strangers' work.
 */
export function labelMisfit(label: { name: string; teamId: string | null }, teamId: string, teamNames: ReadonlyMap<string, string> = new Map()): string | null {
  if (label.teamId === null || label.teamId === teamId) return null;
  const owner = teamNames.get(label.teamId);
  const here = teamNames.get(teamId);
  return `The label “${label.name}” belongs to ${owner ? `the team ${owner}` : 'another team'}; this conversation is ${here ? `${here}’s` : 'another team’s'}. Use a global label or one of its team’s.`;
}

/**
 * Why a rule of scope `ruleTeamId` (null: every channel) cannot add the label; null when it can. A rule for every
 * channel runs on every team's conversations, so it may add only global labels.
 */
export function ruleLabelMisfit(label: { name: string; teamId: string | null }, ruleTeamId: string | null): string | null {
  if (label.teamId === null || label.teamId === ruleTeamId) return null;
  return ruleTeamId === null ? `the label “${label.name}” belongs to one team, and a rule for every channel may add only global labels` : `the label “${label.name}” belongs to another team than the rule`;
}

/** The ids to put on and take off; an id in both lists is a contradiction the caller refuses. */
export function labelChangeProblem(add: readonly string[], remove: readonly string[]): string | null {
  if (add.length === 0 && remove.length === 0) return 'Name a label to add or remove.';
  const both = add.filter((id) => remove.includes(id));
  return both.length > 0 ? 'A label cannot be added and removed in one change.' : null;
}
