import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MetricsService, QueueName, RepeatableJobs } from '@backtalk/platform';
import type { Queue } from 'bull';
import { Repository } from 'typeorm';
import { RefreshTokenEntity } from '../entities';

export const PURGE_REFRESH_TOKENS_JOB = 'purge-refresh-tokens';
/** Revoked tokens are kept this long so that reuse of a stolen token is still recognised as theft. */
const KEEP_REVOKED_DAYS = 30;

@Injectable()
export class RefreshTokenPurgeService {
  constructor(@InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>) {}

  async purge(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - KEEP_REVOKED_DAYS * 24 * 3600 * 1000);
    const result = await this.tokens
      .createQueryBuilder()
      .delete()
      .where('expires_at < :now OR revoked_at < :cutoff', { now, cutoff })
      .execute();
    return result.affected ?? 0;
  }
}

@Processor(QueueName.Maintenance)
export class RefreshTokenPurgeProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(RefreshTokenPurgeProcessor.name);

  constructor(
    private readonly purgeService: RefreshTokenPurgeService,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
    private readonly metrics: MetricsService,
    private readonly repeatableJobs: RepeatableJobs,
  ) {}

  /** A repeatable job is keyed by its schedule, so every worker declaring it still yields one schedule. */
  async onApplicationBootstrap(): Promise<void> {
    this.metrics.trackQueue(this.queue);
    await this.repeatableJobs.declare(this.queue, { name: PURGE_REFRESH_TOKENS_JOB, repeat: { cron: '17 3 * * *' }, removeOnComplete: 10, removeOnFail: 10 });
  }

  @Process(PURGE_REFRESH_TOKENS_JOB)
  async handle(): Promise<{ deleted: number }> {
    const deleted = await this.purgeService.purge();
    this.logger.log({ deleted }, 'purged expired refresh tokens');
    return { deleted };
  }
}
