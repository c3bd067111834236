import { AppConfig, QueueName, RepeatableJobs, SkipWhileRunning } from '@backtalk/platform';
import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { CsatSurveyService } from './csat-survey.service';

export const CSAT_SWEEP_JOB = 'csat-sweep';

/**
 * Surveys go out from a sweep rather than a delayed job per resolve: whether one is due depends on the conversation
 * still being resolved, the team being open and the customer's last survey, all of which PostgreSQL knows at that
 * moment, and a sweep cannot lose a survey the way a job lost with Redis would.
 */
@Processor(QueueName.Routing)
export class CsatProcessor implements OnApplicationBootstrap {
  private readonly oneAtATime = new SkipWhileRunning();

  constructor(
    @InjectQueue(QueueName.Routing) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly surveys: CsatSurveyService,
    private readonly repeatableJobs: RepeatableJobs,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.repeatableJobs.declare(this.queue, { name: CSAT_SWEEP_JOB, repeat: { every: this.config.ROUTING_SWEEP_INTERVAL_MS }, removeOnComplete: 10, removeOnFail: 50 });
  }

  @Process(CSAT_SWEEP_JOB)
  sweep(): Promise<{ surveyed: number } | 'skipped'> {
    return this.oneAtATime.run(async () => ({ surveyed: await this.surveys.sendDue() }));
  }
}
