import { cameBackLive, createRefetchSchedule, movesReportNumbers } from './live-report';

describe('refetching a live report', () => {
  function fakeTimers() {
    const queue: Array<{ run: () => void; at: number }> = [];
    let now = 0;
    return {
      timers: {
        setTimeout: (run: () => void, ms: number) => {
          const entry = { run, at: now + ms };
          queue.push(entry);
          return entry;
        },
        clearTimeout: (handle: unknown) => {
          const index = queue.indexOf(handle as (typeof queue)[number]);
          if (index >= 0) queue.splice(index, 1);
        },
      },
      advance(ms: number) {
        now += ms;
        for (const entry of queue.filter((e) => e.at <= now)) {
          queue.splice(queue.indexOf(entry), 1);
          entry.run();
        }
      },
    };
  }

  it('fetches once for a burst of events, two seconds after the first', () => {
    const clock = fakeTimers();
    const run = jest.fn();
    const schedule = createRefetchSchedule(run, 2_000, clock.timers);
    for (let i = 0; i < 20; i++) schedule.request();
    clock.advance(1_999);
    expect(run).not.toHaveBeenCalled();
    clock.advance(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('fetches again for an event that came after the last fetch started, so the last change is never missed', () => {
    const clock = fakeTimers();
    const run = jest.fn();
    const schedule = createRefetchSchedule(run, 2_000, clock.timers);
    schedule.request();
    clock.advance(2_000);
    schedule.request();
    clock.advance(2_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('fetches nothing after the page that asked is gone', () => {
    const clock = fakeTimers();
    const run = jest.fn();
    const schedule = createRefetchSchedule(run, 2_000, clock.timers);
    schedule.request();
    schedule.cancel();
    clock.advance(5_000);
    expect(run).not.toHaveBeenCalled();
  });

  it('counts messages and conversations starting or changing status as moving the numbers, not contact edits or activity lines', () => {
    expect(movesReportNumbers({ type: 'message.received' })).toBe(true);
    expect(movesReportNumbers({ type: 'message.status_changed' })).toBe(true);
    expect(movesReportNumbers({ type: 'conversation.updated' })).toBe(true);
    expect(movesReportNumbers({ type: 'contact.updated' })).toBe(false);
    expect(movesReportNumbers({ type: 'conversation.activity' })).toBe(false);
  });

  it('refetches when the socket comes back live, not on every status it passes through', () => {
    expect(cameBackLive('live', 'reconnecting')).toBe(true);
    expect(cameBackLive('live', 'catching_up')).toBe(true);
    expect(cameBackLive('live', 'live')).toBe(false);
    expect(cameBackLive('reconnecting', 'live')).toBe(false);
  });
});
