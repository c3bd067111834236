import { MetricsService, QueueName } from '@backtalk/platform';
import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { CONTACT_IMPORT_JOB, type ContactImportJobData } from './contact-import.service';
import { ContactImportRunner } from './contact-import.runner';

/** Imports on their own queue, one at a time per worker: a 100,000-row file must not hold up messages or sweeps. */
@Processor(QueueName.ContactImport)
export class ContactImportProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly runner: ContactImportRunner,
    private readonly metrics: MetricsService,
    @InjectQueue(QueueName.ContactImport) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.trackQueue(this.queue);
  }

  @Process({ name: CONTACT_IMPORT_JOB, concurrency: 1 })
  async import(job: Job<ContactImportJobData>): Promise<void> {
    try {
      await this.runner.run(job.data.importId);
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.runner.fail(job.data.importId, (error as Error).message);
      throw error;
    }
  }
}
