import { ActivityType, ConversationStatus } from '@backtalk/contracts';
import { ConversationActivity, ConversationEntity } from '@backtalk/conversations';
import { EventLog, QueueName } from '@backtalk/platform';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource, LessThanOrEqual } from 'typeorm';

export const WAKE_SNOOZED_JOB = 'wake-snoozed';

export interface WakeSnoozedJobData {
  conversationId: string;
  /** The snooze this alarm belongs to: a conversation snoozed again meanwhile waits for its own alarm. */
  until: string;
}

/**
 * A snooze ends by a delayed Bull job, which Redis keeps across restarts of every process. The routing sweep wakes
 * anything overdue as well, so a snooze whose alarm was lost (Redis without persistence) still ends.
 */
@Injectable()
export class SnoozeAlarms {
  private readonly logger = new Logger(SnoozeAlarms.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Routing) private readonly queue: Queue<WakeSnoozedJobData>,
    private readonly eventLog: EventLog,
    private readonly activity: ConversationActivity,
  ) {}

  async schedule(conversationId: string, until: Date): Promise<void> {
    const delay = Math.max(0, until.getTime() - Date.now());
    await this.queue
      .add(WAKE_SNOOZED_JOB, { conversationId, until: until.toISOString() }, { jobId: `snooze:${conversationId}:${until.getTime()}`, delay, removeOnComplete: 100, removeOnFail: 1000 })
      .catch((error: unknown) => this.logger.warn({ err: error, conversationId }, 'could not schedule the end of a snooze; the routing sweep will end it'));
  }

  /** Reopens the conversation if it is still in the snooze the alarm was set for. */
  async wake(conversationId: string, until: Date): Promise<boolean> {
    const events = await this.dataSource.transaction(async (manager) => {
      const conversation = await manager.findOne(ConversationEntity, { where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (conversation?.status !== ConversationStatus.Snoozed || conversation.snoozedUntil?.getTime() !== until.getTime()) return [];
      await manager.update(ConversationEntity, { id: conversationId }, { status: ConversationStatus.Open, snoozedUntil: null });
      return this.eventLog.append(manager, [
        { type: 'conversation.updated', teamId: conversation.teamId, conversationId, payload: { conversationId, status: ConversationStatus.Open, previousStatus: ConversationStatus.Snoozed, reason: 'snooze_ended' } },
        await this.activity.record(manager, { conversationId, teamId: conversation.teamId, type: ActivityType.Woke, actorKind: 'system', data: { reason: 'timer' } }),
      ]);
    });
    this.eventLog.publish(events);
    return events.length > 0;
  }

  /** Snoozes past their time whose alarm never rang. */
  async wakeOverdue(now = new Date()): Promise<number> {
    const overdue = await this.dataSource.getRepository(ConversationEntity).find({
      select: { id: true, snoozedUntil: true },
      where: { status: ConversationStatus.Snoozed, snoozedUntil: LessThanOrEqual(now) },
      take: 500,
    });
    let woken = 0;
    for (const conversation of overdue) if (await this.wake(conversation.id, conversation.snoozedUntil!)) woken += 1;
    return woken;
  }
}
