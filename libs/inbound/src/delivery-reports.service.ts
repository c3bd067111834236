import type { DeliveryReport } from '@backtalk/carriers';
import { type DomainEvent, MessageDirection, MessageStatus } from '@backtalk/contracts';
import { MessageEntity } from '@backtalk/conversations';
import { MessageStatusWriter } from '@backtalk/outbound';
import { EventLog } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export type DeliveryReportOutcome = 'applied' | 'ignored' | 'duplicate' | 'message-not-found';

interface ReportChannel {
  id: string;
  teamId: string;
}

/**
 * Applies delivery reports. Every report is kept (deduplicated by the database); the message status only moves
 * forward. A report for a message we cannot match yet (it can overtake the send's own response) stays unapplied,
 * for the sender to apply when it records the provider's id.
 */
@Injectable()
export class DeliveryReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventLog: EventLog,
    private readonly statusWriter: MessageStatusWriter,
  ) {}

  async apply(channel: ReportChannel, report: DeliveryReport): Promise<DeliveryReportOutcome> {
    const { outcome, events } = await this.dataSource.transaction(async (manager) => {
      await this.statusWriter.lockProviderMessage(manager, channel.id, report.providerMessageId);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO delivery_report (channel_id, provider_message_id, provider_status, status, error_code, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ON CONSTRAINT uq_delivery_report DO NOTHING RETURNING id`,
        [channel.id, report.providerMessageId, report.providerStatus, report.status, report.error?.code ?? null, report.occurredAt],
      );
      if (inserted.length === 0) return { outcome: 'duplicate' as const, events: [] };
      return this.applyToMessage(manager, channel, report);
    });
    this.eventLog.publish(events);
    return outcome;
  }

  private async applyToMessage(manager: EntityManager, channel: ReportChannel, report: DeliveryReport): Promise<{ outcome: DeliveryReportOutcome; events: DomainEvent[] }> {
    const message = await manager.findOne(MessageEntity, {
      where: { channelId: channel.id, providerMessageId: report.providerMessageId, direction: MessageDirection.Outbound },
      lock: { mode: 'pessimistic_write' },
    });
    if (!message) return { outcome: 'message-not-found', events: [] };
    await manager.query(`UPDATE delivery_report SET applied = true WHERE channel_id = $1 AND provider_message_id = $2`, [channel.id, report.providerMessageId]);
    const error = report.error ? { code: report.error.code, reason: report.error.reason, category: report.error.category } : null;
    const events = await this.statusWriter.advance(manager, message, report.status as string as MessageStatus, { error, teamId: channel.teamId });
    return { outcome: events.length > 0 ? 'applied' : 'ignored', events };
  }
}
