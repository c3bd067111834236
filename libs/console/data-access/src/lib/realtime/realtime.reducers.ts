import type { PresenceView, RealtimeEvent, TypingSignal, ViewingSignal } from '@backtalk/contracts';

/**
 * `connecting`: the first connection of this session is being made.
 * `catching_up`: connected, and replaying what happened while away before showing anything as live.
 * `live`: every change arrives as it happens.
 * `reconnecting`: the connection dropped; socket.io is trying again, and what happens meanwhile will be replayed.
 * `offline`: the browser is offline or several attempts failed in a row; still retrying, less often.
 */
export type RealtimeStatus = 'idle' | 'connecting' | 'catching_up' | 'live' | 'reconnecting' | 'offline';

/** Another agent doing something in a conversation, until `until` (epoch ms) unless renewed. */
export interface ActivitySignal {
  userId: string;
  userName: string;
  until: number;
}

export interface RealtimeState {
  status: RealtimeStatus;
  /** The highest event sequence applied; a reconnect resumes after it. */
  lastSeq: number;
  /** Whether this session was ever live, so a drop reads as "reconnecting" and not "connecting". */
  wasLive: boolean;
  failedAttempts: number;
  /** By conversation, then by user. */
  typing: Record<string, Record<string, ActivitySignal>>;
  viewing: Record<string, Record<string, ActivitySignal>>;
  presence: Record<string, PresenceView>;
}

export const initialRealtimeState: RealtimeState = {
  status: 'idle',
  lastSeq: 0,
  wasLive: false,
  failedAttempts: 0,
  typing: {},
  viewing: {},
  presence: {},
};

/** After this many failed attempts in a row the banner says offline instead of reconnecting. */
export const OFFLINE_AFTER_FAILURES = 3;
/** A typing signal that is not renewed fades after this long (the sender renews it every few seconds). */
export const TYPING_TTL_MS = 6_000;
/** A viewing signal that is not renewed fades after this long (the sender renews it every 30 s). */
export const VIEWING_TTL_MS = 75_000;

export function connectStarted(state: RealtimeState): RealtimeState {
  const status = state.wasLive ? (state.status === 'offline' ? 'offline' : 'reconnecting') : 'connecting';
  return state.status === status ? state : { ...state, status };
}

export function socketConnected(state: RealtimeState): RealtimeState {
  return { ...state, status: 'catching_up', failedAttempts: 0 };
}

/** The replay is applied: from here on events are live. `latestSeq` covers events this agent may not see. */
export function resumed(state: RealtimeState, latestSeq: number): RealtimeState {
  return { ...state, status: 'live', wasLive: true, lastSeq: Math.max(state.lastSeq, latestSeq) };
}

/** The gap was too old to replay: continue from the server's latest sequence once the lists are fetched again. */
export function resynced(state: RealtimeState, latestSeq: number): RealtimeState {
  return { ...state, lastSeq: latestSeq };
}

/** Typing and viewing signals stop arriving while disconnected, so the ones shown would go stale. */
export function socketDisconnected(state: RealtimeState): RealtimeState {
  return {
    ...state,
    status: state.status === 'offline' ? 'offline' : state.wasLive ? 'reconnecting' : 'connecting',
    typing: {},
    viewing: {},
  };
}

export function connectFailed(state: RealtimeState): RealtimeState {
  const failedAttempts = state.failedAttempts + 1;
  return { ...state, failedAttempts, status: failedAttempts >= OFFLINE_AFTER_FAILURES ? 'offline' : state.status };
}

export function browserWentOffline(state: RealtimeState): RealtimeState {
  return state.status === 'idle' ? state : { ...state, status: 'offline', typing: {}, viewing: {} };
}

/**
 * The events of a batch not applied yet, in sequence order and each once: a replay and the live stream may both
 * carry an event, and a reconnect may replay what was already seen.
 */
export function freshEvents(lastSeq: number, events: readonly RealtimeEvent[]): RealtimeEvent[] {
  const bySeq = new Map<number, RealtimeEvent>();
  for (const event of events) if (event.seq > lastSeq && !bySeq.has(event.seq)) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function eventsApplied(state: RealtimeState, events: readonly RealtimeEvent[]): RealtimeState {
  const highest = events.reduce((max, event) => Math.max(max, event.seq), state.lastSeq);
  return highest === state.lastSeq ? state : { ...state, lastSeq: highest };
}

function withSignal(
  map: Record<string, Record<string, ActivitySignal>>,
  conversationId: string,
  userId: string,
  signal: ActivitySignal | null,
): Record<string, Record<string, ActivitySignal>> {
  const { [userId]: _previous, ...others } = map[conversationId] ?? {};
  const users = signal ? { ...others, [userId]: signal } : others;
  const { [conversationId]: _conversation, ...rest } = map;
  return Object.keys(users).length > 0 ? { ...rest, [conversationId]: users } : rest;
}

/** My own signals echo back from the server; they are not news to me. */
export function typingSignalled(state: RealtimeState, signal: TypingSignal, selfId: string, now: number): RealtimeState {
  if (signal.userId === selfId) return state;
  const entry = signal.typing ? { userId: signal.userId, userName: signal.userName, until: now + TYPING_TTL_MS } : null;
  if (!entry && !state.typing[signal.conversationId]?.[signal.userId]) return state;
  return { ...state, typing: withSignal(state.typing, signal.conversationId, signal.userId, entry) };
}

/** Someone viewing a conversation stops viewing every other one. */
export function viewingSignalled(state: RealtimeState, signal: ViewingSignal, selfId: string, now: number): RealtimeState {
  if (signal.userId === selfId) return state;
  let viewing = state.viewing;
  for (const conversationId of Object.keys(viewing)) {
    if (conversationId !== signal.conversationId && viewing[conversationId][signal.userId]) viewing = withSignal(viewing, conversationId, signal.userId, null);
  }
  const entry = signal.viewing ? { userId: signal.userId, userName: signal.userName, until: now + VIEWING_TTL_MS } : null;
  viewing = withSignal(viewing, signal.conversationId, signal.userId, entry);
  // A typist who stopped viewing has stopped typing too.
  const typing = entry ? state.typing : withSignal(state.typing, signal.conversationId, signal.userId, null);
  return { ...state, viewing, typing };
}

function withoutExpired(map: Record<string, Record<string, ActivitySignal>>, now: number): Record<string, Record<string, ActivitySignal>> {
  let next = map;
  for (const [conversationId, users] of Object.entries(map)) {
    for (const [userId, signal] of Object.entries(users)) {
      if (signal.until <= now) next = withSignal(next, conversationId, userId, null);
    }
  }
  return next;
}

/** Signals whose sender went quiet (closed the tab, lost the connection) fade on their own. */
export function signalsExpired(state: RealtimeState, now: number): RealtimeState {
  const typing = withoutExpired(state.typing, now);
  const viewing = withoutExpired(state.viewing, now);
  return typing === state.typing && viewing === state.viewing ? state : { ...state, typing, viewing };
}

export function presenceChanged(state: RealtimeState, presence: PresenceView): RealtimeState {
  const current = state.presence[presence.userId];
  if (current && current.status === presence.status && current.lastSeenAt === presence.lastSeenAt) return state;
  return { ...state, presence: { ...state.presence, [presence.userId]: presence } };
}

/** Signed out: nothing of the previous session carries over. */
export function realtimeStopped(): RealtimeState {
  return initialRealtimeState;
}
