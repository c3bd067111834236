import { MessageStatus, type ActivityView, type ContactView, type ConversationView, type MessageView, type Page, type RealtimeEvent } from '@backtalk/contracts';
import { belongsToList, compareConversations, listKey, type InboxFilter, type InboxViewer } from './inbox-filter';

/** One conversation list as loaded so far: ids in the API's order, and where the next page starts. */
export interface ConversationList {
  filter: InboxFilter;
  ids: string[];
  /** null once the last page is in. */
  nextCursor: string | null;
  /** A first page has arrived. */
  loaded: boolean;
  loading: boolean;
  error: string | null;
}

/** One conversation's messages, oldest first, and the cursor to page further back. */
export interface Thread {
  ids: string[];
  olderCursor: string | null;
  loaded: boolean;
  loading: boolean;
  error: string | null;
}

/**
 * Everything the inbox shows, normalised by id: lists and threads hold ids, never copies. Conversations are a Map:
 * with thousands loaded, copying a Map on a change is several times cheaper than copying an object with as many keys.
 */
export interface InboxState {
  conversations: ReadonlyMap<string, ConversationView>;
  messages: Record<string, MessageView>;
  lists: Record<string, ConversationList>;
  threads: Record<string, Thread>;
  /** Activity lines of the threads opened so far, by conversation, oldest first. */
  activity: Record<string, ActivityView[]>;
}

export const initialInboxState: InboxState = { conversations: new Map(), messages: {}, lists: {}, threads: {}, activity: {} };

const emptyList = (filter: InboxFilter): ConversationList => ({ filter, ids: [], nextCursor: null, loaded: false, loading: false, error: null });
const emptyThread: Thread = { ids: [], olderCursor: null, loaded: false, loading: false, error: null };

// ── Conversations ──────────────────────────────────────────────────────────────────────────────

/**
 * Keeps whichever copy changed last: a stale page or a replayed event never undoes a newer change. A copy with the
 * same `updatedAt` is the same state, so the one held is kept and nothing re-renders.
 */
function newerConversation(current: ConversationView | undefined, incoming: ConversationView): ConversationView {
  if (!current) return incoming;
  return Date.parse(incoming.updatedAt) > Date.parse(current.updatedAt) ? incoming : current;
}

type Conversations = ReadonlyMap<string, ConversationView>;

/** Stores the newer copies, copying the map at most once; returns what changed. */
function storeConversations(conversations: Conversations, incoming: readonly ConversationView[]): { conversations: Conversations; changed: ConversationView[] } {
  let next: Map<string, ConversationView> | null = null;
  const changed = new Map<string, ConversationView>();
  for (const conversation of incoming) {
    const current = (next ?? conversations).get(conversation.id);
    const kept = newerConversation(current, conversation);
    if (kept === current) continue;
    next ??= new Map(conversations);
    next.set(kept.id, kept);
    changed.set(kept.id, kept);
  }
  return { conversations: next ?? conversations, changed: [...changed.values()] };
}

export function listRequested(state: InboxState, filter: InboxFilter): InboxState {
  const key = listKey(filter);
  const list = state.lists[key] ?? emptyList(filter);
  return { ...state, lists: { ...state.lists, [key]: { ...list, loading: true, error: null } } };
}

export function listFailed(state: InboxState, filter: InboxFilter, error: string): InboxState {
  const key = listKey(filter);
  const list = state.lists[key] ?? emptyList(filter);
  return { ...state, lists: { ...state.lists, [key]: { ...list, loading: false, error } } };
}

/**
 * A page from the API. The first page (`reset`) replaces the list, a later one extends it; either way ids are
 * deduplicated and ordered by the freshest copy of each conversation, since events may have moved some meanwhile.
 * A newer copy the page brings of a conversation other lists hold moves it within them too, so every list stays in
 * the order of the copies stored (which appending a page and placing live updates rely on).
 */
