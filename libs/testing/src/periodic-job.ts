/**
 * Stands in for a processor's dependencies in a test of its periodic job: every method of it answers with one promise
 * that stays pending until `finish()`, so a run of the job stays in progress for as long as the test needs.
 */
export class HeldDependencies {
  private finishRun!: () => void;
  private readonly held = new Promise<void>((resolve) => (this.finishRun = resolve));
  /** Any property is a method answering with the held promise; `then` is left out so awaiting the stand-in itself is harmless. */
  readonly stand = new Proxy({}, { get: (_target, key) => (key === 'then' ? undefined : () => this.held) }) as never;

  finish(): void {
    this.finishRun();
  }
}

/**
 * Starts the job, starts it again while the first run is held, lets the first run end, and starts it once more.
 * Returns what the second and third runs answered: `still running` for a second run that did not skip, and `failed`
 * for a run that threw (the stand-ins return nothing useful), which still shows that it ran rather than skipped.
 */
export async function runWhileRunningAndAfter(job: () => Promise<unknown>, dependencies: HeldDependencies): Promise<{ whileRunning: unknown; afterwards: unknown }> {
  const first = job().catch(() => 'failed');
  // A skipped run answers at once; one that went ahead waits on the held stand-ins like the first.
  const whileRunning = await Promise.race([job().catch(() => 'failed'), new Promise((resolve) => setImmediate(() => resolve('still running')))]);
  dependencies.finish();
  await first;
  const afterwards = await job().catch(() => 'failed');
  return { whileRunning, afterwards };
}
