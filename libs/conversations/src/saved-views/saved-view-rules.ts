import { AccessPolicy, type UserActor } from '@backtalk/auth';
import type { SavedViewFilters } from '@backtalk/contracts';

/** Names are compared and stored without surrounding or repeated spaces, so "Urgent " and "Urgent" are one view. */
export function cleanViewName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/**
 * Whether a view is in the actor's sidebar: their own private ones, and those shared with a team they are a member
 * of. Membership rather than the access rule's "every team" for admins: an admin's sidebar would otherwise fill with
 * every team's views.
 */
export function isInSidebar(actor: UserActor, view: { ownerId: string; teamId: string | null }): boolean {
  return view.teamId === null ? view.ownerId === actor.userId : actor.teamIds.includes(view.teamId);
}

/** A private view is its owner's to change; a shared one its team's supervisors' and the admins'. */
export function canEditView(actor: UserActor, view: { ownerId: string; teamId: string | null }): boolean {
  return view.teamId === null ? view.ownerId === actor.userId : AccessPolicy.canManageTeam(actor, view.teamId);
}

/**
 * The filters as stored: only what narrows the list, lists without repeats and in one order, so that two views of
 * the same filters compare equal and the JSON stays small.
 */
export function normalizeFilters(filters: SavedViewFilters): SavedViewFilters {
  const normalized: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters) as Array<[keyof SavedViewFilters, unknown]>) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) normalized[key] = [...new Set(value as string[])].sort();
    } else {
      normalized[key] = typeof value === 'string' ? value.trim() : value;
    }
  }
  if (normalized['q'] === '') delete normalized['q'];
  return normalized as SavedViewFilters;
}
