import type { UserActor } from '@backtalk/auth';
import type { ClientToServerEvents, RealtimeEvent, ServerToClientEvents, SessionEndedSignal } from '@backtalk/contracts';
import type { Namespace, Socket } from 'socket.io';
import { TokenBucket } from '../signals/token-bucket';

/** Who a socket belongs to, as established from its access token. */
export interface Identity {
  actor: UserActor;
  userName: string;
  /** From the token: a token issued before the user's last password change is refused. */
  issuedAt: number;
  expiresAtMs: number;
}

export type Authentication = { ok: true; identity: Identity } | { ok: false; reason: SessionEndedSignal['reason'] | 'unavailable' };

export interface SocketData {
  authentication?: Authentication;
}

export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RealtimeNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * One connected console. It receives domain events only once it has said where it stands (`resume`): while its
 * replay is read, live events wait in `buffer`; afterwards it is `live` and gets every event after `floor`.
 */
export class RealtimeSession {
  phase: 'waiting' | 'replaying' | 'live' = 'waiting';
  /** The highest seq this socket has been given (or said it has); nothing at or below it is sent again. */
  floor = 0;
  buffer: RealtimeEvent[] = [];
  /** Resume requests of one socket run one after the other. */
  resuming: Promise<void> = Promise.resolve();
  expiryTimer: NodeJS.Timeout | null = null;
  closed = false;
  rooms: string[] = [];
  viewing: string | null = null;
  readonly typingIn = new Set<string>();
  /** Typing and viewing signals: bursts of 10, then 5 a second. */
  readonly signals = new TokenBucket(10, 5);
  lastHeartbeatAt = 0;

  constructor(
    readonly socket: RealtimeSocket,
    public identity: Identity,
  ) {}

  get actor(): UserActor {
    return this.identity.actor;
  }

  get userId(): string {
    return this.identity.actor.userId;
  }
}
