import { MessageStatus } from '@backtalk/contracts';
import { AppConfig, EventLog } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageEntity } from '@backtalk/conversations';
import { MessageStatusWriter } from './message-status-writer';
import { OutboundQueue } from './outbound-queue';
import { sendingWindowMs } from './sending-window';

@Injectable()
export class OutboxSweeper {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: OutboundQueue,
    private readonly statusWriter: MessageStatusWriter,
    private readonly eventLog: EventLog,
    private readonly config: AppConfig,
  ) {}

  async sweep(now = new Date()): Promise<{ requeued: number; markedUnknown: number }> {
    // Scheduled messages overdue by the same grace period lost their delayed job the same way.
    const queued: Array<{ id: string }> = await this.dataSource.query(
      `(SELECT id FROM message WHERE status = 'queued' AND queued_at < $1 ORDER BY queued_at LIMIT 1000)
       UNION ALL (SELECT id FROM message WHERE status = 'scheduled' AND send_at < $1 ORDER BY send_at LIMIT 1000)`,
      [new Date(now.getTime() - this.config.OUTBOX_REQUEUE_AFTER_MS)],
    );
    await this.queue.enqueue(queued.map((row) => row.id));

    const stuck: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM message WHERE status = 'sending' AND updated_at < $1 LIMIT 1000`, [
      // Past this its worker died mid-call: the message's fate is unknown, and it is not sent again blindly.
      new Date(now.getTime() - sendingWindowMs(this.config)),
    ]);
    for (const { id } of stuck) {
      const events = await this.dataSource.transaction(async (manager) => {
        const message = await manager.findOne(MessageEntity, { where: { id, status: MessageStatus.Sending }, lock: { mode: 'pessimistic_write' } });
        if (!message) return [];
        return this.statusWriter.advance(manager, message, MessageStatus.Unknown, {
          error: { code: 'interrupted', reason: 'Sending was interrupted; the customer may or may not have received it. Resend if needed.', category: 'unknown' },
        });
      });
      this.eventLog.publish(events);
    }
    return { requeued: queued.length, markedUnknown: stuck.length };
  }
}
