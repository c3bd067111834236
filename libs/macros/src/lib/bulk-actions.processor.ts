import { UsersService } from '@backtalk/auth';
import { MetricsService, QueueName } from '@backtalk/platform';
import { InjectQueue, Process, Processor } from '@nestjs/bull';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { BULK_ACTION_JOB, type BulkActionJobData, BulkActions } from './bulk-actions.service';

/** The worker's side of bulk actions too large for a request. */
@Processor(QueueName.Bulk)
export class BulkActionsProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Bulk) private readonly queue: Queue,
    private readonly metrics: MetricsService,
    private readonly bulk: BulkActions,
    private readonly users: UsersService,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.trackQueue(this.queue);
  }

  @Process(BULK_ACTION_JOB)
  async run(job: Job<BulkActionJobData>): Promise<void> {
    // The person's role and teams as they are now: access taken away since the request applies to what is left.
    await this.bulk.resume(job.data.bulkActionId, async (userId) => (await this.users.actorFor(userId))?.actor);
  }
}
