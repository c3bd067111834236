import { REALTIME_NAMESPACE, type ClientToServerEvents, type RealtimeEvent, type ServerToClientEvents } from '@backtalk/contracts';
import { io, type Socket } from 'socket.io-client';
import { refreshSession } from '../client';
import { contactsKeys } from '../contacts/contacts.queries';
import { inboxQueryKeys } from '../inbox/inbox.queries';
import { inboxActions, loadThread, refreshConversation, reloadLoadedLists, reloadLoadedThreads, useInboxStore } from '../inbox/inbox.store';
import { queryClient } from '../queries/query-client';
import { queuesChanged, routingQueryKeys } from '../routing/routing.queries';
import { sessionActions, useSessionStore } from '../session/session.store';
import { createRealtimeClient, type EventSource, type RealtimeClient, type RealtimeSocket } from './realtime-client';
import { realtimeActions, useRealtimeStore } from './realtime.store';
import { createTypingSignaller } from './typing-signal';

// The socket is created here and nowhere else. Everything it receives goes through the stores' reducers.

export type InboxEventListener = (events: readonly RealtimeEvent[], source: EventSource) => void;
const listeners = new Set<InboxEventListener>();

/** For side effects of events (desktop alerts, sounds); the stores are already updated when a listener runs. */
export function subscribeToInboxEvents(listener: InboxEventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function createSocket(): RealtimeSocket {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(REALTIME_NAMESPACE, {
    // Same origin: the console's server proxies /socket.io to the API. WebSocket only, so a load balancer
    // needs no sticky sessions.
    transports: ['websocket'],
    autoConnect: false,
    // Read on every attempt, so a reconnect after a refresh presents the new token.
    auth: (callback) => callback({ token: useSessionStore.getState().accessToken ?? '' }),
  });
  return socket as unknown as RealtimeSocket;
}

/** Counts are cheap to fetch and hard to keep exact from events: fetch them again, at most every second. */
let countsTimer: ReturnType<typeof setTimeout> | null = null;
function refetchCountsSoon(): void {
  countsTimer ??= setTimeout(() => {
    countsTimer = null;
    void queryClient.invalidateQueries({ queryKey: inboxQueryKeys.counts });
  }, 1_000);
}

function applyEvents(events: RealtimeEvent[], source: EventSource): void {
  inboxActions().realtimeEventsApplied(events);
  realtimeActions().eventsApplied(events);
  for (const event of events) {
    // Sent without the conversation when it is no longer ours to see, or when the server could not read it:
    // asking the API settles which (a 404 takes it out of the lists).
    if (event.conversationId && !event.conversation) void refreshBareEvent(event.conversationId);
    if (event.type === 'assignment.changed' && event.conversationId) {
      void queryClient.invalidateQueries({ queryKey: inboxQueryKeys.assignments(event.conversationId) });
    }
    if (event.type === 'consent.changed' && event.conversationId) {
      void queryClient.invalidateQueries({ queryKey: inboxQueryKeys.consent(event.conversationId) });
    }
    if (event.type === 'contact.updated') {
      const { contactId } = event.payload as { contactId: string };
      const withContact = [...useInboxStore.getState().conversations.values()].filter((c) => c.contact.id === contactId);
      for (const conversation of withContact) void refreshContactOf(conversation.id);
      // The contact page and the inbox panel's details (attributes) read the contact itself.
      void queryClient.invalidateQueries({ queryKey: contactsKeys.contact(contactId) });
    }
  }
  if (events.some((event) => event.conversation || event.type.startsWith('conversation.') || event.type === 'assignment.changed')) {
    refetchCountsSoon();
    queuesChanged();
  }
  for (const listener of listeners) listener(events, source);
}

/** An erasure empties the customer's messages too: a thread already loaded is read again, so their text leaves the screen. */
async function refreshContactOf(conversationId: string): Promise<void> {
  try {
    await refreshConversation(conversationId);
    const state = useInboxStore.getState();
    if (state.conversations.get(conversationId)?.contact.erasedAt && state.threads[conversationId]?.loaded) await loadThread(conversationId);
  } catch {
    // The next event or resync reads it again.
  }
}

async function refreshBareEvent(conversationId: string): Promise<void> {
  const known = useInboxStore.getState();
  if (!known.conversations.has(conversationId) && !known.threads[conversationId]) return;
  try {
    await refreshConversation(conversationId);
    if (useInboxStore.getState().threads[conversationId]?.loaded) await loadThread(conversationId);
  } catch {
    // A 404 already took it out of the lists; anything else is retried by the next event or resync.
  }
}

async function resync(latestSeq: number): Promise<void> {
  realtimeActions().resynced(latestSeq);
  await Promise.all([
    reloadLoadedLists(),
    reloadLoadedThreads(),
    queryClient.invalidateQueries({ queryKey: inboxQueryKeys.all }),
    queryClient.invalidateQueries({ queryKey: routingQueryKeys.queues }),
  ]);
}

let client: RealtimeClient | null = null;

function selfId(): string {
  return useSessionStore.getState().user?.id ?? '';
}

function newClient(): RealtimeClient {
  const status = realtimeActions();
  return createRealtimeClient({
    createSocket,
    refreshSession: () => refreshSession(),
    sessionEnded: () => sessionActions().sessionExpired(),
    lastSeq: () => useRealtimeStore.getState().lastSeq,
    status: {
      connecting: status.connectStarted,
      connected: status.socketConnected,
      disconnected: status.socketDisconnected,
      failed: status.connectFailed,
      resumed: status.resumed,
    },
    applyEvents,
    resync,
    typing: (signal) => realtimeActions().typingSignalled(signal, selfId()),
    viewing: (signal) => realtimeActions().viewingSignalled(signal, selfId()),
    presence: (presence) => {
      const before = useRealtimeStore.getState().presence[presence.userId]?.status;
      realtimeActions().presenceChanged(presence);
      // Heartbeats repeat the same status; only a change moves anyone in or out of the queues.
      if (before !== presence.status) queuesChanged();
    },
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
}

export function startRealtime(): void {
  if (client) return;
  client = newClient();
  client.start();
}

/** Signed out: the socket closes and nothing of this session stays in memory. */
export function stopRealtime(): void {
  client?.stop();
  client = null;
  typing.stop();
  realtimeActions().realtimeStopped();
  inboxActions().inboxCleared();
}

export function realtimeTokenRefreshed(token: string): void {
  client?.tokenRefreshed(token);
}

export function realtimeSetPresence(status: 'online' | 'away'): void {
  client?.setPresence(status);
}

const typing = createTypingSignaller({
  send: (conversationId, isTyping) => client?.sendTyping(conversationId, isTyping),
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

/** Commands from the conversation screen; throttled and safe to call while disconnected. */
export const realtimeCommands = {
  typed: (conversationId: string) => typing.keystroke(conversationId),
  stoppedTyping: () => typing.stop(),
  viewing: (conversationId: string | null) => client?.setViewing(conversationId),
};