export function listPageLoaded(state: InboxState, filter: InboxFilter, page: Page<ConversationView>, reset: boolean): InboxState {
  const key = listKey(filter);
  const { conversations, changed } = storeConversations(state.conversations, page.items);
  const previous = state.lists[key] ?? emptyList(filter);
  const pageIds = page.items.map((c) => c.id);
  const ids = reset || previous.ids.length === 0 ? orderIds(pageIds, conversations, filter) : appendPage(previous.ids, pageIds, state.conversations, conversations, filter);
  const list: ConversationList = { filter, ids, nextCursor: page.nextCursor, loaded: true, loading: false, error: null };
  const moved = changed.filter((conversation) => state.conversations.has(conversation.id));
  const lists = moved.length > 0 ? reorderMoved(state.lists, key, moved, conversations) : state.lists;
  return { ...state, conversations, lists: { ...lists, [key]: list } };
}

/**
 * The loaded ids are in order, so a later page is sorted on its own and merged in rather than all n sorted again for
 * every page. Under keyset pagination a page starts after the last conversation loaded and is simply added to the
 * end; one the page brings again (an event moved it meanwhile) first leaves its old place.
 */
function appendPage(loaded: readonly string[], pageIds: readonly string[], before: Conversations, conversations: Conversations, filter: InboxFilter): string[] {
  const compare = compareConversations(filter.sort);
  const arriving = orderIds(pageIds, conversations, filter).map((id) => conversations.get(id) as ConversationView);
  // Only a conversation stored before this page can be in the list already.
  const again = new Set(pageIds.filter((id) => before.has(id)));
  const kept = again.size > 0 ? loaded.filter((id) => !again.has(id)) : loaded;
  const last = kept.length > 0 ? conversations.get(kept[kept.length - 1]) : undefined;
  if (arriving.length === 0 || !last || compare(last, arriving[0]) < 0) return [...kept, ...arriving.map((c) => c.id)];
  return mergeSorted(kept, arriving, conversations, compare);
}

/** Two runs in the same order as one: linear in their lengths. */
function mergeSorted(
  kept: readonly string[],
  arriving: readonly ConversationView[],
  conversations: Conversations,
  compare: (a: ConversationView, b: ConversationView) => number,
): string[] {
  const ids: string[] = [];
  let i = 0;
  for (const conversation of arriving) {
    while (i < kept.length && compare(conversations.get(kept[i]) as ConversationView, conversation) < 0) ids.push(kept[i++]);
    ids.push(conversation.id);
  }
  while (i < kept.length) ids.push(kept[i++]);
  return ids;
}

/** Moves conversations whose copy changed to where they now sort in the other lists that hold them; membership stays. */
function reorderMoved(lists: Record<string, ConversationList>, paged: string, moved: readonly ConversationView[], conversations: Conversations): Record<string, ConversationList> {
  const movedIds = new Set(moved.map((conversation) => conversation.id));
  let next = lists;
  for (const [key, list] of Object.entries(lists)) {
    if (key === paged || !list.ids.some((id) => movedIds.has(id))) continue;
    const compare = compareConversations(list.filter.sort);
    const present = list.ids.filter((id) => movedIds.has(id)).map((id) => conversations.get(id) as ConversationView).sort(compare);
    const ids = mergeSorted(list.ids.filter((id) => !movedIds.has(id)), present, conversations, compare);
    if (sameIds(ids, list.ids)) continue;
    if (next === lists) next = { ...lists };
    next[key] = { ...list, ids };
  }
  return next;
}

function orderIds(ids: readonly string[], conversations: Conversations, filter: InboxFilter): string[] {
  const compare = compareConversations(filter.sort);
  return [...new Set(ids)]
    .map((id) => conversations.get(id))
    .filter((c): c is ConversationView => c !== undefined)
    .sort(compare)
    .map((c) => c.id);
}

