import { QueueName } from '@backtalk/platform';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';

export const SEND_JOB = 'send';
export const SEND_ATTEMPTS = 6;

/**
 * Hands committed outbound messages to the send queue. The job id is the message id, so enqueuing twice (a retry of
 * the caller, the outbox sweeper) never creates two jobs for one message while the first is kept.
 */
@Injectable()
export class OutboundQueue {
  private readonly logger = new Logger(OutboundQueue.name);

  constructor(@InjectQueue(QueueName.Outbound) private readonly queue: Queue) {}

  /** Never throws: a message that could not be enqueued stays `queued` in PostgreSQL and the sweeper enqueues it. */
  async enqueue(messageIds: readonly string[]): Promise<void> {
    await Promise.all(
      messageIds.map((messageId) =>
        this.queue
          .add(SEND_JOB, { messageId }, { jobId: messageId, attempts: SEND_ATTEMPTS, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 5000 })
          .catch((error: unknown) => this.logger.warn({ err: error, messageId }, 'could not enqueue; the outbox sweeper will retry')),
      ),
    );
  }
}
