import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger } from 'pino';
import { type Behaviour } from './behaviour';
import { type NumberRegistry } from './numbers';
import { type ProviderWebhooks, type ReportStep } from './providers/provider-webhooks';
import { type SendRecord, type TrafficLog } from './traffic';
import { type PostWebhook } from './webhook-client';

export interface PlannedReport extends ReportStep {
  /** Counted from the moment the message was accepted. */
  afterMs: number;
  duplicate: boolean;
}

/**
 * When each report goes out. The reports share the latency evenly, the last one arriving at `latencyMs`; out of
 * order keeps those moments but hands them out latest status first, and duplicates follow their original at once.
 */
export function planDeliveryReports(webhooks: Pick<ProviderWebhooks, 'reportSteps'>, behaviour: Behaviour): PlannedReport[] {
  if (behaviour.outcome === 'no-dlr') return [];
  const steps = webhooks.reportSteps(behaviour.outcome, behaviour.errorCode);
  const moments = steps.map((_, index) => Math.round((behaviour.latencyMs * (index + 1)) / steps.length));
  const ordered = behaviour.outOfOrder ? [...steps].reverse() : steps;
  return ordered.flatMap((step, index) => {
    const report: PlannedReport = { ...step, afterMs: moments[index], duplicate: false };
    return behaviour.duplicates ? [report, { ...report, duplicate: true }] : [report];
  });
}

/** Posts each accepted message's delivery reports at their planned moments, one message's reports in plan order. */
export class DeliveryReportDispatcher {
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      webhooksFor: (send: SendRecord) => ProviderWebhooks;
      numbers: NumberRegistry;
      traffic: TrafficLog;
      postWebhook: PostWebhook;
      logger: Logger;
    },
  ) {}

  schedule(send: SendRecord, plan: readonly PlannedReport[]): void {
    if (plan.length === 0) return;
    const run = this.deliver(send, plan).catch((error: unknown) => {
      if (!this.stopping.signal.aborted) this.deps.logger.error({ err: error, sid: send.id }, 'delivery reports stopped');
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async deliver(send: SendRecord, plan: readonly PlannedReport[]): Promise<void> {
    const acceptedAt = Date.parse(send.receivedAt);
    for (const report of plan) {
      const wait = acceptedAt + report.afterMs - Date.now();
      if (wait > 0) await sleep(wait, undefined, { signal: this.stopping.signal });
      const number = this.deps.numbers.get(send.numberId);
      if (!number) {
        this.deps.logger.warn({ sid: send.id, number: send.numberId }, 'number was removed; its remaining delivery reports are dropped');
        return;
      }
      const postedAt = new Date();
      const base = { status: report.status, errorCode: report.errorCode, duplicate: report.duplicate, postedAt: postedAt.toISOString() };
      if (!send.statusCallbackUrl) {
        // The carrier still moves the message on; Backtalk just never hears about it.
        this.deps.traffic.recordReport(send, { ...base, httpStatus: null, error: 'the send named no status callback URL' });
        continue;
      }
      const request = this.deps.webhooksFor(send).deliveryReport(send, report, number, postedAt);
      const result = await this.deps.postWebhook(request, this.stopping.signal);
      this.deps.traffic.recordReport(send, { ...base, httpStatus: result.status, error: result.error });
      const log = { sid: send.id, provider: send.provider, status: report.status, duplicate: report.duplicate, httpStatus: result.status, error: result.error ?? undefined };
      if (result.status !== null && result.status < 300) this.deps.logger.info(log, 'delivery report posted');
      else this.deps.logger.warn(log, 'delivery report not acknowledged');
    }
  }

  /** Drops the reports still waiting and interrupts the ones being posted. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.running]);
  }
}
