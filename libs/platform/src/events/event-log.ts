import { EventEmitter } from 'node:events';
import type { DomainEvent, DomainEventPayloads, DomainEventType } from '@backtalk/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { EntityManager } from 'typeorm';
import { REDIS } from '../redis/redis.module';
import { DomainEventEntity } from './domain-event.entity';

export interface NewDomainEvent<T extends DomainEventType = DomainEventType> {
  type: T;
  teamId: string | null;
  conversationId: string | null;
  payload: DomainEventPayloads[T];
}

export const DOMAIN_EVENTS_CHANNEL = 'domain-events';
const BROADCAST_WINDOW_MS = 5;

/**
 * The one publisher of domain events. `append` writes them inside the caller's transaction (so they exist exactly when
 * the change does); the caller hands the result to `publish` after the commit. Listeners in this process are called
 * directly; other processes hear about them through Redis and can always catch up from the log by sequence number.
 */
@Injectable()
export class EventLog {
  private readonly logger = new Logger(EventLog.name);
  private readonly local = new EventEmitter();
  /**
   * Events of concurrent requests go to Redis together, one message per BROADCAST_WINDOW_MS rather than one each: under
   * a burst of webhooks the publish (a socket write, and Redis's fan-out to every subscriber) was a tenth of the API's
   * CPU per message. Listeners in this process are not delayed; other processes hear of a change up to that much later.
   */
  private pendingBroadcast: DomainEvent[] = [];

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    this.local.setMaxListeners(50);
  }

  async append(manager: EntityManager, events: readonly NewDomainEvent[]): Promise<DomainEvent[]> {
    if (events.length === 0) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(DomainEventEntity)
      .values(events.map((event) => ({ type: event.type, teamId: event.teamId, conversationId: event.conversationId, payload: event.payload })))
      .returning(['seq', 'createdAt'])
      .execute();
    return events.map((event, index) => {
      const row = result.raw[index] as { seq: string; created_at: Date };
      return { ...event, seq: Number(row.seq), createdAt: new Date(row.created_at).toISOString() } as DomainEvent;
    });
  }

  /** Call only after the transaction that appended `events` committed. Never throws: the log already holds them. */
  publish(events: readonly DomainEvent[]): void {
    for (const event of events) {
      try {
        this.local.emit('event', event);
      } catch (error) {
        this.logger.error({ err: error, type: event.type, seq: event.seq }, 'a domain event listener failed');
      }
    }
    if (events.length === 0) return;
    if (this.pendingBroadcast.length === 0) setTimeout(() => this.broadcast(), BROADCAST_WINDOW_MS);
    this.pendingBroadcast.push(...events);
  }

  private broadcast(): void {
    const events = this.pendingBroadcast;
    this.pendingBroadcast = [];
    this.redis.publish(`${this.redis.options.keyPrefix ?? ''}${DOMAIN_EVENTS_CHANNEL}`, JSON.stringify(events)).catch((error: unknown) => {
      this.logger.warn({ err: error, count: events.length }, 'could not broadcast domain events; consumers will catch up from the log');
    });
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    this.local.on('event', listener);
    return () => this.local.off('event', listener);
  }
}
