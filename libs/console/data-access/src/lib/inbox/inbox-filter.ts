import {
  ConversationPriority,
  ConversationStatus,
  Role,
  ROUTING_LANGUAGES,
  SLA_STATES,
  type ConversationListQuery,
  type ConversationView,
  type InboxSort,
  type InboxView,
  type RoutingLanguage,
  type SavedViewFilters,
  type SlaState,
} from '@backtalk/contracts';

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
  channelId?: string;
  assigneeId?: string;
  /** Any of these priorities. */
  priorities?: readonly ConversationPriority[];
  /** Any of these detected languages. */
  languages?: readonly RoutingLanguage[];
  sla?: SlaState;
  optedOut?: boolean;
  unread?: boolean;
  /** Calendar days (YYYY-MM-DD) in the agent's time zone, both ends included. */
  created?: DayRange;
  active?: DayRange;
}

/** Days as the date picker gives them (YYYY-MM-DD); either end may be open. */
export interface DayRange {
  from?: string;
  to?: string;
}

/** The filters beyond view, status, sort and search: each one shows as a removable chip above the list. */
export type ExtraFilterKey = 'labelIds' | 'channelId' | 'assigneeId' | 'priorities' | 'languages' | 'sla' | 'optedOut' | 'unread' | 'created' | 'active';
export const EXTRA_FILTER_KEYS: readonly ExtraFilterKey[] = ['labelIds', 'channelId', 'assigneeId', 'priorities', 'languages', 'sla', 'optedOut', 'unread', 'created', 'active'];

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
const PRIORITIES: readonly string[] = Object.values(ConversationPriority);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id from the address bar; anything else would only earn a 400 from the API. */
const idParam = (value: string | null): string | undefined => (value && UUID.test(value) ? value : undefined);

/** A list filter in one order, so that picking the same values in another order is the same list. */
const sortedSet = <T extends string>(values: readonly T[] | undefined): T[] => [...new Set(values ?? [])].sort();
const labelIdsOf = (filter: InboxFilter): string[] => sortedSet(filter.labelIds);
const isDay = (value: string | null | undefined): value is string => !!value && DAY.test(value) && !Number.isNaN(Date.parse(value));
/** A range's valid ends, in order: a hand-edited address may give them the wrong way round. */
const rangeOf = (range: DayRange | undefined): DayRange | undefined => {
  const first = isDay(range?.from) ? range.from : undefined;
  const second = isDay(range?.to) ? range.to : undefined;
  const [from, to] = first && second && second < first ? [second, first] : [first, second];
  return from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : undefined;
};

/**
 * The filter with every empty or malformed extra filter left out and lists in one order, so that two filters
 * showing the same conversations compare, serialize and key the same.
 */
export function normalizeFilter(filter: InboxFilter): InboxFilter {
  const { labelIds, channelId, assigneeId, priorities, languages, sla, optedOut, unread, created, active, ...base } = filter;
  const createdRange = rangeOf(created);
  const activeRange = rangeOf(active);
  return {
    ...base,
    ...(sortedSet(labelIds).length > 0 ? { labelIds: sortedSet(labelIds) } : {}),
    ...(channelId ? { channelId } : {}),
    ...(assigneeId ? { assigneeId } : {}),
    ...(sortedSet(priorities).length > 0 ? { priorities: sortedSet(priorities) } : {}),
    ...(sortedSet(languages).length > 0 ? { languages: sortedSet(languages) } : {}),
    ...(sla ? { sla } : {}),
    ...(optedOut !== undefined ? { optedOut } : {}),
    ...(unread !== undefined ? { unread } : {}),
    ...(createdRange ? { created: createdRange } : {}),
    ...(activeRange ? { active: activeRange } : {}),
  };
}

/** How many extra filters narrow the list; the filter menu's button shows it. */
export function extraFilterCount(filter: InboxFilter): number {
  const normal = normalizeFilter(filter);
  return EXTRA_FILTER_KEYS.filter((key) => normal[key] !== undefined).length;
}

/** The filter without one extra filter, for a chip's remove button. */
export function withoutFilter(filter: InboxFilter, key: ExtraFilterKey): InboxFilter {
  const rest = { ...filter };
  delete rest[key];
  return rest;
}

/** The filters that take a range of days: when a conversation started, and its last activity. */
export type DayRangeKey = 'created' | 'active';

/**
 * The filter with a range of days from a preset or the date dialog, its ends in order; a range with no usable end
 * removes the filter, as the chip's remove button does.
 */
