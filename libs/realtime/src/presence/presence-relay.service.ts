import { UsersService } from '@backtalk/auth';
import type { PresenceStatus } from '@backtalk/contracts';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RealtimeServer } from '../realtime-server';
import { teammateRooms } from '../realtime-rooms';
import type { RealtimeSession } from '../sessions/realtime-session';
import { type PresenceChange, PresenceService } from './presence.service';

/** Feeds sockets' comings and goings into presence, and tells teammates (on every instance) when someone's changes. */
@Injectable()
export class PresenceRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PresenceRelay.name);
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly server: RealtimeServer,
    private readonly presence: PresenceService,
    private readonly users: UsersService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.server.attached) return;
    const every = Math.max(1000, Math.floor(this.presence.timeoutMs / 3));
    this.sweeper = setInterval(() => void this.guard('sweep', async () => (await this.presence.sweep()).forEach((change) => this.announce(change))), every);
  }

  beforeApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** A console connected: it counts as alive, and it learns who of its teammates is around. */
  connected(session: RealtimeSession): Promise<void> {
    return this.guard('connect', async () => {
      this.announce(await this.presence.touch(session.userId, session.socket.id, session.actor.teamIds));
      const teammates = await this.users.list(session.actor);
      const statuses = await this.presence.statusOf(teammates.map((user) => user.id));
      for (const presence of statuses.values()) if (presence.status !== 'offline' && !session.closed) session.socket.emit('presence.changed', presence);
    });
  }

  /** Heartbeats keep a console alive; more than one a second from one socket is noise and is dropped (answers false). */
  async heartbeat(session: RealtimeSession, chosen?: Exclude<PresenceStatus, 'offline'>): Promise<boolean> {
    const now = Date.now();
    if (!chosen && now - session.lastHeartbeatAt < 1000) return false;
    session.lastHeartbeatAt = now;
    await this.guard('heartbeat', async () => this.announce(await this.presence.touch(session.userId, session.socket.id, session.actor.teamIds, chosen, now)));
    return true;
  }

  disconnected(session: RealtimeSession): Promise<void> {
    return this.guard('disconnect', async () => this.announce(await this.presence.leave(session.userId, session.socket.id)));
  }

  private announce(change: PresenceChange | null): void {
    if (!change) return;
    this.server.namespace.to(teammateRooms(change.presence.userId, change.teamIds)).emit('presence.changed', change.presence);
  }

  /** Presence is a courtesy: Redis trouble must not break a connection or an event stream. */
  private async guard(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn({ err: error }, `presence ${what} failed`);
    }
  }
}
