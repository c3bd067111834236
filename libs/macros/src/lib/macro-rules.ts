import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { type BulkActionParams, BulkActionType, type MacroStep, MacroStepType } from '@backtalk/contracts';

/** Stored without surrounding or repeated spaces, so “Refund  sent” and “Refund sent” are one name. */
export const cleanMacroName = (name: string): string => name.trim().replace(/\s+/g, ' ');

/** Whose macro it is: someone's own, or shared globally (teamId null) or with a team. */
export type MacroScope = { ownerId: string; teamId: null } | { ownerId: null; teamId: string | null };

/** Personal macros are their owner's alone; shared ones are managed by admins, and a team's also by its supervisors. */
export function canManageMacro(actor: UserActor, scope: MacroScope): boolean {
  if (scope.ownerId) return scope.ownerId === actor.userId;
  return scope.teamId === null ? AccessPolicy.visibleTeams(actor) === 'all' : AccessPolicy.canManageTeam(actor, scope.teamId);
}

/** Everyone runs the shared macros of the teams they see and the global ones; only the owner sees a personal one. */
export function canSeeMacro(actor: UserActor, scope: MacroScope): boolean {
  if (scope.ownerId) return scope.ownerId === actor.userId;
  return scope.teamId === null || AccessPolicy.canSeeTeam(actor, scope.teamId);
}

const ENDS_RUN = new Set<MacroStepType>([MacroStepType.Resolve, MacroStepType.Snooze]);

/**
 * What is wrong with a macro's order of steps, as a sentence for the person editing it, or null. The shape of each
 * step is the DTO's business; this is about the sequence: a conversation is resolved or snoozed at most once, as the
 * last step, since anything after it would act on a conversation that has left the agent's inbox.
 */
export function macroStepsProblem(steps: readonly MacroStep[]): string | null {
  const ending = steps.findIndex((step) => ENDS_RUN.has(step.type));
  if (ending !== -1 && ending !== steps.length - 1) return `Step ${ending + 1} ${steps[ending].type === MacroStepType.Resolve ? 'resolves' : 'snoozes'} the conversation, so it must be the last step.`;
  if (steps.filter((step) => step.type === MacroStepType.SendCannedAnswer).length > 3) return 'A macro sends at most three canned answers: more would flood the customer.';
  return null;
}

/** The parameters each bulk action needs, as a sentence for the console, or null when they are all there. */
export function bulkParamsProblem(action: BulkActionType, params: BulkActionParams): string | null {
  switch (action) {
    case BulkActionType.Assign:
      return params.assigneeId === undefined ? 'Say whom to assign the conversations to (assigneeId, or null for nobody).' : null;
    case BulkActionType.Transfer:
      return params.teamId ? null : 'Say which team to transfer the conversations to (teamId).';
    case BulkActionType.AddLabel:
    case BulkActionType.RemoveLabel:
      return params.labelId ? null : 'Say which label (labelId).';
    case BulkActionType.SetPriority:
      return params.priority ? null : 'Say which priority (priority).';
    case BulkActionType.Resolve:
    case BulkActionType.Snooze:
      return null;
  }
}
