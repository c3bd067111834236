import type { DomainEvent, RealtimeEvent, ResumeResult } from '@backtalk/contracts';
import { AppConfig } from '@backtalk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { RealtimeServer } from '../realtime-server';
import type { RealtimeSession } from '../sessions/realtime-session';
import { RealtimeSessions } from '../sessions/realtime-sessions.service';
import { bare, receptionOf } from './event-audience';
import { EventHydrator } from './event-hydrator.service';
import { EventLogReader } from './event-log-reader';
import { LogTail } from './log-tail.service';
import { replayVerdict } from './replay-verdict';

const MAX_BATCH = 500;
/**
 * The least time between two deliveries: under load, events that commit within it reach each socket as one packet.
 * Every packet costs the server a frame write per socket and every console a decode; at 200 events/s and 200 sockets,
 * packets of one or two events kept the API busy enough to delay the webhooks themselves. bench:realtime at 200
 * agents × 200 webhooks/s: at once p99 103-137 ms, API 0.6 core; 20 ms p99 68-93, 0.43 core; 40 ms p99 62-76, 0.32
 * core, p50 33 ms instead of 20 (nobody sees 40 ms in an inbox; the p99 margin holds on a busier machine). Idle, an
 * event goes out at once.
 */
const DELIVERY_INTERVAL_MS = 40;

/**
 * Domain events to consoles. Live: each event is hydrated once and sent to the local sockets allowed to see it, in
 * `seq` order. Resume: a socket that says where it stands first gets everything after that from the log (in the
 * `resume` answer), then the live events that came meanwhile, then the live stream, so that nothing is missing
 * between the replay and the stream and nothing comes twice.
 */
@Injectable()
export class EventStream {
  private readonly logger = new Logger(EventStream.name);
  /** Events waiting for the hydration in progress: under load they make the next, bigger batch. */
  private queued: DomainEvent[] = [];
  private hydrating = false;
  /**
   * The last seq the log's tail handed over: every event up to it is committed or gone, so replays read up to here,
   * whether or not it has gone out to the live sockets yet (they skip what a replay already sent, by seq).
   */
  private released = 0;
  private lastDeliveryAt = 0;

  constructor(
    private readonly tail: LogTail,
    private readonly hydrator: EventHydrator,
    private readonly reader: EventLogReader,
    private readonly sessions: RealtimeSessions,
    private readonly server: RealtimeServer,
    private readonly config: AppConfig,
  ) {
    tail.onEvents((events) => this.enqueue(events));
  }

  resume(session: RealtimeSession, request: unknown, ack: ((result: ResumeResult) => void) | undefined): Promise<void> {
    const afterSeq = (request as { afterSeq?: unknown } | null)?.afterSeq;
    if (typeof ack !== 'function' || typeof afterSeq !== 'number' || !Number.isSafeInteger(afterSeq) || afterSeq < 0) return Promise.resolve();
    session.resuming = session.resuming.then(() => this.replay(session, afterSeq, ack));
    return session.resuming;
  }

  /**
   * One hydration at a time: the database sees one pair of reads per batch however fast events come, and batches are
   * delivered in the order they were read.
   */
  private enqueue(events: DomainEvent[]): void {
    if (events.length === 0) return;
    this.queued.push(...events);
    this.released = events[events.length - 1].seq;
    if (this.hydrating) return;
    this.hydrating = true;
    void (async () => {
      try {
        while (this.queued.length > 0) {
          // Nobody to send them to: skip the reads. A console resuming later is sent these from the log.
          if (!this.anyoneListening()) {
            this.queued = [];
            continue;
          }
          const wait = this.lastDeliveryAt + DELIVERY_INTERVAL_MS - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          this.lastDeliveryAt = Date.now();
          const batch = this.queued.splice(0, MAX_BATCH);
          const events = await this.hydrator.hydrate(batch);
          try {
            this.deliver(events);
          } catch (error) {
            this.logger.error({ err: error, from: events[0]?.seq }, 'could not deliver domain events to sockets');
          }
        }
      } finally {
        this.hydrating = false;
      }
    })();
  }

