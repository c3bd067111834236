import { ConversationStatus, Role, type ConversationListQuery, type ConversationView, type InboxSort, type InboxView } from '@backtalk/contracts';

/** What one conversation list shows: the inbox view, one status (or any, for a search), an order and an optional search. */
export interface InboxFilter {
  view: InboxView;
  /** Only for the `team` view. */
  teamId: string | null;
  /** null: every status, which a search covers unless the agent narrows it. */
  status: ConversationStatus | null;
  sort: InboxSort;
  /** Trimmed search text; empty for none. */
  q: string;
  /** Only conversations with any of these labels; left out (or empty) for no label filter. */
  labelIds?: readonly string[];
}

/** Who is looking: decides what "mine" means and which events a list may take in. */
export interface InboxViewer {
  userId: string;
  role: Role;
  teamIds: readonly string[];
}

export const DEFAULT_FILTER: InboxFilter = { view: 'mine', teamId: null, status: ConversationStatus.Open, sort: 'recent', q: '' };

const VIEWS: readonly InboxView[] = ['mine', 'unassigned', 'team', 'all'];
const SORTS: readonly InboxSort[] = ['recent', 'waiting'];
const STATUSES = new Set<string>(Object.values(ConversationStatus));

/** The label filter in one order, so that picking the same labels in another order is the same list. */
const labelIdsOf = (filter: InboxFilter): string[] => [...new Set(filter.labelIds ?? [])].sort();

/** One string per distinct list, to key lists in the store. */
export function listKey(filter: InboxFilter): string {
  return [filter.view, filter.view === 'team' ? (filter.teamId ?? '') : '', filter.status ?? 'any', filter.sort, filter.q, labelIdsOf(filter).join(',')].join('|');
}

export function toListQuery(filter: InboxFilter, cursor: string | null, limit: number): ConversationListQuery {
  return {
    view: filter.view,
    ...(filter.view === 'team' && filter.teamId ? { teamId: filter.teamId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    sort: filter.sort,
    ...(filter.q ? { q: filter.q } : {}),
    ...(labelIdsOf(filter).length > 0 ? { labelId: labelIdsOf(filter) } : {}),
    ...(cursor ? { cursor } : {}),
    limit,
  };
}

/** Reads a filter from the address bar; anything unknown falls back to the default, so old links keep working. */
export function filterFromSearchParams(params: URLSearchParams): InboxFilter {
  const view = params.get('view');
  const teamId = params.get('team');
  const status = params.get('status');
  const sort = params.get('sort');
  const parsedView: InboxView = VIEWS.includes(view as InboxView) ? (view as InboxView) : DEFAULT_FILTER.view;
  const teamView = parsedView === 'team' && !!teamId;
  const q = (params.get('q') ?? '').trim();
  const labelIds = [...new Set(params.getAll('label').filter(Boolean))];
  return {
    view: parsedView === 'team' && !teamId ? DEFAULT_FILTER.view : parsedView,
    teamId: teamView ? teamId : null,
    status: status && STATUSES.has(status) ? (status as ConversationStatus) : defaultStatus(q),
    sort: SORTS.includes(sort as InboxSort) ? (sort as InboxSort) : DEFAULT_FILTER.sort,
    q,
    ...(labelIds.length > 0 ? { labelIds } : {}),
  };
}

/** A search looks for a customer wherever their conversation is now; the plain inbox shows what is open. */
const defaultStatus = (q: string): ConversationStatus | null => (q ? null : DEFAULT_FILTER.status);

/**
 * The filter after the agent typed `q`: starting a search widens it to every status, clearing it returns to the open
 * conversations, and a status picked during a search stays while the text changes.
 */
export function searchFor(filter: InboxFilter, q: string): InboxFilter {
  const text = q.trim();
  if (!text) return { ...filter, q: '', status: filter.status ?? DEFAULT_FILTER.status };
  return { ...filter, q: text, status: filter.q ? filter.status : null };
}

/** The inverse of `filterFromSearchParams`, leaving defaults out so links stay short. */
export function filterToSearchParams(filter: InboxFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.view !== DEFAULT_FILTER.view) params.set('view', filter.view);
  if (filter.view === 'team' && filter.teamId) params.set('team', filter.teamId);
  if (filter.status !== defaultStatus(filter.q)) params.set('status', filter.status ?? 'any');
  if (filter.sort !== DEFAULT_FILTER.sort) params.set('sort', filter.sort);
  if (filter.q) params.set('q', filter.q);
  for (const labelId of labelIdsOf(filter)) params.append('label', labelId);
  return params;
}

/**
 * Whether a conversation belongs in a list, judged from its current state. `unknown` for a search: the API also
 * matches message texts the console does not have, so a search list only keeps or drops what it already shows.
 */
export function belongsToList(conversation: ConversationView, filter: InboxFilter, viewer: InboxViewer): boolean | 'unknown' {
  if (filter.status && conversation.status !== filter.status) return false;
  if (filter.labelIds?.length && !conversation.labelIds.some((labelId) => filter.labelIds!.includes(labelId))) return false;
  if (!canSee(conversation, viewer) || !inView(conversation, filter, viewer)) return false;
  return filter.q ? 'unknown' : true;
}

/** The API's access rule: an admin sees everything, others their teams' conversations and those assigned to them. */
export function canSee(conversation: ConversationView, viewer: InboxViewer): boolean {
  return viewer.role === Role.Admin || viewer.teamIds.includes(conversation.teamId) || conversation.assigneeId === viewer.userId;
}

function inView(conversation: ConversationView, filter: InboxFilter, viewer: InboxViewer): boolean {
  switch (filter.view) {
    case 'mine':
      return conversation.assigneeId === viewer.userId;
    case 'unassigned':
      return conversation.assigneeId === null;
    case 'team':
      return conversation.teamId === filter.teamId;
    case 'all':
      return true;
  }
}

/** Conversations nobody waits on sort after every waiting one, as the API orders them. */
const NOT_WAITING = '9999-12-31T00:00:00.000Z';

/**
 * The API's order: latest activity first (`last_message_at DESC, id DESC`) or longest waiting first
 * (`waiting_since ASC NULLS LAST, id ASC`). Ties break on the id exactly as PostgreSQL orders uuids. The API writes
 * every time with `toISOString()` (UTC, milliseconds), so comparing the strings compares the instants, without
 * parsing dates thousands of times while a long list is sorted.
 */
export function compareConversations(sort: InboxSort): (a: ConversationView, b: ConversationView) => number {
  if (sort === 'waiting') {
    return (a, b) => compareText(a.waitingSince ?? NOT_WAITING, b.waitingSince ?? NOT_WAITING) || compareText(a.id, b.id);
  }
  return (a, b) => compareText(b.lastMessageAt, a.lastMessageAt) || compareText(b.id, a.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
