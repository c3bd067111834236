import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly queues = new Set<Queue>();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const queues = this.queues;
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          [...queues].map(async (queue) => {
            const counts = await queue.getJobCounts().catch(() => undefined);
            if (!counts) return;
            for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
          }),
        );
      },
    });
  }

  trackQueue(queue: Queue): void {
    this.queues.add(queue);
  }
}
