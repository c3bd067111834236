import { healthPollDelayMs, startHealthPolling } from './health-poller';

describe('healthPollDelayMs', () => {
  it('backs off from 2 s and never waits more than 5 s', () => {
    expect([0, 1, 2, 3, 10].map(healthPollDelayMs)).toEqual([2000, 3000, 4500, 5000, 5000]);
  });
});

describe('startHealthPolling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function callbacks(results: boolean[]) {
    return {
      probe: jest.fn(async () => results.shift() ?? false),
      onAttempt: jest.fn(),
      onFailure: jest.fn(),
      onRecovered: jest.fn(),
    };
  }

  it('waits before the first probe instead of hammering a server that just failed', async () => {
    const cb = callbacks([true]);
    startHealthPolling(cb);

    await jest.advanceTimersByTimeAsync(1999);
    expect(cb.probe).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(1);
    expect(cb.probe).toHaveBeenCalledTimes(1);
    expect(cb.onRecovered).toHaveBeenCalledTimes(1);
  });

  it('keeps probing with growing delays until the API answers, then stops', async () => {
    const cb = callbacks([false, false, true]);
    startHealthPolling(cb);

    await jest.advanceTimersByTimeAsync(2000 + 3000 + 4500);
    expect(cb.onAttempt).toHaveBeenCalledTimes(3);
    expect(cb.onFailure).toHaveBeenCalledTimes(2);
    expect(cb.onRecovered).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(60_000);
    expect(cb.probe).toHaveBeenCalledTimes(3);
  });

  it('treats a probe that throws as a failed attempt', async () => {
    const cb = callbacks([]);
    cb.probe.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    startHealthPolling(cb);

    await jest.advanceTimersByTimeAsync(2000);

    expect(cb.onFailure).toHaveBeenCalledTimes(1);
    expect(cb.onRecovered).not.toHaveBeenCalled();
  });

  it('stops probing once stopped, even with a probe in flight', async () => {
    let answer: (healthy: boolean) => void = () => undefined;
    const cb = callbacks([]);
    cb.probe.mockImplementationOnce(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const stop = startHealthPolling(cb);

    await jest.advanceTimersByTimeAsync(2000);
    stop();
    answer(true);
    await jest.advanceTimersByTimeAsync(60_000);

    expect(cb.onRecovered).not.toHaveBeenCalled();
    expect(cb.probe).toHaveBeenCalledTimes(1);
  });
});
