import type { ConversationFilters } from './conversations';

export const SAVED_VIEW_NAME_MAX = 60;
/** A saved view counts up to this many conversations; the sidebar shows more as "999+". */
export const SAVED_VIEW_COUNT_CAP = 1000;
/**
 * A view with a search text counts up to this many ("99+"): each conversation it counts is matched against the
 * customer's name and every message, which on a busy install costs far more than a filter's index row.
 */
export const SAVED_VIEW_SEARCH_COUNT_CAP = 100;
/** How many views one person can have in their sidebar, their own and their teams' together. */
export const SAVED_VIEWS_MAX = 50;

/**
 * A saved view's filters: those of the inbox list, each list always an array. `view: 'mine'` means whoever opens
 * it, so one shared view shows each member their own conversations.
 */
export type SavedViewFilters = Omit<ConversationFilters, 'labelId' | 'priority' | 'language'> & {
  labelId?: string[];
  priority?: Exclude<ConversationFilters['priority'], string | undefined>;
  language?: Exclude<ConversationFilters['language'], string | undefined>;
};

/**
 * A named filter set in the inbox sidebar. Private (`teamId` null) views are their owner's alone; a team's shared
 * view is made and changed by admins and that team's supervisors, and every member sees it.
 */
export interface SavedViewView {
  id: string;
  name: string;
  filters: SavedViewFilters;
  teamId: string | null;
  ownerId: string;
  /** Whether the viewer may rename, change or delete it. */
  editable: boolean;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/views` */
export interface CreateSavedViewRequest {
  name: string;
  filters: SavedViewFilters;
  /** Omitted or null: private to its maker. */
  teamId?: string | null;
}

/** `PATCH /api/views/:id`: a view stays private or shared as it was made. */
export interface UpdateSavedViewRequest {
  name?: string;
  filters?: SavedViewFilters;
}

/** `PUT /api/views/order`: the viewer's own order of the views they see; views left out follow, oldest first. */
export interface OrderSavedViewsRequest {
  ids: string[];
}

/**
 * `GET /api/views/counts`: per view id, how many conversations it shows the viewer, at most `SAVED_VIEW_COUNT_CAP`,
 * or `SAVED_VIEW_SEARCH_COUNT_CAP` for a view with a search text (`savedViewCountCap`).
 */
export type SavedViewCounts = Record<string, number>;

/** Where counting stops for a view with these filters; the count equal to it means "this many or more". */
export function savedViewCountCap(filters: Pick<SavedViewFilters, 'q'>): number {
  return filters.q?.trim() ? SAVED_VIEW_SEARCH_COUNT_CAP : SAVED_VIEW_COUNT_CAP;
}
