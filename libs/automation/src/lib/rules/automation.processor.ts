import { AppConfig, QueueName, RepeatableJobs, SkipWhileRunning } from '@backtalk/platform';
import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { AutomationService } from './automation.service';

export const AUTOMATION_SWEEP_JOB = 'automation-sweep';

/** The worker's side of automation: waiting-time rules, and customer messages a crash kept from their rules. */
@Processor(QueueName.Routing)
export class AutomationProcessor implements OnApplicationBootstrap {
  private readonly oneAtATime = new SkipWhileRunning();
  constructor(
    @InjectQueue(QueueName.Routing) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly automation: AutomationService,
    private readonly repeatableJobs: RepeatableJobs,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.repeatableJobs.declare(this.queue, { name: AUTOMATION_SWEEP_JOB, repeat: { every: this.config.ROUTING_SWEEP_INTERVAL_MS }, removeOnComplete: 10, removeOnFail: 50 });
  }

  @Process(AUTOMATION_SWEEP_JOB)
  sweep(): Promise<{ recovered: number; waitingFired: number } | 'skipped'> {
    return this.oneAtATime.run(async () => {
      const recovered = await this.automation.processUnprocessed();
      const waitingFired = await this.automation.processWaiting();
      return { recovered, waitingFired };
    });
  }
}