/**
 * Conversations changed (a reply, events, an action's answer): store the newer copies, then move each into, within
 * or out of every loaded list according to its new state. A list with more pages to come only takes one in when it
 * sorts among what is loaded; otherwise the next page brings it. A batch (a replay after a reconnect) copies the
 * store once, however many conversations it touches.
 */
export function conversationsUpserted(state: InboxState, incoming: readonly ConversationView[], viewer: InboxViewer): InboxState {
  const { conversations, changed } = storeConversations(state.conversations, incoming);
  if (changed.length === 0) return state;

  let lists = state.lists;
  for (const [key, list] of Object.entries(state.lists)) {
    const next = placeInList(list, changed, state.conversations, conversations, viewer);
    if (next === list) continue;
    if (lists === state.lists) lists = { ...state.lists };
    lists[key] = next;
  }
  return { ...state, conversations, lists };
}

export function conversationUpserted(state: InboxState, incoming: ConversationView, viewer: InboxViewer): InboxState {
  return conversationsUpserted(state, [incoming], viewer);
}

/**
 * Moves changed conversations into, within or out of one list, in one pass: take them out, sort those that belong,
 * and merge the two sorted runs, so a replay of thousands of events stays linear in the list. A list with more pages
 * to come takes in only what sorts before the last conversation it loaded (as the API served it); the next page
 * brings the rest.
 */
