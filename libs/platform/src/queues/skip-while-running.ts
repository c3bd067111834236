/**
 * A sweep that runs while its previous run in this process is still going. Bull hands a repeatable job to any free
 * slot of its queue, and a queue's slots are the sum of its processors' concurrencies, so a sweep slower than its
 * interval ran beside itself: bench:scale caught four survey sweeps at once, each stuck for minutes on a plan made
 * before the tables were analyzed, and three routing sweeps waiting on each other's SLA breach rows. A skipped run
 * loses nothing: the next one finds whatever is still due.
 */
export class SkipWhileRunning {
  private running = false;

  /** `work`'s result, or `skipped` when the previous run has not finished. */
  async run<T>(work: () => Promise<T>): Promise<T | 'skipped'> {
    if (this.running) return 'skipped';
    this.running = true;
    try {
      return await work();
    } finally {
      this.running = false;
    }
  }
}
