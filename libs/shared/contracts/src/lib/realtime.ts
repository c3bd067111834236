import type { ConversationView, MessageView } from './conversations';
import type { DomainEvent, DomainEventType } from './events';

/** The socket.io namespace of the agent console. */
export const REALTIME_NAMESPACE = '/realtime';

/** Sent in the socket.io handshake (`io(url, { auth })`). */
export interface RealtimeHandshakeAuth {
  /** The user's access token (the same JWT as REST). */
  token: string;
}

/**
 * A committed domain event as an agent receives it. `seq` increases in commit order; the console remembers the last
 * one it applied and resumes after it. The current state of what the event touched rides along, so applying an event
 * needs no extra request and applying it twice is harmless.
 */
export interface RealtimeEvent<T extends DomainEventType = DomainEventType> extends DomainEvent<T> {
  /** Present for conversation, message, assignment and consent events while the conversation exists. */
  conversation?: ConversationView;
  /** Present for message events. */
  message?: MessageView;
}

export type ResumeResult =
  | { status: 'ok'; events: RealtimeEvent[]; latestSeq: number }
  /** The gap is too old to replay (or the log was pruned): reload the lists, then continue from `latestSeq`. */
  | { status: 'resync'; reason: 'gap_too_old' | 'too_many_events'; latestSeq: number };

export type PresenceStatus = 'online' | 'away' | 'offline';

export interface PresenceView {
  userId: string;
  status: PresenceStatus;
  lastSeenAt: string;
}

export interface TypingSignal {
  conversationId: string;
  userId: string;
  userName: string;
  typing: boolean;
}

export interface ViewingSignal {
  conversationId: string;
  userId: string;
  userName: string;
  viewing: boolean;
}

/** Why the server is about to disconnect a socket; `token_expired` means refresh the session, then reconnect. */
export interface SessionEndedSignal {
  reason: 'token_expired' | 'unauthenticated' | 'deactivated';
}

export interface ServerToClientEvents {
  /** Committed events in `seq` order, each once: as many as the server had ready, so under load a packet holds several. */
  'domain.events': (events: RealtimeEvent[]) => void;
  'presence.changed': (presence: PresenceView) => void;
  typing: (signal: TypingSignal) => void;
  viewing: (signal: ViewingSignal) => void;
  'session.ended': (signal: SessionEndedSignal) => void;
}

export interface ClientToServerEvents {
  /** Replays every visible event after `afterSeq`, then streams live ones; send it on every (re)connect. */
  resume: (request: { afterSeq: number }, ack: (result: ResumeResult) => void) => void;
  /** A fresh access token for a live socket, so it is not cut when the old one expires. */
  'token.refresh': (request: { token: string }, ack: (result: { ok: boolean }) => void) => void;
  typing: (request: { conversationId: string; typing: boolean }) => void;
  viewing: (request: { conversationId: string | null }) => void;
  'presence.set': (request: { status: Exclude<PresenceStatus, 'offline'> }) => void;
  heartbeat: () => void;
}