function placeInList(
  list: ConversationList,
  changed: readonly ConversationView[],
  before: Conversations,
  conversations: Conversations,
  viewer: InboxViewer,
): ConversationList {
  if (!list.loaded) return list;
  const changedIds = new Set(changed.map((conversation) => conversation.id));
  const present = new Set(list.ids.filter((id) => changedIds.has(id)));
  const kept = present.size > 0 ? list.ids.filter((id) => !changedIds.has(id)) : list.ids;
  const compare = compareConversations(list.filter.sort);
  const incoming = changed
    .filter((conversation) => {
      const belongs = belongsToList(conversation, list.filter, viewer);
      return belongs === true || (belongs === 'unknown' && present.has(conversation.id));
    })
    .sort(compare);

  const boundary = list.nextCursor !== null && list.ids.length > 0 ? before.get(list.ids[list.ids.length - 1]) : undefined;
  const ids: string[] = [];
  let i = 0;
  for (const conversation of incoming) {
    if (list.nextCursor !== null && (!boundary || compare(conversation, boundary) > 0)) break;
    while (i < kept.length && compare(conversations.get(kept[i]) as ConversationView, conversation) < 0) ids.push(kept[i++]);
    ids.push(conversation.id);
  }
  while (i < kept.length) ids.push(kept[i++]);
  return sameIds(ids, list.ids) ? list : { ...list, ids };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** A conversation this agent may no longer see (moved to another team): it leaves every list. */
export function conversationForgotten(state: InboxState, conversationId: string): InboxState {
  if (!state.conversations.has(conversationId)) return state;
  const conversations = new Map(state.conversations);
  conversations.delete(conversationId);
  const lists: Record<string, ConversationList> = {};
  for (const [key, list] of Object.entries(state.lists)) {
    lists[key] = list.ids.includes(conversationId) ? { ...list, ids: list.ids.filter((id) => id !== conversationId) } : list;
  }
  return { ...state, conversations, lists };
}

/** A contact edited elsewhere: every conversation with them shows the new name and notes. */
export function contactUpdated(state: InboxState, contact: ContactView): InboxState {
  let conversations: Map<string, ConversationView> | null = null;
  for (const conversation of state.conversations.values()) {
    if (conversation.contact.id !== contact.id) continue;
    conversations ??= new Map(state.conversations);
    conversations.set(conversation.id, { ...conversation, contact });
  }
  return conversations ? { ...state, conversations } : state;
}

/** Unread counts go to zero at once when an agent opens a conversation; the API's answer follows. */
export function conversationRead(state: InboxState, conversationId: string): InboxState {
  const conversation = state.conversations.get(conversationId);
  if (!conversation || conversation.unreadCount === 0) return state;
  return { ...state, conversations: new Map(state.conversations).set(conversationId, { ...conversation, unreadCount: 0 }) };
}

// ── Messages ───────────────────────────────────────────────────────────────────────────────────

/**
 * How far a message has got. A delivery report or event that arrives late (a `sent` after `delivered`) must not move
 * a message back, as on the server; states at the same rank replace each other.
 */
const STATUS_RANK: Record<MessageStatus, number> = {
  [MessageStatus.Scheduled]: 0,
  [MessageStatus.Queued]: 1,
  [MessageStatus.Sending]: 2,
  [MessageStatus.Unknown]: 3,
  [MessageStatus.Sent]: 4,
  [MessageStatus.Delivered]: 5,
  [MessageStatus.Undelivered]: 5,
  [MessageStatus.Failed]: 5,
  [MessageStatus.Cancelled]: 5,
  [MessageStatus.Received]: 5,
  [MessageStatus.Note]: 5,
};

function newerMessage(current: MessageView | undefined, incoming: MessageView): MessageView {
  if (!current) return incoming;
  const kept = newerByStatus(current, incoming);
  // Content once removed (an erasure, a team's retention window) never comes back: whichever copy carries the newer
  // status, a copy read before the removal loses its text, media and references.
  const removed = incoming.removed ? incoming : current.removed ? current : null;
  if (!removed || kept.removed) return kept;
  return { ...kept, body: removed.body, media: removed.media, externalReference: removed.externalReference, metadata: removed.metadata, removed: removed.removed };
}

function newerByStatus(current: MessageView, incoming: MessageView): MessageView {
  if (STATUS_RANK[incoming.status] !== STATUS_RANK[current.status]) return STATUS_RANK[incoming.status] > STATUS_RANK[current.status] ? incoming : current;
  // The same status again (a replayed event) changes nothing; a sibling state at the same rank replaces it.
  const same = incoming.status === current.status && incoming.segments === current.segments && incoming.error?.reason === current.error?.reason;
  return same ? current : incoming;
}

/** Threads read in the API's order: by send time, then creation, then id. */
export function compareMessages(a: MessageView, b: MessageView): number {
  return Date.parse(a.sentAt) - Date.parse(b.sentAt) || Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function storeMessages(messages: Record<string, MessageView>, incoming: readonly MessageView[]): Record<string, MessageView> {
  let next = messages;
  for (const message of incoming) {
    const kept = newerMessage(next[message.id], message);
    if (kept === next[message.id]) continue;
    if (next === messages) next = { ...messages };
    next[message.id] = kept;
  }
  return next;
}

function orderMessageIds(ids: readonly string[], messages: Record<string, MessageView>): string[] {
  return [...new Set(ids)]
    .map((id) => messages[id])
    .filter((m): m is MessageView => m !== undefined)
    .sort(compareMessages)
    .map((m) => m.id);
}

export function threadRequested(state: InboxState, conversationId: string): InboxState {
  const thread = state.threads[conversationId] ?? emptyThread;
  return { ...state, threads: { ...state.threads, [conversationId]: { ...thread, loading: true, error: null } } };
}

export function threadFailed(state: InboxState, conversationId: string, error: string): InboxState {
  const thread = state.threads[conversationId] ?? emptyThread;
  return { ...state, threads: { ...state.threads, [conversationId]: { ...thread, loading: false, error } } };
}

/**
 * A page of messages, oldest first. The newest page (`older` false) keeps any messages events added that the page
 * does not cover yet, and sets where older pages start only the first time; an older page extends it backwards.
 */
export function threadPageLoaded(state: InboxState, conversationId: string, page: Page<MessageView>, older: boolean): InboxState {
  const messages = storeMessages(state.messages, page.items);
  const previous = state.threads[conversationId] ?? emptyThread;
  const ids = orderMessageIds([...previous.ids, ...page.items.map((m) => m.id)], messages);
  const olderCursor = older || !previous.loaded ? page.nextCursor : previous.olderCursor;
  const thread: Thread = { ids, olderCursor, loaded: true, loading: false, error: null };
  return { ...state, messages, threads: { ...state.threads, [conversationId]: thread } };
}

/**
 * A message from an event or an action's answer. Threads not opened yet do not keep it (opening one loads it whole),
 * but the list's summary of the last message follows its status: a delivery report does not change the
 * conversation, so no newer copy of it would bring the new tick.
 */
export function messageUpserted(state: InboxState, incoming: MessageView): InboxState {
  const synced = lastMessageSynced(state, incoming);
  const thread = synced.threads[incoming.conversationId];
  if (!thread?.loaded) return synced;
  state = synced;
  const messages = storeMessages(state.messages, [incoming]);
  if (messages === state.messages) return state;
  const ids = thread.ids.includes(incoming.id) ? thread.ids : orderMessageIds([...thread.ids, incoming.id], messages);
  return { ...state, messages, threads: { ...state.threads, [incoming.conversationId]: { ...thread, ids } } };
}

function lastMessageSynced(state: InboxState, message: MessageView): InboxState {
  const conversation = state.conversations.get(message.conversationId);
  const last = conversation?.lastMessage;
  if (!conversation || !last || last.id !== message.id || last.status === message.status) return state;
  if (STATUS_RANK[message.status] < STATUS_RANK[last.status]) return state;
  const updated = { ...conversation, lastMessage: { ...last, status: message.status } };
  return { ...state, conversations: new Map(state.conversations).set(conversation.id, updated) };
}

// ── Activity lines ─────────────────────────────────────────────────────────────────────────────

/**
 * Lines never change once written, so a copy already held is kept. Ordered by time; lines of the same instant (one
 * change's lines) keep the order they came in, which is the server's.
 */
function mergeActivity(current: readonly ActivityView[], incoming: readonly ActivityView[]): readonly ActivityView[] {
  const known = new Set(current.map((line) => line.id));
  const fresh = incoming.filter((line) => !known.has(line.id) && (known.add(line.id), true));
  if (fresh.length === 0) return current;
  return [...current, ...fresh].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

/** The thread's lines from the API; lines that events brought meanwhile stay. */
export function activityLoaded(state: InboxState, conversationId: string, lines: readonly ActivityView[]): InboxState {
  const current = state.activity[conversationId];
  const merged = mergeActivity(current ?? [], lines);
  if (current && merged === current) return state;
  return { ...state, activity: { ...state.activity, [conversationId]: [...merged] } };
}

/** A line from an event. Threads not opened yet do not keep it: opening one loads its lines whole. */
export function activityAdded(state: InboxState, line: ActivityView): InboxState {
  const current = state.activity[line.conversationId];
  if (!current && !state.threads[line.conversationId]) return state;
  return activityLoaded(state, line.conversationId, [line]);
}

// ── Realtime ───────────────────────────────────────────────────────────────────────────────────

/** Applies what an event carries. Events hold the current state, so applying one twice changes nothing. */
export function realtimeEventApplied(state: InboxState, event: RealtimeEvent, viewer: InboxViewer): InboxState {
  return realtimeEventsApplied(state, [event], viewer);
}

/** A batch of events (a replay after a reconnect) in one pass: messages in order, then the conversations they left. */
export function realtimeEventsApplied(state: InboxState, events: readonly RealtimeEvent[], viewer: InboxViewer): InboxState {
  let next = state;
  for (const event of events) {
    if (event.message) next = messageUpserted(next, event.message);
    if (event.type === 'conversation.activity') next = activityAdded(next, (event as RealtimeEvent<'conversation.activity'>).payload.activity);
  }
  const conversations = events.flatMap((event) => (event.conversation ? [event.conversation] : []));
  return conversations.length > 0 ? conversationsUpserted(next, conversations, viewer) : next;
}

/** Forget everything, e.g. when someone else signs in. */
export function inboxCleared(): InboxState {
  return initialInboxState;
}
