import type {
  ClientToServerEvents,
  PresenceStatus,
  PresenceView,
  RealtimeEvent,
  ResumeResult,
  ServerToClientEvents,
  SessionEndedSignal,
  TypingSignal,
  ViewingSignal,
} from '@backtalk/contracts';
import { freshEvents } from './realtime.reducers';

/** The part of a socket.io client socket this module uses, so tests can drive it with a fake. */
export interface RealtimeSocket {
  readonly connected: boolean;
  /** False after a server-side disconnect or a refused handshake: socket.io will not retry by itself then. */
  readonly active: boolean;
  on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): unknown;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
  emit<E extends keyof ClientToServerEvents>(event: E, ...args: Parameters<ClientToServerEvents[E]>): unknown;
  timeout(ms: number): {
    emit<E extends 'resume' | 'token.refresh'>(
      event: E,
      request: Parameters<ClientToServerEvents[E]>[0],
      ack: (error: Error | null, result: Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]) => void,
    ): unknown;
  };
  connect(): unknown;
  disconnect(): unknown;
  io: { on(event: 'reconnect_attempt', listener: () => void): unknown };
}

/** Where the replayed or live events came from, so alerts can stay quiet for the first catch-up of a session. */
export type EventSource = 'live' | 'first_sync' | 'replay';

