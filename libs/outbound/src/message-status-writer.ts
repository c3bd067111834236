import { type DomainEvent, MessageStatus } from '@backtalk/contracts';
import { canAdvance, MessageEntity } from '@backtalk/conversations';
import { EventLog } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface StatusError {
  code: string;
  reason: string | null;
  category: string;
}

/**
 * The one place where an outbound message changes status: forward only (canAdvance), with its event logged in the
 * same transaction. Senders and delivery reports both go through it.
 */
@Injectable()
export class MessageStatusWriter {
  constructor(private readonly eventLog: EventLog) {}

  /**
   * Moves the (locked) message to `status` if that is a step forward; returns the events to publish after commit.
   * Callers that know the channel pass its team, saving a look-up on the delivery-report path.
   */
  async advance(
    manager: EntityManager,
    message: MessageEntity,
    status: MessageStatus,
    changes: { error?: StatusError | null; providerMessageId?: string; teamId?: string } = {},
  ): Promise<DomainEvent[]> {
    if (!canAdvance(message.status, status)) return [];
    const previousStatus = message.status;
    await manager.update(
      MessageEntity,
      { id: message.id },
      {
        status,
        ...(changes.providerMessageId ? { providerMessageId: changes.providerMessageId } : {}),
        ...(changes.error !== undefined
          ? { errorCode: changes.error?.code ?? null, errorReason: changes.error?.reason ?? null, errorCategory: changes.error?.category ?? null }
          : {}),
      },
    );
    message.status = status;
    return this.eventLog.append(manager, [
      {
        type: 'message.status_changed',
        teamId: changes.teamId ?? (await this.teamOf(manager, message.conversationId)),
        conversationId: message.conversationId,
        payload: { messageId: message.id, conversationId: message.conversationId, status, previousStatus },
      },
    ]);
  }

  /**
   * Serialises, per provider message id, the sender recording that id and a delivery report looking for it. Without
   * it a report arriving while the id is being saved is neither found by the report (the id is not committed yet) nor
   * seen by the sender (the report is not committed yet), and stays unapplied for good. Both take this lock first.
   */
  async lockProviderMessage(manager: EntityManager, channelId: string, providerMessageId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`provider-message:${channelId}:${providerMessageId}`]);
  }

  /**
   * Delivery reports can overtake the send's own response. Once the provider's id is recorded, the reports that were
   * waiting for it are applied in the order they arrived, through the same forward-only rule as live ones.
   */
  async applyWaitingReports(manager: EntityManager, message: MessageEntity, mapError: (code: string) => StatusError, teamId?: string): Promise<DomainEvent[]> {
    if (!message.providerMessageId) return [];
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [waiting]: [Array<{ id: string; status: MessageStatus; error_code: string | null }>, number] = await manager.query(
      `UPDATE delivery_report SET applied = true WHERE channel_id = $1 AND provider_message_id = $2 AND NOT applied RETURNING id, status, error_code`,
      [message.channelId, message.providerMessageId],
    );
    const events: DomainEvent[] = [];
    for (const report of [...waiting].sort((a, b) => Number(a.id) - Number(b.id))) {
      events.push(...(await this.advance(manager, message, report.status, { error: report.error_code ? mapError(report.error_code) : undefined, teamId })));
    }
    return events;
  }

  private async teamOf(manager: EntityManager, conversationId: string): Promise<string | null> {
    const [row]: Array<{ team_id: string }> = await manager.query(`SELECT team_id FROM conversation WHERE id = $1`, [conversationId]);
    return row?.team_id ?? null;
  }
}
