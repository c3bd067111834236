import { AppConfig, MetricsService, QueueName, RepeatableJobs, SkipWhileRunning } from '@backtalk/platform';
import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AssignmentService } from './assignment/assignment.service';
import { RoutingTriggers } from './routing-triggers';
import { SlaService } from './sla/sla.service';
import { SnoozeAlarms, WAKE_SNOOZED_JOB, type WakeSnoozedJobData } from './snooze/snooze-alarms';

export const ROUTING_SWEEP_JOB = 'routing-sweep';

export interface RoutingSweepResult {
  woken: number;
  released: number;
  teamsDrained: number;
  slaRefreshed: number;
  slaBreached: number;
}

/** The worker's side of routing: snooze alarms, and the sweep that routes what no change announced. */
@Processor(QueueName.Routing)
export class RoutingProcessor implements OnApplicationBootstrap {
  private readonly oneAtATime = new SkipWhileRunning();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Routing) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly snoozes: SnoozeAlarms,
    private readonly assignment: AssignmentService,
    private readonly triggers: RoutingTriggers,
    private readonly sla: SlaService,
    private readonly repeatableJobs: RepeatableJobs,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.trackQueue(this.queue);
    await this.repeatableJobs.declare(this.queue, { name: ROUTING_SWEEP_JOB, repeat: { every: this.config.ROUTING_SWEEP_INTERVAL_MS }, removeOnComplete: 10, removeOnFail: 50 });
  }

  @Process(WAKE_SNOOZED_JOB)
  async wake(job: Job<WakeSnoozedJobData>): Promise<{ woken: boolean }> {
    return { woken: await this.snoozes.wake(job.data.conversationId, new Date(job.data.until)) };
  }

  @Process(ROUTING_SWEEP_JOB)
  sweepJob(): Promise<RoutingSweepResult | 'skipped'> {
    return this.oneAtATime.run(() => this.sweep());
  }

  async sweep(): Promise<RoutingSweepResult> {
    const woken = await this.snoozes.wakeOverdue();
    const released = await this.assignment.releaseFromOfflineAgents();
    // Agents who came online or raised their capacity announce nothing: every team with a queue is drained here.
    const waiting = await this.dataSource.query<Array<{ team_id: string }>>(
      `SELECT DISTINCT c.team_id FROM conversation c JOIN team t ON t.id = c.team_id
       WHERE c.assignee_id IS NULL AND c.status = 'open' AND t.assignment_policy <> 'manual'`,
    );
    await Promise.all(waiting.map((row) => this.triggers.drain(row.team_id)));
    const slaRefreshed = await this.sla.refreshDueTimes();
    const slaBreached = await this.sla.recordBreaches();
    return { woken, released: released.length, teamsDrained: waiting.length, slaRefreshed, slaBreached };
  }
}
