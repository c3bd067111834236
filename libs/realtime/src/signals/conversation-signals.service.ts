import { ErrorCode, type ViewingSignal } from '@backtalk/contracts';
import { ConversationsService, ConversationTyping } from '@backtalk/conversations';
import { DomainError, REDIS } from '@backtalk/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type Redis from 'ioredis';
import { PresenceService } from '../presence/presence.service';
import { RealtimeServer } from '../realtime-server';
import { roomsSeeing } from '../realtime-rooms';
import type { RealtimeSession } from '../sessions/realtime-session';

interface Audience {
  teamId: string;
  assigneeId: string | null;
}

interface Viewer {
  userId: string;
  userName: string;
  until: number;
}

/** How long a conversation's team and assignee are trusted before being read again, for one socket. */
const AUDIENCE_TTL_MS = 5000;

const viewersKey = (conversationId: string) => `viewing:${conversationId}`;

/**
 * "Someone is typing / viewing this conversation", so two agents do not answer the same customer. Signals go only to
 * sockets that can see the conversation (through the Redis adapter, so on every instance), carry the sender's name,
 * and are rate-limited per socket. Who is viewing is also kept in Redis, so an agent opening a conversation learns
 * who is already there.
 */
@Injectable()
export class ConversationSignals {
  private readonly logger = new Logger(ConversationSignals.name);
  private readonly audiences = new WeakMap<RealtimeSession, Map<string, { audience: Audience; at: number }>>();

  constructor(
    private readonly server: RealtimeServer,
    private readonly conversations: ConversationsService,
    private readonly presence: PresenceService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly typists: ConversationTyping,
  ) {}

  async typing(session: RealtimeSession, request: unknown): Promise<void> {
    const { conversationId, typing } = (request ?? {}) as { conversationId?: unknown; typing?: unknown };
    if (typeof conversationId !== 'string' || !isUUID(conversationId) || typeof typing !== 'boolean' || !session.signals.take()) return;
    await this.guard('typing', async () => {
      const audience = await this.audienceFor(session, conversationId);
      if (!audience || session.closed) return;
      if (typing) session.typingIn.add(conversationId);
      else session.typingIn.delete(conversationId);
      // Recorded where the worker sees it: an automatic reply is not sent while a person is about to answer.
      if (typing) await this.typists.started(conversationId, { userId: session.userId, userName: session.identity.userName });
      else await this.typists.stopped(conversationId, session.userId);
      this.server.namespace
        .to(roomsSeeing(audience))
        .except(session.socket.id)
        .emit('typing', { conversationId, userId: session.userId, userName: session.identity.userName, typing });
    });
  }

  /** `conversationId: null` means the agent left the conversation they had open. */
  async viewing(session: RealtimeSession, request: unknown): Promise<void> {
    const { conversationId } = (request ?? {}) as { conversationId?: unknown };
    if (!(conversationId === null || (typeof conversationId === 'string' && isUUID(conversationId))) || !session.signals.take()) return;
    if (conversationId === session.viewing) return;
    await this.guard('viewing', async () => {
      if (session.viewing) await this.stopViewing(session, session.viewing);
      if (!conversationId) return;
      const audience = await this.audienceFor(session, conversationId);
      if (!audience || session.closed) return;
      session.viewing = conversationId;
      const key = viewersKey(conversationId);
      const me: Viewer = { userId: session.userId, userName: session.identity.userName, until: Date.now() + this.presence.timeoutMs };
      const [, , [, others]] = (await this.redis
        .multi()
        .hset(key, session.socket.id, JSON.stringify(me))
        .pexpire(key, this.presence.timeoutMs * 2)
        .hgetall(key)
        .exec()) as [unknown, unknown, [Error | null, Record<string, string>]];
      this.server.namespace.to(roomsSeeing(audience)).except(session.socket.id).emit('viewing', this.signal(conversationId, me, true));
      const alreadyThere = new Map<string, Viewer>();
      for (const raw of Object.values(others)) {
        const viewer = JSON.parse(raw) as Viewer;
        if (viewer.userId !== session.userId && viewer.until > Date.now()) alreadyThere.set(viewer.userId, viewer);
      }
      for (const viewer of alreadyThere.values()) session.socket.emit('viewing', this.signal(conversationId, viewer, true));
    });
  }

  /** A heartbeat keeps the socket's "viewing" entry from expiring. */
  async heartbeat(session: RealtimeSession): Promise<void> {
    if (!session.viewing) return;
    const viewing = session.viewing;
    await this.guard('heartbeat', async () => {
      const me: Viewer = { userId: session.userId, userName: session.identity.userName, until: Date.now() + this.presence.timeoutMs };
      await this.redis.multi().hset(viewersKey(viewing), session.socket.id, JSON.stringify(me)).pexpire(viewersKey(viewing), this.presence.timeoutMs * 2).exec();
    });
  }

  /** The socket went away: whatever it was typing in or looking at, it no longer is. */
  async leave(session: RealtimeSession): Promise<void> {
    await this.guard('leave', async () => {
      for (const conversationId of session.typingIn) {
        await this.typists.stopped(conversationId, session.userId);
        const audience = await this.audienceFor(session, conversationId);
        if (audience) {
          this.server.namespace
            .to(roomsSeeing(audience))
            .except(session.socket.id)
            .emit('typing', { conversationId, userId: session.userId, userName: session.identity.userName, typing: false });
        }
      }
      session.typingIn.clear();
      if (session.viewing) await this.stopViewing(session, session.viewing);
    });
  }

  private async stopViewing(session: RealtimeSession, conversationId: string): Promise<void> {
    session.viewing = null;
    await this.redis.hdel(viewersKey(conversationId), session.socket.id);
    const audience = await this.audienceFor(session, conversationId);
    if (!audience) return;
    const me: Viewer = { userId: session.userId, userName: session.identity.userName, until: 0 };
    this.server.namespace.to(roomsSeeing(audience)).except(session.socket.id).emit('viewing', this.signal(conversationId, me, false));
  }

  private signal(conversationId: string, viewer: Viewer, viewing: boolean): ViewingSignal {
    return { conversationId, userId: viewer.userId, userName: viewer.userName, viewing };
  }

  /** Who may see the conversation, or null when this socket's user may not (then the signal is dropped). */
  private async audienceFor(session: RealtimeSession, conversationId: string): Promise<Audience | null> {
    let known = this.audiences.get(session);
    if (!known) this.audiences.set(session, (known = new Map()));
    const cached = known.get(conversationId);
    if (cached && Date.now() - cached.at < AUDIENCE_TTL_MS) return cached.audience;
    const conversation = await this.conversations.get(session.actor, conversationId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
      throw error;
    });
    if (!conversation) {
      known.delete(conversationId);
      return null;
    }
    const audience = { teamId: conversation.teamId, assigneeId: conversation.assigneeId };
    known.set(conversationId, { audience, at: Date.now() });
    return audience;
  }

  private async guard(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn({ err: error }, `${what} signal failed`);
    }
  }
}
