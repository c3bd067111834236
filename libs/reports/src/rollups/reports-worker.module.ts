import { BullModule, InjectQueue, Process, Processor } from '@nestjs/bull';
import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { MetricsService, QueueName, RepeatableJobs, SkipWhileRunning } from '@backtalk/platform';
import type { Queue } from 'bull';
import { ReportsModule } from '../reports.module';
import { CONVERSATIONS_PER_REFRESH, ReportFactsService } from '../facts/report-facts.service';
import { HOURS_PER_REFRESH, ReportRollupsService } from './report-rollups';

export const REFRESH_REPORT_ROLLUPS_JOB = 'refresh-report-rollups';
export const REFRESH_REPORT_FACTS_JOB = 'refresh-report-facts';
/** Reports measure what is marked before they read; refreshing often keeps that to a few conversations. */
const REFRESH_FACTS_EVERY_MS = 10_000;
/** How stale the rollup may get; reports stay exact regardless, only slower while many hours wait. */
const REFRESH_EVERY_MS = 60_000;

/** Calls `step` again while it comes back with a full batch, so a backlog drains in one job; the sum of what it did. */
async function drainFullBatches(batch: number, step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let done = batch; done === batch; total += done) done = await step();
  return total;
}

@Processor(QueueName.Maintenance)
export class ReportRollupsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportRollupsProcessor.name);
  private readonly measuringFacts = new SkipWhileRunning();
  private readonly refreshingRollups = new SkipWhileRunning();

  constructor(
    private readonly rollups: ReportRollupsService,
    private readonly facts: ReportFactsService,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
    private readonly metrics: MetricsService,
    private readonly repeatableJobs: RepeatableJobs,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.trackQueue(this.queue);
    await this.repeatableJobs.declare(this.queue, { name: REFRESH_REPORT_ROLLUPS_JOB, repeat: { every: REFRESH_EVERY_MS }, removeOnComplete: 10, removeOnFail: 10 });
    await this.repeatableJobs.declare(this.queue, { name: REFRESH_REPORT_FACTS_JOB, repeat: { every: REFRESH_FACTS_EVERY_MS }, removeOnComplete: 10, removeOnFail: 10 });
  }

  /** Keeps measuring while a batch comes back full, so an upgrade's or a new schedule's backlog drains in one job. */
  @Process(REFRESH_REPORT_FACTS_JOB)
  measureFacts(): Promise<{ conversations: number } | 'skipped'> {
    return this.measuringFacts.run(async () => {
      const conversations = await drainFullBatches(CONVERSATIONS_PER_REFRESH, () => this.facts.refresh());
      if (conversations > 0) this.logger.log({ conversations }, 'measured report facts');
      return { conversations };
    });
  }

  /** Keeps refreshing while a call still finds a full batch, so a backlog (after a migration, an import) drains in one job. */
  @Process(REFRESH_REPORT_ROLLUPS_JOB)
  handle(): Promise<{ hours: number } | 'skipped'> {
    return this.refreshingRollups.run(async () => {
      const hours = await drainFullBatches(HOURS_PER_REFRESH, () => this.rollups.refresh());
      if (hours > 0) this.logger.log({ hours }, 'refreshed report rollups');
      return { hours };
    });
  }
}

/** The rollup refresher; imported by the worker, or by the API when it runs workers in-process. */
@Module({
  imports: [ReportsModule, BullModule.registerQueue({ name: QueueName.Maintenance })],
  providers: [ReportRollupsProcessor],
})
export class ReportsWorkerModule {}
