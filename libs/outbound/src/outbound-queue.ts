import { AppConfig, QueueName } from '@backtalk/platform';
import { BullModule, InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { SendLaterError } from './send.service';

export const SEND_JOB = 'send';
/**
 * Runs of one send job, waiting for rate-limit slots included. Provider refusals are counted on the message itself
 * (MAX_PROVIDER_ATTEMPTS), so this only bounds a job that keeps being told to wait.
 */
export const SEND_JOB_RUNS = 200;
export const OUTBOUND_BACKOFF = 'outbound';

export interface SendJobData {
  messageId: string;
  /** Set once the job has waited for the sending slot it reserved. */
  slotReserved?: boolean;
}

/** The outbound queue, registered the same way wherever it is used, so that producers and workers agree on backoff. */
export const OutboundQueueRegistration = BullModule.registerQueueAsync({
  name: QueueName.Outbound,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    settings: {
      lockDuration: config.QUEUE_LOCK_MS,
      stalledInterval: config.QUEUE_LOCK_MS,
      backoffStrategies: {
        // The send service knows how long to wait (a rate-limit slot, Retry-After, exponential backoff) and says so.
        [OUTBOUND_BACKOFF]: (attemptsMade: number, error: Error) => (error instanceof SendLaterError ? error.delayMs : Math.min(60_000, 1000 * 2 ** attemptsMade)),
      },
    },
  }),
});

/**
 * Hands committed outbound messages to the send queue. The job id is the message id, so enqueuing twice (a retry of
 * the caller, the outbox sweeper) never creates two jobs for one message while the first is kept.
 */
@Injectable()
export class OutboundQueue {
  private readonly logger = new Logger(OutboundQueue.name);

  constructor(@InjectQueue(QueueName.Outbound) private readonly queue: Queue<SendJobData>) {}

  /**
   * Never throws: a message that could not be enqueued stays `queued` (or `scheduled`) in PostgreSQL and the sweeper
   * enqueues it. `sendAt` in the future delays the job until then.
   */
  async enqueue(messageIds: readonly string[], sendAt?: Date | null): Promise<void> {
    const delay = sendAt ? Math.max(0, sendAt.getTime() - Date.now()) : 0;
    await Promise.all(
      messageIds.map((messageId) =>
        this.queue
          .add(SEND_JOB, { messageId }, { jobId: messageId, delay, attempts: SEND_JOB_RUNS, backoff: { type: OUTBOUND_BACKOFF }, removeOnComplete: 1000, removeOnFail: 5000 })
          .catch((error: unknown) => this.logger.warn({ err: error, messageId }, 'could not enqueue; the outbox sweeper will retry')),
      ),
    );
  }

  /** Drops the job of a cancelled scheduled message; a job already running finds the message cancelled and stops. */
  async remove(messageId: string): Promise<void> {
    const job = await this.queue.getJob(messageId).catch(() => null);
    await job?.remove().catch(() => undefined);
  }
}