export interface RealtimeClientDeps {
  createSocket: () => RealtimeSocket;
  /** A new access token, or false when the session is over. */
  refreshSession: () => Promise<boolean>;
  sessionEnded: () => void;
  lastSeq: () => number;
  /** Connection lifecycle, for the status banner. */
  status: {
    connecting: () => void;
    connected: () => void;
    disconnected: () => void;
    failed: () => void;
    resumed: (latestSeq: number) => void;
  };
  /** Applies events in sequence order; they are already filtered to those after `lastSeq()`. */
  applyEvents: (events: RealtimeEvent[], source: EventSource) => void;
  /** The gap was too old: continue from `latestSeq` and fetch lists and threads again. */
  resync: (latestSeq: number) => Promise<void>;
  typing: (signal: TypingSignal) => void;
  viewing: (signal: ViewingSignal) => void;
  presence: (presence: PresenceView) => void;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface RealtimeClient {
  start: () => void;
  stop: () => void;
  /** The session store renewed the token: hand it to the live socket so it is not cut at expiry. */
  tokenRefreshed: (token: string) => void;
  sendTyping: (conversationId: string, typing: boolean) => void;
  /** The conversation on screen, or null; repeated after every reconnect and renewed while it stays open. */
  setViewing: (conversationId: string | null) => void;
  setPresence: (status: Exclude<PresenceStatus, 'offline'>) => void;
}

export const RESUME_TIMEOUT_MS = 10_000;
export const HEARTBEAT_MS = 25_000;
/** Viewing is renewed this often, so a viewer whose tab died fades on the other side (`VIEWING_TTL_MS`). */
export const VIEWING_RENEW_MS = 30_000;
export const MAX_RETRY_DELAY_MS = 30_000;

/**
 * socket.io backs off by itself after network failures, but not after the server refused or cut a socket. The first
 * retry is immediate (after a refresh that usually fixes it); repeated refusals wait longer and longer.
 */
export function refusalRetryDelayMs(refusals: number): number {
  return refusals <= 1 ? 0 : Math.min(MAX_RETRY_DELAY_MS, 1_000 * 2 ** (refusals - 2));
}

/**
 * The one place the console talks socket.io. On every connect it asks to resume after the last applied event and
 * applies the replay before anything live (live events that arrive meanwhile wait their turn), so a reconnect never
 * loses or repeats a change. A socket the server cut for an expired token comes back after a session refresh.
 */
export function createRealtimeClient(deps: RealtimeClientDeps): RealtimeClient {
  let socket: RealtimeSocket | null = null;
  let stopped = true;
  let resuming = false;
  let hasSynced = false;
  let pending: RealtimeEvent[] = [];
  let endedReason: SessionEndedSignal['reason'] | null = null;
  let viewing: string | null = null;
  let presenceStatus: Exclude<PresenceStatus, 'offline'> = 'online';
  let heartbeat: unknown = null;
  let viewingRenewal: unknown = null;
  let retryTimer: unknown = null;
  /** Refused or cut by the server since the last successful resume. */
  let refusals = 0;

  const deliver = (events: readonly RealtimeEvent[], source: EventSource) => {
    const fresh = freshEvents(deps.lastSeq(), events);
    if (fresh.length > 0) deps.applyEvents(fresh, source);
  };

  const finishResume = async (current: RealtimeSocket, result: ResumeResult) => {
    const source: EventSource = hasSynced ? 'replay' : 'first_sync';
    if (result.status === 'ok') {
      deliver([...result.events, ...pending], source);
    } else {
      await deps.resync(result.latestSeq);
      if (current !== socket) return;
      deliver(pending, 'live');
    }
    pending = [];
    resuming = false;
    hasSynced = true;
    refusals = 0;
    deps.status.resumed(result.latestSeq);
    announceSelf(current);
  };

  /** What the server forgets on a disconnect: where I am and whether I am around. */
  const announceSelf = (current: RealtimeSocket) => {
    current.emit('presence.set', { status: presenceStatus });
    if (viewing) current.emit('viewing', { conversationId: viewing });
  };

  const resume = (current: RealtimeSocket) => {
    resuming = true;
    pending = [];
    current.timeout(RESUME_TIMEOUT_MS).emit('resume', { afterSeq: deps.lastSeq() }, (error, result) => {
      if (current !== socket || stopped) return;
      if (error || !result) {
        // No answer: start over on a fresh connection rather than show a live inbox that may have a gap.
        current.disconnect();
        current.connect();
        return;
      }
      void finishResume(current, result).catch(() => {
        current.disconnect();
        current.connect();
      });
    });
  };

  /** After the server refused or cut the socket: refresh first when it was for the session, then connect again. */
  const reconnectAfterServerDisconnect = (current: RealtimeSocket) => {
    const reason = endedReason;
    endedReason = null;
    if (reason === 'deactivated') {
      deps.sessionEnded();
      return;
    }
    refusals += 1;
    deps.clearTimeout(retryTimer);
    retryTimer = deps.setTimeout(() => {
      void (async () => {
        if (reason !== null) {
          const renewed = await deps.refreshSession().catch(() => false);
          if (!renewed) return; // The session store has ended the session; signing in again starts a new client.
        }
        if (current === socket && !stopped && !current.connected) current.connect();
      })();
    }, refusalRetryDelayMs(refusals));
  };

  const attach = (current: RealtimeSocket) => {
    current.on('connect', () => {
      deps.status.connected();
      resume(current);
    });
    current.on('disconnect', (reason: string) => {
      resuming = false;
      pending = [];
      deps.status.disconnected();
      if (reason === 'io server disconnect' && !stopped) reconnectAfterServerDisconnect(current);
    });
    current.on('connect_error', () => {
      deps.status.failed();
      // A refused handshake (expired or missing token) is not retried by socket.io: refresh, then try again.
      if (!current.active && !stopped) {
        endedReason = endedReason ?? 'token_expired';
        reconnectAfterServerDisconnect(current);
      }
    });
    current.io.on('reconnect_attempt', () => deps.status.connecting());
    current.on('domain.events', (events: RealtimeEvent[]) => {
      if (resuming) pending.push(...events);
      else deliver(events, 'live');
    });
    current.on('session.ended', (signal: SessionEndedSignal) => {
      endedReason = signal.reason;
    });
    current.on('typing', (signal: TypingSignal) => deps.typing(signal));
    current.on('viewing', (signal: ViewingSignal) => deps.viewing(signal));
    current.on('presence.changed', (presence: PresenceView) => deps.presence(presence));
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      hasSynced = false;
      socket = deps.createSocket();
      attach(socket);
      deps.status.connecting();
      socket.connect();
      heartbeat = deps.setInterval(() => {
        if (socket?.connected) socket.emit('heartbeat');
      }, HEARTBEAT_MS);
      viewingRenewal = deps.setInterval(() => {
        if (socket?.connected && viewing) socket.emit('viewing', { conversationId: viewing });
      }, VIEWING_RENEW_MS);
    },
    stop() {
      stopped = true;
      deps.clearTimeout(retryTimer);
      deps.clearInterval(heartbeat);
      deps.clearInterval(viewingRenewal);
      const current = socket;
      socket = null;
      current?.disconnect();
    },
    tokenRefreshed(token) {
      if (!socket?.connected) return; // The next handshake reads the new token anyway.
      socket.timeout(RESUME_TIMEOUT_MS).emit('token.refresh', { token }, () => undefined);
    },
    sendTyping(conversationId, typing) {
      if (socket?.connected) socket.emit('typing', { conversationId, typing });
    },
    setViewing(conversationId) {
      if (viewing === conversationId) return;
      viewing = conversationId;
      if (socket?.connected) socket.emit('viewing', { conversationId });
    },
    setPresence(status) {
      presenceStatus = status;
      if (socket?.connected) socket.emit('presence.set', { status });
    },
  };
}
