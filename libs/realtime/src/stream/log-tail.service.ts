import type { DomainEvent } from '@backtalk/contracts';
import { DOMAIN_EVENTS_CHANNEL, EventLog, REDIS } from '@backtalk/platform';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type Redis from 'ioredis';
import { RealtimeServer } from '../realtime-server';
import { EventLogReader } from './event-log-reader';
import { EventSequencer } from './event-sequencer';

/** How long a hole in the stream may be filled by Redis (the earlier transaction committing a moment later) before the log is read. */
const HOLE_GRACE_MS = 40;
/** The log is read this often anyway, for events whose Redis message was lost (Redis restarted, a subscriber reconnected). */
const POLL_INTERVAL_MS = 1000;
const READ_BATCH = 500;
const SLOW_PROBE_WARNING_MS = 10_000;
const PROBE_DELAYS_MS = [5, 10, 20, 40, 80, 160, 320, 500];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every committed domain event, once each, in `seq` order, for this instance. Redis (and this process's own
 * publisher) make it fast; the `domain_event` table makes it complete.
 *
 * A seq that is missing while a higher one is visible belongs to a transaction that is still running or rolled back.
 * The tail then takes a fresh transaction id: every seq drawn so far belongs to a transaction with a smaller id (the
 * log's seq default takes the id before the number). Once PostgreSQL reports no transaction up to that id still
 * running, whatever is still missing never committed and is skipped.
 */
@Injectable()
export class LogTail implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LogTail.name);
  private readonly listeners = new Set<(events: DomainEvent[]) => void>();
  private sequencer: EventSequencer | null = null;
  /** Events that arrived while the starting position was being read. */
  private early: DomainEvent[] = [];
  private outgoing: DomainEvent[] = [];
  private subscriber: Redis | null = null;
  private unsubscribeLocal: (() => void) | null = null;
  private pumping = false;
  private pumpAgain = false;
  private probing = false;
  private holeTimer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private stopped = false;
  private resolveReady!: () => void;
  /** Resolves once every event up to `startPosition` is committed or gone for good. */
  readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
  startPosition = 0;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly eventLog: EventLog,
    private readonly reader: EventLogReader,
    private readonly server: RealtimeServer,
  ) {}

  /** `listener` gets batches of events, in order, each event once. */
  onEvents(listener: (events: DomainEvent[]) => void): void {
    this.listeners.add(listener);
  }

  onApplicationBootstrap(): void {
    if (!this.server.attached) return;
    // Redis only makes delivery fast: the API starts without it, and whatever its messages miss, the log has.
    const channel = `${this.redis.options.keyPrefix ?? ''}${DOMAIN_EVENTS_CHANNEL}`;
    const subscriber = (this.subscriber = this.redis.duplicate());
    subscriber.on('message', (_channel: string, message: string) => this.onBroadcast(message));
    subscriber.on('error', (error: Error) => this.logger.debug({ err: error }, 'domain-events subscriber error'));
    subscriber.on('ready', () => {
      subscriber.subscribe(channel).catch((error: unknown) => this.logger.warn({ err: error }, 'could not subscribe to domain events; reading the log only'));
      this.pump();
    });
    this.unsubscribeLocal = this.eventLog.subscribe((event) => this.offer([event]));
    void this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    if (this.holeTimer) clearTimeout(this.holeTimer);
    this.unsubscribeLocal?.();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /**
   * Starts from the end of the log: what is before it is for replays, what commits after it arrives through Redis,
   * this process or the poll. Transactions still running then may hold seqs below the start; replays wait until
   * they are over.
   */
  private async start(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.sequencer) {
          const startPosition = await this.reader.latestSeq();
          // A process stopped while booting: a poll started now would never be cleared, and would keep it alive.
          if (this.stopped) return;
          this.startPosition = startPosition;
          this.sequencer = new EventSequencer(this.startPosition);
          this.offer(this.early.splice(0));
          this.poller = setInterval(() => this.pump(), POLL_INTERVAL_MS);
        }
        const newest = await this.reader.newestTransactionId();
        for (let attempt = 0; !(await this.reader.allEndedThrough(newest)); attempt++) {
          if (this.stopped) return;
          await sleep(PROBE_DELAYS_MS[Math.min(attempt, PROBE_DELAYS_MS.length - 1)]);
        }
        this.resolveReady();
        return;
      } catch (error) {
        this.logger.warn({ err: error }, 'could not settle the start of the event log; retrying');
        await sleep(1000);
      }
    }
  }

  private onBroadcast(message: string): void {
    try {
      this.offer(JSON.parse(message) as DomainEvent[]);
    } catch (error) {
      this.logger.warn({ err: error }, 'ignored an unreadable domain-events message');
    }
  }

  private offer(events: DomainEvent[]): void {
    if (!this.sequencer) {
      this.early.push(...events);
      return;
    }
    this.release(this.sequencer.offer(events));
    if (this.sequencer.waiting && !this.holeTimer && !this.probing && !this.stopped) {
      this.holeTimer = setTimeout(() => {
        this.holeTimer = null;
        this.pump();
      }, HOLE_GRACE_MS);
    }
  }

  /** Released events go out once per event-loop turn, so listeners get batches rather than single events. */
  private release(events: DomainEvent[]): void {
    if (events.length === 0) return;
    if (this.outgoing.length === 0) setImmediate(() => this.flush());
    this.outgoing.push(...events);
  }

  private flush(): void {
    const batch = this.outgoing;
    this.outgoing = [];
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.logger.error({ err: error }, 'a realtime event listener failed');
      }
    }
  }

  /** Reads the log after the current position; one read at a time, repeated while there is more. */
  private pump(): void {
    if (!this.sequencer || this.stopped) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void (async () => {
      try {
        do {
          this.pumpAgain = false;
          const from = this.sequencer!.position;
          const events = await this.reader.after(from, READ_BATCH);
          this.release(this.sequencer!.offer(events));
          if (events.length === READ_BATCH && this.sequencer!.position > from) this.pumpAgain = true;
        } while (this.pumpAgain && !this.stopped);
        if (this.sequencer!.waiting) void this.probe();
      } catch (error) {
        this.logger.warn({ err: error }, 'could not read the event log; retrying on the next poll');
      } finally {
        this.pumping = false;
      }
    })();
  }

  /** Waits until every transaction that could fill the current hole has ended, then skips what is still missing. */
  private async probe(): Promise<void> {
    if (this.probing || this.stopped) return;
    this.probing = true;
    try {
      const sequencer = this.sequencer!;
      const through = sequencer.highestHeld;
      const newest = await this.reader.newestTransactionId();
      const since = Date.now();
      let warned = false;
      for (let attempt = 0; !(await this.reader.allEndedThrough(newest)); attempt++) {
        if (this.stopped || sequencer.position >= through) return;
        if (!warned && Date.now() - since > SLOW_PROBE_WARNING_MS) {
          // Usually a session left idle in a transaction: idle_in_transaction_session_timeout bounds this.
          this.logger.warn({ waitingFor: String(newest), position: sequencer.position }, 'realtime delivery is held back by a long-running transaction');
          warned = true;
        }
        await sleep(PROBE_DELAYS_MS[Math.min(attempt, PROBE_DELAYS_MS.length - 1)]);
      }
      if (sequencer.position >= through) return;
      this.release(sequencer.offer(await this.reader.between(sequencer.position, through)));
      this.release(sequencer.settle(through));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not settle a hole in the event log; retrying on the next poll');
    } finally {
      this.probing = false;
    }
    if (this.sequencer?.waiting) this.pump();
  }
}
