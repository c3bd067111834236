import { expect } from '@jest/globals';

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

/** What a run answers straight away (`failed` if it threw), or `still running` when it waits on held stand-ins. */
export function answerAtOnce(run: Promise<unknown>): Promise<unknown> {
  return Promise.race([run.catch(() => 'failed'), new Promise((resolve) => setImmediate(() => resolve('still running')))]);
}

/**
 * Starts the job, starts it again while the first run is held and expects that second run skipped, lets the first run
 * end, and expects the next run to go ahead: it answers something else, or throws (`failed`), since the stand-ins
 * return nothing useful.
 */
export async function expectOneRunAtATime(job: () => Promise<unknown>, dependencies: HeldDependencies): Promise<void> {
  const first = job().catch(() => 'failed');
  expect(await answerAtOnce(job())).toBe('skipped');
  dependencies.finish();
  await first;
  expect(await job().catch(() => 'failed')).not.toBe('skipped');
}
