import type { InboundSms } from '@backtalk/carriers';
import { type DomainEvent } from '@backtalk/contracts';
import { OutboundQueue } from '@backtalk/outbound';
import { EventLog } from '@backtalk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type InboundChannel, InboundMessageService, normaliseCustomerNumber } from './inbound-message.service';

interface PartRow {
  channel_id: string;
  sender: string;
  reference: string;
  part: number;
  total: number;
  provider_message_id: string;
  body: string;
  payload: InboundSms;
  received_at: Date;
}

export type ConcatOutcome = 'waiting' | 'assembled' | 'duplicate';

/** What a committed transaction leaves to do: events to publish, messages to enqueue. */
interface Effects {
  events: DomainEvent[];
  queuedMessageIds: string[];
}

const NOTHING: Effects = { events: [], queuedMessageIds: [] };

/**
 * Vonage's SMS API delivers each part of a long message as its own webhook, in any order. Parts are kept in
 * concat_part (one row per part, so a retried part is a no-op) until the set is complete, then joined in part order
 * into one message. A set that never completes is stored as what arrived, marked incomplete, by `flushStale`.
 */
@Injectable()
export class ConcatAssemblerService {
  private readonly logger = new Logger(ConcatAssemblerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbound: InboundMessageService,
    private readonly eventLog: EventLog,
    private readonly outboundQueue: OutboundQueue,
  ) {}

  async receivePart(channel: InboundChannel, sms: InboundSms & { concat: NonNullable<InboundSms['concat']> }, receivedAt: Date): Promise<ConcatOutcome> {
    const sender = normaliseCustomerNumber(sms.from, channel.country);
    const key = { channelId: channel.id, sender, reference: sms.concat.reference };
    const { outcome, events, queuedMessageIds } = await this.dataSource.transaction(async (manager) => {
      await this.lockSet(manager, key);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO concat_part (channel_id, sender, reference, part, total, provider_message_id, body, payload, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING part`,
        [channel.id, sender, sms.concat.reference, sms.concat.part, sms.concat.total, sms.providerMessageId, sms.text, JSON.stringify(sms), receivedAt],
      );
      if (inserted.length === 0) return { outcome: 'duplicate' as const, ...NOTHING };
      const parts = await this.pendingParts(manager, key);
      if (new Set(parts.map((part) => part.part)).size < sms.concat.total) return { outcome: 'waiting' as const, ...NOTHING };
      return { outcome: 'assembled' as const, ...(await this.assemble(manager, channel, parts, receivedAt, false)) };
    });
    this.eventLog.publish(events);
    await this.outboundQueue.enqueue(queuedMessageIds);
    return outcome;
  }

  /** Stores every part set older than `timeoutSeconds` as an incomplete message. Returns how many were stored. */
  async flushStale(loadChannel: (channelId: string) => Promise<InboundChannel | undefined>, timeoutSeconds: number, now = new Date()): Promise<number> {
    const stale: Array<{ channel_id: string; sender: string; reference: string }> = await this.dataSource.query(
      `SELECT channel_id, sender, reference FROM concat_part WHERE message_id IS NULL
       GROUP BY channel_id, sender, reference HAVING min(received_at) < $1`,
      [new Date(now.getTime() - timeoutSeconds * 1000)],
    );
    let stored = 0;
    for (const set of stale) {
      const channel = await loadChannel(set.channel_id);
      if (!channel) continue;
      const key = { channelId: set.channel_id, sender: set.sender, reference: set.reference };
      const { events, queuedMessageIds } = await this.dataSource.transaction(async (manager) => {
        await this.lockSet(manager, key);
        const parts = await this.pendingParts(manager, key);
        return parts.length === 0 ? NOTHING : this.assemble(manager, channel, parts, now, true);
      });
      await this.outboundQueue.enqueue(queuedMessageIds);
      if (events.length > 0) {
        stored++;
        this.logger.warn({ channelId: set.channel_id, reference: set.reference }, 'stored an incomplete multipart message after the timeout');
      }
      this.eventLog.publish(events);
    }
    return stored;
  }

  private async lockSet(manager: EntityManager, key: { channelId: string; sender: string; reference: string }): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`concat:${key.channelId}:${key.sender}:${key.reference}`]);
  }

  private pendingParts(manager: EntityManager, key: { channelId: string; sender: string; reference: string }): Promise<PartRow[]> {
    return manager.query(
      `SELECT * FROM concat_part WHERE channel_id = $1 AND sender = $2 AND reference = $3 AND message_id IS NULL ORDER BY part`,
      [key.channelId, key.sender, key.reference],
    );
  }

  private async assemble(manager: EntityManager, channel: InboundChannel, parts: PartRow[], receivedAt: Date, incomplete: boolean): Promise<Effects> {
    const first = parts[0].payload;
    const sms: InboundSms = {
      ...first,
      // The first part's id names the whole message; it is unique per provider, so a retry of it dedupes.
      providerMessageId: parts[0].provider_message_id,
      text: parts.map((part) => part.body).join(''),
      segments: parts.length,
      providerTimestamp: first.providerTimestamp ? new Date(first.providerTimestamp) : null,
      concat: undefined,
    };
    const stored = await this.inbound.store(manager, channel, sms, { receivedAt, incomplete });
    await manager.query(
      `UPDATE concat_part SET message_id = $4 WHERE channel_id = $1 AND sender = $2 AND reference = $3 AND message_id IS NULL`,
      [parts[0].channel_id, parts[0].sender, parts[0].reference, stored.messageId],
    );
    return { events: stored.events, queuedMessageIds: stored.queuedMessageIds };
  }
}
