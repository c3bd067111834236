import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '../config/app-config';

export interface RepeatableJob {
  /** The job name the declaring processor handles. */
  name: string;
  repeat: { every: number } | { cron: string };
  /** How many finished runs Redis keeps, for inspection. */
  removeOnComplete: number;
  removeOnFail: number;
}

type ScheduledJob = Awaited<ReturnType<Queue['getRepeatableJobs']>>[number];

const sameSchedule = (scheduled: ScheduledJob, job: RepeatableJob): boolean =>
  scheduled.name === job.name && ('every' in job.repeat ? Number(scheduled.every) === job.repeat.every : scheduled.cron === job.repeat.cron);

/**
 * The repeatable jobs (sweeps, purges) this process's processors declare. Bull keeps a schedule only in Redis, and
 * schedules each run only while the schedule is still there: a Redis that restarts empty, a FLUSHALL or an eviction
 * ends it for good, and with the outbox sweeper gone queued replies wait until a worker restarts. So every declared
 * job is scheduled again whenever its queue's connection becomes ready (a restart is a reconnect), and a timer checks
 * for schedules that went missing without one.
 *
 * Scheduling is idempotent (Bull keys a schedule by name and interval, and each run's job id by its time), so several
 * workers doing this at once still yield one schedule.
 */
@Injectable()
export class RepeatableJobs implements OnModuleDestroy {
  private readonly logger = new Logger(RepeatableJobs.name);
  private readonly declared = new Map<Queue, RepeatableJob[]>();
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<number> | null = null;
  private stopped = false;

  constructor(private readonly config: AppConfig) {}

  /** Schedules `job` on `queue` now, and again whenever Redis has lost it. */
  async declare(queue: Queue, job: RepeatableJob): Promise<void> {
    let jobs = this.declared.get(queue);
    if (!jobs) {
      jobs = [];
      this.declared.set(queue, jobs);
      queue.client.on('ready', () => void this.restore(queue).catch((error: unknown) => this.logger.warn({ err: error, queue: queue.name }, 'could not check repeatable jobs after a reconnect; the timer will retry')));
    }
    jobs.push(job);
    this.timer ??= setInterval(() => void this.check().catch((error: unknown) => this.logger.warn({ err: error }, 'could not check repeatable jobs; retrying on the next check')), this.config.REPEATABLE_JOBS_CHECK_INTERVAL_MS).unref();
    await this.schedule(queue, job);
  }

  /** Schedules again every declared job Redis no longer has; resolves to how many. One check at a time. */
  check(): Promise<number> {
    this.checking ??= (async () => {
      try {
        let restored = 0;
        for (const queue of this.declared.keys()) restored += await this.restore(queue);
        return restored;
      } finally {
        this.checking = null;
      }
    })();
    return this.checking;
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  private async restore(queue: Queue): Promise<number> {
    if (this.stopped) return 0;
    const scheduled = await queue.getRepeatableJobs();
    const missing = (this.declared.get(queue) ?? []).filter((job) => !scheduled.some((entry) => sameSchedule(entry, job)));
    for (const job of missing) await this.schedule(queue, job);
    if (missing.length > 0) this.logger.warn({ queue: queue.name, jobs: missing.map((job) => job.name) }, 'scheduled repeatable jobs again that Redis had lost');
    return missing.length;
  }

  private async schedule(queue: Queue, job: RepeatableJob): Promise<void> {
    await queue.add(job.name, {}, { repeat: job.repeat, removeOnComplete: job.removeOnComplete, removeOnFail: job.removeOnFail });
  }
}
