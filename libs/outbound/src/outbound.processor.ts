import { AppConfig, MetricsService, QueueName, RepeatableJobs, SkipWhileRunning } from '@backtalk/platform';
import { InjectQueue, OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { OutboxSweeper } from './outbox-sweeper';
import { SEND_JOB, type SendJobData } from './outbound-queue';
import { RetryableSendError, type SendResult, SendService, WaitForSendSlot } from './send.service';

export const SWEEP_OUTBOX_JOB = 'sweep-outbox';

@Processor(QueueName.Outbound)
export class OutboundProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboundProcessor.name);
  private readonly oneSweepAtATime = new SkipWhileRunning();

  constructor(
    private readonly sender: SendService,
    private readonly sweeper: OutboxSweeper,
    private readonly metrics: MetricsService,
    @InjectQueue(QueueName.Outbound) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly repeatableJobs: RepeatableJobs,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.trackQueue(this.queue);
    await this.repeatableJobs.declare(this.queue, { name: SWEEP_OUTBOX_JOB, repeat: { every: this.config.OUTBOX_SWEEP_INTERVAL_MS }, removeOnComplete: 10, removeOnFail: 50 });
  }

  @Process({ name: SEND_JOB, concurrency: 8 })
  async send(job: Job<SendJobData>): Promise<SendResult> {
    try {
      return await this.sender.send(job.data.messageId, { slotReserved: job.data.slotReserved });
    } catch (error) {
      // The next run either holds the slot it just reserved, or (after a refusal) must reserve a fresh one.
      if (error instanceof WaitForSendSlot) await job.update({ messageId: job.data.messageId, slotReserved: true });
      else if (error instanceof RetryableSendError && job.data.slotReserved) await job.update({ messageId: job.data.messageId });
      throw error;
    }
  }

  @Process(SWEEP_OUTBOX_JOB)
  sweep(): Promise<{ requeued: number; markedUnknown: number } | 'skipped'> {
    return this.oneSweepAtATime.run(() => this.sweeper.sweep());
  }

  /** When the job's runs are used up, the message fails visibly instead of waiting forever. */
  @OnQueueFailed()
  async onFailed(job: Job<{ messageId?: string }>, error: Error): Promise<void> {
    if (job.name !== SEND_JOB || !job.data.messageId) return;
    const retriesLeft = job.attemptsMade < (job.opts.attempts ?? 1);
    if (retriesLeft) return;
    this.logger.warn({ messageId: job.data.messageId, err: error }, 'giving up on a message');
    await this.sender.giveUp(job.data.messageId, `The message could not be sent: ${error.message}`);
  }
}
