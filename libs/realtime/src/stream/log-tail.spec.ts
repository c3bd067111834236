import type { EventLog } from '@backtalk/platform';
import type Redis from 'ioredis';
import type { RealtimeServer } from '../realtime-server';
import type { EventLogReader } from './event-log-reader';
import { LogTail } from './log-tail.service';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('LogTail', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('leaves no poll running when the process stops while the tail is still reading where to start', async () => {
    const latestSeq = deferred<number>();
    const subscriber = { on: () => subscriber, subscribe: async () => 1, quit: async () => 'OK', disconnect: () => undefined };
    const redis = { options: { keyPrefix: 'bt:' }, duplicate: () => subscriber } as unknown as Redis;
    const eventLog = { subscribe: () => () => undefined } as unknown as EventLog;
    const reader = { latestSeq: () => latestSeq.promise, newestTransactionId: async () => '1', allEndedThrough: async () => true, after: async () => [] } as unknown as EventLogReader;
    const tail = new LogTail(redis, eventLog, reader, { attached: true } as RealtimeServer);

    tail.onApplicationBootstrap();
    await tail.beforeApplicationShutdown();
    latestSeq.resolve(42);
    for (let turn = 0; turn < 10; turn++) await Promise.resolve();

    expect(jest.getTimerCount()).toBe(0);
  });
});