export function withDayRange(filter: InboxFilter, key: DayRangeKey, range: DayRange | undefined): InboxFilter {
  const ordered = rangeOf(range);
  return ordered ? { ...filter, [key]: ordered } : withoutFilter(filter, key);
}

/** One string per distinct list, to key lists in the store. */
export function listKey(filter: InboxFilter): string {
  const { view, teamId, status, sort, q, ...extra } = normalizeFilter(filter);
  return [view, view === 'team' ? (teamId ?? '') : '', status ?? 'any', sort, q, JSON.stringify(extra)].join('|');
}

/** The first instant of a local calendar day, as the API reads instants. */
const startOfDay = (day: string, plusDays = 0): string => {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + plusDays).toISOString();
};

/** The API's filters for what the console keeps: days become instants, the end of a range the next day's start. */
function apiFilters(filter: InboxFilter): Omit<SavedViewFilters, 'view' | 'teamId' | 'status' | 'sort' | 'q'> {
  const normal = normalizeFilter(filter);
  return {
    ...(normal.labelIds ? { labelId: [...normal.labelIds] } : {}),
    ...(normal.channelId ? { channelId: normal.channelId } : {}),
    ...(normal.assigneeId ? { assigneeId: normal.assigneeId } : {}),
    ...(normal.priorities ? { priority: [...normal.priorities] } : {}),
    ...(normal.languages ? { language: [...normal.languages] } : {}),
    ...(normal.sla ? { sla: normal.sla } : {}),
    ...(normal.optedOut !== undefined ? { optedOut: normal.optedOut } : {}),
    ...(normal.unread !== undefined ? { unread: normal.unread } : {}),
    ...(normal.created?.from ? { createdFrom: startOfDay(normal.created.from) } : {}),
    ...(normal.created?.to ? { createdTo: startOfDay(normal.created.to, 1) } : {}),
    ...(normal.active?.from ? { activeFrom: startOfDay(normal.active.from) } : {}),
    ...(normal.active?.to ? { activeTo: startOfDay(normal.active.to, 1) } : {}),
  };
}

