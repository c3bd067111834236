import { Role, type ActivityView, type ContactView, type ConversationView, type MessageView, type Page, type RealtimeEvent, type UserView } from '@backtalk/contracts';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { describeError, isApiError } from '../http/api-error';
import { useSessionStore } from '../session/session.store';
import { inboxApi } from './inbox.api';
import { listKey, toListQuery, type InboxFilter, type InboxViewer } from './inbox-filter';
import * as reducers from './inbox.reducers';
import type { ConversationList, InboxState, Thread } from './inbox.reducers';

export const LIST_PAGE_SIZE = 50;
export const THREAD_PAGE_SIZE = 50;

interface InboxActions {
  listRequested: (filter: InboxFilter) => void;
  listPageLoaded: (filter: InboxFilter, page: Page<ConversationView>, reset: boolean) => void;
  listFailed: (filter: InboxFilter, error: string) => void;
  conversationUpserted: (conversation: ConversationView) => void;
  conversationForgotten: (conversationId: string) => void;
  conversationRead: (conversationId: string) => void;
  contactUpdated: (contact: ContactView) => void;
  threadRequested: (conversationId: string) => void;
  threadPageLoaded: (conversationId: string, page: Page<MessageView>, older: boolean) => void;
  threadFailed: (conversationId: string, error: string) => void;
  messageUpserted: (message: MessageView) => void;
  activityLoaded: (conversationId: string, lines: readonly ActivityView[]) => void;
  realtimeEventsApplied: (events: readonly RealtimeEvent[]) => void;
  inboxCleared: () => void;
}

const NOBODY: InboxViewer = { userId: '', role: Role.Agent, teamIds: [] };

export function viewerOf(user: UserView | null): InboxViewer {
  return user ? { userId: user.id, role: user.role, teamIds: user.teamIds } : NOBODY;
}

const viewer = () => viewerOf(useSessionStore.getState().user);

export const useInboxStore = create<InboxState & { actions: InboxActions }>()((set) => ({
  ...reducers.initialInboxState,
  actions: {
    listRequested: (filter) => set((s) => reducers.listRequested(s, filter)),
    listPageLoaded: (filter, page, reset) => set((s) => reducers.listPageLoaded(s, filter, page, reset)),
    listFailed: (filter, error) => set((s) => reducers.listFailed(s, filter, error)),
    conversationUpserted: (conversation) => set((s) => reducers.conversationUpserted(s, conversation, viewer())),
    conversationForgotten: (conversationId) => set((s) => reducers.conversationForgotten(s, conversationId)),
    conversationRead: (conversationId) => set((s) => reducers.conversationRead(s, conversationId)),
    contactUpdated: (contact) => set((s) => reducers.contactUpdated(s, contact)),
    threadRequested: (conversationId) => set((s) => reducers.threadRequested(s, conversationId)),
    threadPageLoaded: (conversationId, page, older) => set((s) => reducers.threadPageLoaded(s, conversationId, page, older)),
    threadFailed: (conversationId, error) => set((s) => reducers.threadFailed(s, conversationId, error)),
    messageUpserted: (message) => set((s) => reducers.messageUpserted(s, message)),
    activityLoaded: (conversationId, lines) => set((s) => reducers.activityLoaded(s, conversationId, lines)),
    realtimeEventsApplied: (events) =>
      set((s) => reducers.realtimeEventsApplied(s, events, viewer())),
    inboxCleared: () => set(reducers.inboxCleared()),
  },
}));

export const inboxActions = (): InboxActions => useInboxStore.getState().actions;

// ── Selectors ─────────────────────────────────────────────────────────────────────────────────

const NO_IDS: string[] = [];
const NO_ACTIVITY: ActivityView[] = [];

export const useInboxActions = (): InboxActions => useInboxStore((s) => s.actions);
export const useConversation = (id: string | null | undefined): ConversationView | undefined => useInboxStore((s) => (id ? s.conversations.get(id) : undefined));
export const useMessage = (id: string): MessageView | undefined => useInboxStore((s) => s.messages[id]);
export const useThread = (conversationId: string | null | undefined): Thread | undefined =>
  useInboxStore((s) => (conversationId ? s.threads[conversationId] : undefined));
export const useConversationList = (filter: InboxFilter): ConversationList | undefined => useInboxStore((s) => s.lists[listKey(filter)]);
export const useConversationIds = (filter: InboxFilter): string[] => useInboxStore((s) => s.lists[listKey(filter)]?.ids ?? NO_IDS);

/** Who wrote a message, when the console has it loaded (list rows say "You:" with it). */
export const useMessageAuthorId = (messageId: string | null | undefined): string | null =>
  useInboxStore((s) => (messageId ? (s.messages[messageId]?.authorId ?? null) : null));

/** Outside React, e.g. in a keyboard handler. */
export const conversationById = (id: string): ConversationView | undefined => useInboxStore.getState().conversations.get(id);

