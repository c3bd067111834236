import type { SessionEndedSignal } from '@backtalk/contracts';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PresenceRelay } from '../presence/presence-relay.service';
import { RealtimeServer } from '../realtime-server';
import { roomsOf } from '../realtime-rooms';
import { ConversationSignals } from '../signals/conversation-signals.service';
import { type Authentication, type Identity, RealtimeSession, type RealtimeSocket } from './realtime-session';
import { SocketAuthenticator } from './socket-authenticator.service';

/** How often every connected user is read again: a deactivation or a team change reaches open sockets this fast. */
const RECHECK_INTERVAL_MS = 30_000;

/**
 * The sockets connected to this instance and their sessions: who they are, until when their token holds, which rooms
 * they are in. A socket without a valid token, or whose token expires without a refresh, is told why and cut.
 */
@Injectable()
export class RealtimeSessions implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RealtimeSessions.name);
  private readonly sessions = new Map<string, RealtimeSession>();
  private rechecker: NodeJS.Timeout | null = null;

  constructor(
    private readonly server: RealtimeServer,
    private readonly authenticator: SocketAuthenticator,
    private readonly presence: PresenceRelay,
    private readonly signals: ConversationSignals,
  ) {}

  onApplicationBootstrap(): void {
    if (this.server.attached) this.rechecker = setInterval(() => void this.recheckAll(), RECHECK_INTERVAL_MS);
  }

  /** Sockets are closed after this; their presence must be cleared while Redis is still there. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.rechecker) clearInterval(this.rechecker);
    await Promise.all([...this.sessions.values()].map((session) => this.forget(session)));
  }

  all(): IterableIterator<RealtimeSession> {
    return this.sessions.values();
  }

  of(socket: RealtimeSocket): RealtimeSession | undefined {
    return this.sessions.get(socket.id);
  }

  /** Handshake middleware: runs before the connection is accepted, so every accepted socket knows who it is. */
  async authenticate(socket: RealtimeSocket): Promise<void> {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    try {
      socket.data.authentication = await this.authenticator.authenticate(auth?.token);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not authenticate a socket');
      socket.data.authentication = { ok: false, reason: 'unavailable' };
    }
  }

  open(socket: RealtimeSocket): void {
    const authentication = socket.data.authentication;
    if (!authentication?.ok) {
      // Our own trouble (database down) is no reason to sign anyone out: drop the transport so the client retries.
      if (authentication?.reason === 'unavailable') socket.conn.close();
      else this.end(socket, authentication?.reason ?? 'unauthenticated');
      return;
    }
    const session = new RealtimeSession(socket, authentication.identity);
    this.sessions.set(socket.id, session);
    this.applyIdentity(session, authentication.identity);
    void this.presence.connected(session);
  }

  async close(socket: RealtimeSocket): Promise<void> {
    const session = this.sessions.get(socket.id);
    if (session) await this.forget(session);
  }

  /** `token.refresh`: a fresh token for the same person keeps the socket open past the old token's expiry. */
  async refreshToken(session: RealtimeSession, request: unknown, ack?: (result: { ok: boolean }) => void): Promise<void> {
    const token = (request as { token?: unknown } | null)?.token;
    let ok = false;
    try {
      const authentication = await this.authenticator.authenticate(token);
      if (authentication.ok && authentication.identity.actor.userId === session.userId) {
        this.applyIdentity(session, authentication.identity);
        ok = true;
      } else if (!authentication.ok && authentication.reason === 'deactivated') {
        ack?.({ ok: false });
        this.end(session.socket, 'deactivated');
        return;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not check a refreshed socket token');
    }
    ack?.({ ok });
  }

  private end(socket: RealtimeSocket, reason: SessionEndedSignal['reason']): void {
    socket.emit('session.ended', { reason });
    socket.disconnect(true);
  }

  private applyIdentity(session: RealtimeSession, identity: Identity): void {
    session.identity = identity;
    const rooms = roomsOf(identity.actor);
    const left = session.rooms.filter((room) => !rooms.includes(room));
    for (const room of left) void session.socket.leave(room);
    void session.socket.join(rooms);
    session.rooms = rooms;
    this.scheduleExpiry(session);
  }

  private scheduleExpiry(session: RealtimeSession): void {
    if (session.expiryTimer) clearTimeout(session.expiryTimer);
    session.expiryTimer = setTimeout(() => {
      if (session.closed) return;
      if (session.identity.expiresAtMs > Date.now()) this.scheduleExpiry(session);
      else this.end(session.socket, 'token_expired');
    }, Math.max(0, session.identity.expiresAtMs - Date.now()));
  }

  /** Reads every connected user again; a socket whose user was deactivated (or changed password) is ended. */
  private async recheckAll(): Promise<void> {
    // Tabs of one person usually share a token: read each person once per pass.
    const checked = new Map<string, Promise<Authentication>>();
    for (const session of [...this.sessions.values()]) {
      if (session.closed) continue;
      try {
        const { actor, issuedAt, expiresAtMs } = session.identity;
        const key = `${actor.userId}:${issuedAt}:${expiresAtMs}`;
        if (!checked.has(key)) checked.set(key, this.authenticator.identify({ userId: actor.userId, issuedAt, expiresAt: expiresAtMs / 1000 }));
        const authentication = await checked.get(key)!;
        if (session.closed) continue;
        if (authentication.ok) this.applyIdentity(session, authentication.identity);
        else this.end(session.socket, authentication.reason === 'deactivated' ? 'deactivated' : 'unauthenticated');
      } catch (error) {
        this.logger.warn({ err: error }, 'could not re-check a connected user');
        return;
      }
    }
  }

  private async forget(session: RealtimeSession): Promise<void> {
    if (session.closed) return;
    session.closed = true;
    this.sessions.delete(session.socket.id);
    if (session.expiryTimer) clearTimeout(session.expiryTimer);
    await Promise.all([this.presence.disconnected(session), this.signals.leave(session)]);
  }
}
