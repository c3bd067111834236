import { singleFlight } from './single-flight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('singleFlight', () => {
  it('shares one pending call between concurrent callers', async () => {
    const pending = deferred<string>();
    const fn = jest.fn(() => pending.promise);
    const call = singleFlight(fn);

    const results = Promise.all([call(), call(), call()]);
    pending.resolve('token');

    await expect(results).resolves.toEqual(['token', 'token', 'token']);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('starts a new call once the previous one has settled', async () => {
    const fn = jest.fn().mockResolvedValueOnce('first').mockResolvedValueOnce('second');
    const call = singleFlight(fn);

    await expect(call()).resolves.toBe('first');
    await expect(call()).resolves.toBe('second');
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('lets a failed call be retried', async () => {
    const fn = jest.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce('ok');
    const call = singleFlight(fn);

    await expect(call()).rejects.toThrow('offline');
    await expect(call()).resolves.toBe('ok');
  });
});