/** The messages of a thread, oldest first. */
export const useThreadMessages = (conversationId: string | null | undefined): MessageView[] =>
  useInboxStore(useShallow((s) => (conversationId ? (s.threads[conversationId]?.ids ?? NO_IDS).map((id) => s.messages[id]).filter(Boolean) : [])));

/** The thread's activity lines (resolved, snoozed, opted out…), oldest first. */
export const useThreadActivity = (conversationId: string | null | undefined): ActivityView[] =>
  useInboxStore((s) => (conversationId ? (s.activity[conversationId] ?? NO_ACTIVITY) : NO_ACTIVITY));

/**
 * Unread messages waiting for me: in conversations assigned to me or unassigned in my teams, among those loaded.
 * For the tab title, so a glance at the tab says whether anything new came in.
 */
export const useUnreadForMe = (): number =>
  useInboxStore((s) => {
    const me = viewerOf(useSessionStore.getState().user);
    let total = 0;
    for (const conversation of s.conversations.values()) {
      if (conversation.status !== 'open' || conversation.unreadCount === 0) continue;
      const forMe = conversation.assigneeId === me.userId || (conversation.assigneeId === null && (me.role === Role.Admin || me.teamIds.includes(conversation.teamId)));
      if (forMe) total += conversation.unreadCount;
    }
    return total;
  });

// ── Loading ───────────────────────────────────────────────────────────────────────────────────

/** The newest request per list or thread wins; answers to older ones are dropped. */
const latestRequest = new Map<string, number>();
let requestCounter = 0;

function begin(key: string): () => boolean {
  const ticket = ++requestCounter;
  latestRequest.set(key, ticket);
  return () => latestRequest.get(key) === ticket;
}

/** Loads the first page of a list (`reset`) or the page after the ones loaded. */
export async function loadConversationList(filter: InboxFilter, reset = true): Promise<void> {
  const key = `list:${listKey(filter)}`;
  const current = useInboxStore.getState().lists[listKey(filter)];
  if (!reset && (!current?.nextCursor || current.loading)) return;
  const isCurrent = begin(key);
  const { listRequested, listPageLoaded, listFailed } = inboxActions();
  listRequested(filter);
  try {
    const page = await inboxApi.listConversations(toListQuery(filter, reset ? null : (current?.nextCursor ?? null), LIST_PAGE_SIZE));
    if (isCurrent()) listPageLoaded(filter, page, reset);
  } catch (error) {
    if (isCurrent()) listFailed(filter, describeError(error));
  }
}

/** Every list loaded so far, from its first page again: after a resync or a long disconnection. */
export async function reloadLoadedLists(): Promise<void> {
  const lists = Object.values(useInboxStore.getState().lists).filter((list) => list.loaded || list.loading);
  await Promise.all(lists.map((list) => loadConversationList(list.filter, true)));
}

export async function loadThread(conversationId: string): Promise<void> {
  const isCurrent = begin(`thread:${conversationId}`);
  const { threadRequested, threadPageLoaded, threadFailed } = inboxActions();
  threadRequested(conversationId);
  // The lines are extra: a thread whose lines could not be read still shows its messages.
  const lines = inboxApi.activity(conversationId).catch(() => null);
  try {
    const page = await inboxApi.messages(conversationId, null, THREAD_PAGE_SIZE);
    const activity = await lines;
    if (!isCurrent()) return;
    threadPageLoaded(conversationId, page, false);
    if (activity) inboxActions().activityLoaded(conversationId, activity);
  } catch (error) {
    if (isCurrent()) threadFailed(conversationId, describeError(error));
  }
}

export async function loadOlderMessages(conversationId: string): Promise<void> {
  const thread = useInboxStore.getState().threads[conversationId];
  if (!thread?.olderCursor || thread.loading) return;
  const isCurrent = begin(`thread:${conversationId}`);
  const { threadRequested, threadPageLoaded, threadFailed } = inboxActions();
  threadRequested(conversationId);
  try {
    const page = await inboxApi.messages(conversationId, thread.olderCursor, THREAD_PAGE_SIZE);
    if (isCurrent()) threadPageLoaded(conversationId, page, true);
  } catch (error) {
    if (isCurrent()) threadFailed(conversationId, describeError(error));
  }
}

/** Threads opened so far, newest page again: after a resync. */
export async function reloadLoadedThreads(): Promise<void> {
  const ids = Object.entries(useInboxStore.getState().threads)
    .filter(([, thread]) => thread.loaded)
    .map(([id]) => id);
  await Promise.all(ids.map((id) => loadThread(id)));
}

/** One conversation fresh from the API; a 404 means it is no longer visible (moved to another team), so it goes. */
export async function refreshConversation(conversationId: string): Promise<ConversationView | null> {
  try {
    const conversation = await inboxApi.conversation(conversationId);
    inboxActions().conversationUpserted(conversation);
    return conversation;
  } catch (error) {
    if (isApiError(error) && error.status === 404) inboxActions().conversationForgotten(conversationId);
    throw error;
  }
}
