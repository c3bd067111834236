import { ChannelsService } from '@backtalk/channels';
import { AppConfig, MetricsService, QueueName, RepeatableJobs, SkipWhileRunning } from '@backtalk/platform';
import { InjectQueue, Process, Processor } from '@nestjs/bull';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { ConcatAssemblerService } from './concat-assembler.service';
import { toInboundChannel } from './webhook-ingestion.service';

export const FLUSH_STALE_CONCAT_JOB = 'flush-stale-concat';

/** Every 30 seconds: multipart messages whose parts stopped arriving are stored as what arrived, never dropped. */
@Processor(QueueName.Inbound)
export class ConcatSweeperProcessor implements OnApplicationBootstrap {
  private readonly oneAtATime = new SkipWhileRunning();

  constructor(
    private readonly assembler: ConcatAssemblerService,
    private readonly channels: ChannelsService,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    @InjectQueue(QueueName.Inbound) private readonly queue: Queue,
    private readonly repeatableJobs: RepeatableJobs,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.trackQueue(this.queue);
    await this.repeatableJobs.declare(this.queue, { name: FLUSH_STALE_CONCAT_JOB, repeat: { every: 30_000 }, removeOnComplete: 10, removeOnFail: 50 });
  }

  @Process(FLUSH_STALE_CONCAT_JOB)
  flush(): Promise<{ stored: number } | 'skipped'> {
    return this.oneAtATime.run(async () => {
      const stored = await this.assembler.flushStale(async (channelId) => {
        const found = await this.channels.loadWithSecrets(channelId);
        return found ? toInboundChannel(found.channel) : undefined;
      }, this.config.CONCAT_TIMEOUT_SECONDS);
      return { stored };
    });
  }
}