export function toListQuery(filter: InboxFilter, cursor: string | null, limit: number): ConversationListQuery {
  return {
    view: filter.view,
    ...(filter.view === 'team' && filter.teamId ? { teamId: filter.teamId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    sort: filter.sort,
    ...(filter.q ? { q: filter.q } : {}),
    ...apiFilters(filter),
    ...(cursor ? { cursor } : {}),
    limit,
  };
}

/** What "Save view" stores: the list's filters as the API reads them. */
export function toSavedViewFilters(filter: InboxFilter): SavedViewFilters {
  return {
    view: filter.view,
    ...(filter.view === 'team' && filter.teamId ? { teamId: filter.teamId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    sort: filter.sort,
    ...(filter.q ? { q: filter.q } : {}),
    ...apiFilters(filter),
  };
}

/** The local calendar day an instant falls on, or the day before for the exclusive end of a range. */
const dayOf = (instant: string | undefined, minusDays = 0): string | undefined => {
  if (!instant || Number.isNaN(Date.parse(instant))) return undefined;
  const date = new Date(instant);
  date.setDate(date.getDate() - minusDays);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
};

/** Opens a saved view: its filters as the list keeps them. */
export function filterFromSavedView(filters: SavedViewFilters): InboxFilter {
  const view: InboxView = filters.view && VIEWS.includes(filters.view) && (filters.view !== 'team' || filters.teamId) ? filters.view : 'all';
  return normalizeFilter({
    view,
    teamId: view === 'team' ? (filters.teamId ?? null) : null,
    status: filters.status ?? null,
    sort: filters.sort ?? DEFAULT_FILTER.sort,
    q: filters.q?.trim() ?? '',
    labelIds: filters.labelId,
    channelId: filters.channelId,
    assigneeId: filters.assigneeId,
    priorities: filters.priority,
    languages: filters.language,
    sla: filters.sla,
    optedOut: filters.optedOut,
    unread: filters.unread,
    created: { from: dayOf(filters.createdFrom), to: dayOf(filters.createdTo, 1) },
    active: { from: dayOf(filters.activeFrom), to: dayOf(filters.activeTo, 1) },
  });
}

/** Whether the list shows exactly what a saved view shows, to mark that view as the current one. */
export function sameFilter(a: InboxFilter, b: InboxFilter): boolean {
  return listKey(a) === listKey(b);
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
  const flag = (name: string): boolean | undefined => (params.get(name) === 'yes' ? true : params.get(name) === 'no' ? false : undefined);
  const sla = params.get('sla');
  return normalizeFilter({
    view: parsedView === 'team' && !teamId ? DEFAULT_FILTER.view : parsedView,
    teamId: teamView ? teamId : null,
    status: status && STATUSES.has(status) ? (status as ConversationStatus) : defaultStatus(q),
    sort: SORTS.includes(sort as InboxSort) ? (sort as InboxSort) : DEFAULT_FILTER.sort,
    q,
    labelIds: params.getAll('label').filter(Boolean),
    channelId: idParam(params.get('channel')),
    assigneeId: idParam(params.get('assignee')),
    priorities: params.getAll('priority').filter((value): value is ConversationPriority => PRIORITIES.includes(value)),
    languages: params.getAll('language').filter((value): value is RoutingLanguage => (ROUTING_LANGUAGES as readonly string[]).includes(value)),
    sla: SLA_STATES.includes(sla as SlaState) ? (sla as SlaState) : undefined,
    optedOut: flag('optedOut'),
    unread: flag('unread'),
    created: { from: params.get('createdFrom') ?? undefined, to: params.get('createdTo') ?? undefined },
    active: { from: params.get('activeFrom') ?? undefined, to: params.get('activeTo') ?? undefined },
  });
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
  const normal = normalizeFilter(filter);
  for (const labelId of labelIdsOf(normal)) params.append('label', labelId);
  if (normal.channelId) params.set('channel', normal.channelId);
  if (normal.assigneeId) params.set('assignee', normal.assigneeId);
  for (const priority of normal.priorities ?? []) params.append('priority', priority);
  for (const language of normal.languages ?? []) params.append('language', language);
  if (normal.sla) params.set('sla', normal.sla);
  if (normal.optedOut !== undefined) params.set('optedOut', normal.optedOut ? 'yes' : 'no');
  if (normal.unread !== undefined) params.set('unread', normal.unread ? 'yes' : 'no');
  if (normal.created?.from) params.set('createdFrom', normal.created.from);
  if (normal.created?.to) params.set('createdTo', normal.created.to);
  if (normal.active?.from) params.set('activeFrom', normal.active.from);
  if (normal.active?.to) params.set('activeTo', normal.active.to);
  return params;
}

/**
 * Whether a conversation belongs in a list, judged from its current state. `unknown` for a search: the API also
 * matches message texts the console does not have, so a search list only keeps or drops what it already shows.
 */
export function belongsToList(conversation: ConversationView, filter: InboxFilter, viewer: InboxViewer): boolean | 'unknown' {
  if (filter.status && conversation.status !== filter.status) return false;
  if (filter.labelIds?.length && !conversation.labelIds.some((labelId) => filter.labelIds!.includes(labelId))) return false;
  if (!canSee(conversation, viewer) || !inView(conversation, filter, viewer) || !matchesExtras(conversation, filter)) return false;
  // An SLA state changes with the clock alone, without an event to say so; the API decides on the next load.
  return filter.q || filter.sla ? 'unknown' : true;
}

/** The API's access rule: an admin sees everything, others their teams' conversations and those assigned to them. */
export function canSee(conversation: ConversationView, viewer: InboxViewer): boolean {
  return viewer.role === Role.Admin || viewer.teamIds.includes(conversation.teamId) || conversation.assigneeId === viewer.userId;
}

function matchesExtras(conversation: ConversationView, filter: InboxFilter): boolean {
  if (filter.channelId && conversation.channelId !== filter.channelId) return false;
  if (filter.assigneeId && conversation.assigneeId !== filter.assigneeId) return false;
  if (filter.priorities?.length && !filter.priorities.includes(conversation.priority)) return false;
  if (filter.languages?.length && (!conversation.language || !filter.languages.includes(conversation.language))) return false;
  if (filter.optedOut !== undefined && conversation.optedOut !== filter.optedOut) return false;
  if (filter.unread !== undefined && conversation.unreadCount > 0 !== filter.unread) return false;
  return inRange(conversation.createdAt, filter.created) && inRange(conversation.lastMessageAt, filter.active);
}

function inRange(instant: string, range: DayRange | undefined): boolean {
  if (range?.from && instant < startOfDay(range.from)) return false;
  return !(range?.to && instant >= startOfDay(range.to, 1));
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
