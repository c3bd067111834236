import { throttle } from './throttle';

describe('throttle', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const timers = () => ({ setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as number), now: () => Date.now() });

  it('runs the first call at once', () => {
    const fn = jest.fn();
    throttle(fn, 500, timers()).trigger();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('folds a burst of calls into one more run at the end of the interval', () => {
    const fn = jest.fn();
    const throttled = throttle(fn, 500, timers());
    for (let i = 0; i < 10; i++) {
      throttled.trigger();
      jest.advanceTimersByTime(20);
    }
    expect(fn).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('never runs twice within the interval', () => {
    const fn = jest.fn();
    const throttled = throttle(fn, 500, timers());
    const runs: number[] = [];
    fn.mockImplementation(() => runs.push(Date.now()));
    for (let i = 0; i < 100; i++) {
      throttled.trigger();
      jest.advanceTimersByTime(37);
    }
    jest.runOnlyPendingTimers();
    expect(runs.slice(1).every((at, index) => at - runs[index] >= 500)).toBe(true);
  });

  it('runs at once again after a quiet interval', () => {
    const fn = jest.fn();
    const throttled = throttle(fn, 500, timers());
    throttled.trigger();
    jest.advanceTimersByTime(600);
    throttled.trigger();
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('drops the pending run when cancelled', () => {
    const fn = jest.fn();
    const throttled = throttle(fn, 500, timers());
    throttled.trigger();
    throttled.trigger();
    throttled.cancel();
    jest.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
