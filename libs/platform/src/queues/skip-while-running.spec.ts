import { SkipWhileRunning } from './skip-while-running';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('SkipWhileRunning', () => {
  it('skips a run that starts while the previous one is still going', async () => {
    const guard = new SkipWhileRunning();
    const slow = deferred<number>();
    const work = jest.fn(() => slow.promise);

    const first = guard.run(work);
    const second = guard.run(work);
    slow.resolve(7);

    await expect(first).resolves.toBe(7);
    await expect(second).resolves.toBe('skipped');
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs again once the previous run has finished, also when it failed', async () => {
    const guard = new SkipWhileRunning();
    const failing = deferred<number>();

    const failed = guard.run(() => failing.promise);
    failing.reject(new Error('statement timeout'));
    await expect(failed).rejects.toThrow('statement timeout');

    await expect(guard.run(async () => 1)).resolves.toBe(1);
    await expect(guard.run(async () => 2)).resolves.toBe(2);
  });
});