  private anyoneListening(): boolean {
    for (const session of this.sessions.all()) if (session.phase !== 'waiting') return true;
    return false;
  }

  /**
   * Each socket gets the batch as one packet: per event, a packet costs the server a frame write and the console a
   * decode for every socket. Sockets that receive the same events (usually everyone in a team) share one packet,
   * which socket.io encodes once for all of them.
   */
  private deliver(events: RealtimeEvent[]): void {
    if (events.length === 0) return;
    if (!this.server.attached) return;
    const bareVersions = new Map<RealtimeEvent, RealtimeEvent>();
    const bareOf = (event: RealtimeEvent) => bareVersions.get(event) ?? bareVersions.set(event, bare(event)).get(event)!;
    const packets = new Map<string, { events: RealtimeEvent[]; socketIds: string[] }>();
    for (const session of this.sessions.all()) {
      if (session.phase === 'waiting') continue;
      const received: RealtimeEvent[] = [];
      let shape = '';
      events.forEach((event, index) => {
        if (event.seq <= session.floor) return;
        const reception = receptionOf(session.actor, event);
        if (reception === 'none') return;
        received.push(reception === 'full' ? event : bareOf(event));
        shape += reception === 'full' ? `${index},` : `${index}b,`;
      });
      if (received.length === 0) continue;
      if (session.phase === 'replaying') {
        session.buffer.push(...received);
        continue;
      }
      const packet = packets.get(shape);
      if (packet) packet.socketIds.push(session.socket.id);
      else packets.set(shape, { events: received, socketIds: [session.socket.id] });
    }
    const namespace = this.server.namespace;
    for (const packet of packets.values()) namespace.local.to(packet.socketIds).emit('domain.events', packet.events);
  }

  private async replay(session: RealtimeSession, afterSeq: number, ack: (result: ResumeResult) => void): Promise<void> {
    await this.tail.ready;
    if (session.closed) return;
    session.phase = 'replaying';
    session.buffer = [];
    // Everything up to `through` is final and comes in the replay; later events land in the buffer, and live events up
    // to it that were still waiting for their delivery are below the session's floor and skipped.
    const through = Math.max(this.released, this.tail.startPosition);
    let result: ResumeResult;
    try {
      result = await this.read(session, afterSeq, through);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not replay events to a socket; dropping its connection so it retries');
      session.phase = 'waiting';
      session.buffer = [];
      session.socket.conn.close();
      return;
    }
    if (session.closed) return;
    ack(result);
    let floor = result.status === 'ok' ? Math.max(afterSeq, through) : through;
    const meanwhile: RealtimeEvent[] = [];
    for (const event of session.buffer) {
      if (event.seq <= floor) continue;
      meanwhile.push(event);
      floor = event.seq;
    }
    if (meanwhile.length > 0) session.socket.emit('domain.events', meanwhile);
    session.buffer = [];
    session.floor = floor;
    session.phase = 'live';
  }

  private async read(session: RealtimeSession, afterSeq: number, through: number): Promise<ResumeResult> {
    if (afterSeq >= through) return { status: 'ok', events: [], latestSeq: Math.max(afterSeq, through) };
    const limits = { maxEvents: this.config.REALTIME_REPLAY_MAX_EVENTS, maxAgeMs: this.config.REALTIME_REPLAY_MAX_AGE_SECONDS * 1000 };
    const verdict = replayVerdict(await this.reader.gap(afterSeq, through, limits.maxEvents + 1), limits, new Date());
    if (verdict !== 'replay') return { status: 'resync', reason: verdict, latestSeq: through };
    const events = await this.hydrator.hydrate(await this.reader.between(afterSeq, through));
    const visible = events.flatMap((event) => {
      const reception = receptionOf(session.actor, event);
      return reception === 'none' ? [] : [reception === 'full' ? event : bare(event)];
    });
    return { status: 'ok', events: visible, latestSeq: through };
  }
}
