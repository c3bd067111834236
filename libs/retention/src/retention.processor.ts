import { AppConfig, MetricsService, QueueName, RepeatableJobs, SkipWhileRunning } from '@backtalk/platform';
import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { Counter } from 'prom-client';
import { type ContentRetentionPass, type RetentionPass, RetentionService } from './retention.service';

export const RETENTION_JOB = 'retention';

/** The worker's side of retention: a repeatable job that trims each table in small batches. */
@Processor(QueueName.Maintenance)
export class RetentionProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionProcessor.name);
  private readonly oneAtATime = new SkipWhileRunning();
  private readonly deletedRows: Counter<'table'>;
  private readonly removedContent: Counter<'kind'>;

  constructor(
    private readonly retention: RetentionService,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly repeatableJobs: RepeatableJobs,
    metrics: MetricsService,
  ) {
    this.deletedRows = new Counter({ name: 'retention_deleted_rows_total', help: 'Rows the retention job deleted, by table', labelNames: ['table'] as const, registers: [metrics.registry] });
    this.removedContent = new Counter({ name: 'retention_removed_content_total', help: 'Messages whose text or media links a team retention window removed, by kind', labelNames: ['kind'] as const, registers: [metrics.registry] });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.repeatableJobs.declare(this.queue, { name: RETENTION_JOB, repeat: { every: this.config.RETENTION_INTERVAL_MS }, removeOnComplete: 10, removeOnFail: 10 });
  }

  @Process(RETENTION_JOB)
  handle(): Promise<{ tables: RetentionPass[]; content: ContentRetentionPass[] } | 'skipped'> {
    return this.oneAtATime.run(() => this.trim());
  }

  private async trim(): Promise<{ tables: RetentionPass[]; content: ContentRetentionPass[] }> {
    const passes = await this.retention.run();
    for (const pass of passes) this.deletedRows.inc({ table: pass.table }, pass.deleted);
    const deleted = passes.filter((pass) => pass.deleted > 0);
    if (deleted.length > 0) this.logger.log({ passes: deleted }, 'deleted rows past their retention window');
    const content = await this.retention.removeContent();
    for (const pass of content) this.removedContent.inc({ kind: pass.kind }, pass.removed);
    const removed = content.filter((pass) => pass.removed > 0);
    if (removed.length > 0) this.logger.log({ passes: removed }, 'removed message content past teams’ retention windows');
    return { tables: passes, content };
  }
}
