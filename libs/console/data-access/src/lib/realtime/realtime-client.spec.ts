import type { RealtimeEvent, ResumeResult } from '@backtalk/contracts';
import { createRealtimeClient, refusalRetryDelayMs, type EventSource, type RealtimeClientDeps, type RealtimeSocket } from './realtime-client';

type Listener = (...args: never[]) => void;

/** Plays the server side of a socket.io socket: the test decides when it connects, answers and disconnects. */
class FakeSocket {
  connected = false;
  active = true;
  connectCalls = 0;
  readonly emitted: Array<{ event: string; args: unknown[] }> = [];
  readonly acks: Array<{ event: string; request: unknown; ack: (error: Error | null, result: unknown) => void }> = [];
  private readonly listeners = new Map<string, Listener[]>();
  readonly io = { on: (event: string, listener: Listener) => this.on(event, listener) };

  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, ...args: unknown[]) {
    this.emitted.push({ event, args });
    return this;
  }

  timeout() {
    return {
      emit: (event: string, request: unknown, ack: (error: Error | null, result: unknown) => void) => {
        this.acks.push({ event, request, ack });
        return this;
      },
    };
  }

  connect() {
    this.connectCalls += 1;
    return this;
  }

  disconnect() {
    this.connected = false;
    return this;
  }

  /** The server accepted the handshake. */
  open() {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  drop(reason: string) {
    this.connected = false;
    if (reason === 'io server disconnect') this.active = false;
    this.fire('disconnect', reason);
  }

  fire(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }

  answerResume(result: ResumeResult) {
    const pending = this.acks.filter((a) => a.event === 'resume');
    pending[pending.length - 1].ack(null, result);
  }

  emittedOf(event: string) {
    return this.emitted.filter((e) => e.event === event).map((e) => e.args[0]);
  }
}

const event = (seq: number): RealtimeEvent => ({
  seq,
  type: 'message.received',
  teamId: 't1',
  conversationId: 'c1',
  payload: { messageId: `m${seq}`, conversationId: 'c1', channelId: 'ch', contactId: 'k' },
  createdAt: '2025-01-01T10:00:00Z',
});

function setup(overrides: Partial<RealtimeClientDeps> = {}) {
  const socket = new FakeSocket();
  let lastSeq = 0;
  const applied: Array<{ seqs: number[]; source: EventSource }> = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const deps: RealtimeClientDeps = {
    createSocket: () => socket as unknown as RealtimeSocket,
    refreshSession: jest.fn(async () => true),
    sessionEnded: jest.fn(),
    lastSeq: () => lastSeq,
    status: { connecting: jest.fn(), connected: jest.fn(), disconnected: jest.fn(), failed: jest.fn(), resumed: jest.fn((seq: number) => (lastSeq = Math.max(lastSeq, seq))) },
    applyEvents: (events, source) => {
      applied.push({ seqs: events.map((e) => e.seq), source });
      lastSeq = Math.max(lastSeq, ...events.map((e) => e.seq));
    },
    resync: jest.fn(async (latestSeq: number) => {
      lastSeq = latestSeq;
    }),
    typing: jest.fn(),
    viewing: jest.fn(),
    presence: jest.fn(),
    setInterval: () => 0,
    clearInterval: () => undefined,
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => undefined,
    ...overrides,
  };
  const client = createRealtimeClient(deps);
  const runTimers = async () => {
    for (const timer of timers.splice(0)) timer.fn();
    await flush();
  };
  return { client, socket, deps, applied, timers, runTimers, setLastSeq: (seq: number) => (lastSeq = seq) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('realtime client', () => {
  it('asks to resume after the last applied event on connect, and is live once the replay is applied', async () => {
    const { client, socket, deps, applied, setLastSeq } = setup();
    setLastSeq(41);
    client.start();
    socket.open();

    expect(socket.acks[0]).toMatchObject({ event: 'resume', request: { afterSeq: 41 } });
    socket.answerResume({ status: 'ok', events: [event(42), event(43)], latestSeq: 43 });
    await flush();

    expect(applied).toEqual([{ seqs: [42, 43], source: 'first_sync' }]);
    expect(deps.status.resumed).toHaveBeenCalledWith(43);
  });

  it('applies live events that arrive during the replay after it, in order and each once', async () => {
    const { client, socket, applied } = setup();
    client.start();
    socket.open();

    socket.fire('domain.events', [event(3)]);
    socket.fire('domain.events', [event(4)]);
    socket.answerResume({ status: 'ok', events: [event(2), event(1), event(3)], latestSeq: 3 });
    await flush();

    expect(applied).toEqual([{ seqs: [1, 2, 3, 4], source: 'first_sync' }]);
  });

  it('ignores a live event it has already applied', async () => {
    const { client, socket, applied } = setup();
    client.start();
    socket.open();
    socket.answerResume({ status: 'ok', events: [event(5)], latestSeq: 5 });
    await flush();

    socket.fire('domain.events', [event(5)]);
    socket.fire('domain.events', [event(6)]);

    expect(applied.map((a) => a.seqs)).toEqual([[5], [6]]);
    expect(applied[1].source).toBe('live');
  });

  it('applies a live packet of several events at once, leaving out those already applied', async () => {
    const { client, socket, applied } = setup();
    client.start();
    socket.open();
    socket.answerResume({ status: 'ok', events: [event(5)], latestSeq: 5 });
    await flush();

    socket.fire('domain.events', [event(4), event(5), event(6), event(7)]);

    expect(applied.slice(1)).toEqual([{ seqs: [6, 7], source: 'live' }]);
  });

  it('replays what was missed after a dropped connection, marked as a replay', async () => {
    const { client, socket, applied } = setup();
    client.start();
    socket.open();
    socket.answerResume({ status: 'ok', events: [event(1)], latestSeq: 1 });
    await flush();

    socket.drop('transport close');
    socket.open();

    expect(socket.acks[1].request).toEqual({ afterSeq: 1 });
    socket.answerResume({ status: 'ok', events: [event(2), event(3)], latestSeq: 3 });
    await flush();
    expect(applied[1]).toEqual({ seqs: [2, 3], source: 'replay' });
  });

  it('fetches everything again when the gap is too old, then applies the live events held back meanwhile', async () => {
    const { client, socket, deps, applied } = setup();
    client.start();
    socket.open();
    socket.fire('domain.events', [event(100)]);
    socket.fire('domain.events', [event(101)]);

    socket.answerResume({ status: 'resync', reason: 'gap_too_old', latestSeq: 100 });
    await flush();

    expect(deps.resync).toHaveBeenCalledWith(100);
    expect(applied).toEqual([{ seqs: [101], source: 'live' }]);
    expect(deps.status.resumed).toHaveBeenCalledWith(100);
  });

  it('starts over on a fresh connection when the resume request gets no answer', () => {
    const { client, socket } = setup();
    client.start();
    socket.open();

    socket.acks[0].ack(new Error('operation has timed out'), undefined);

    expect(socket.connectCalls).toBe(2);
  });

  it('refreshes the session and reconnects when the server cut the socket for an expired token', async () => {
    const { client, socket, deps, runTimers } = setup();
    client.start();
    socket.open();

    socket.fire('session.ended', { reason: 'token_expired' });
    socket.drop('io server disconnect');
    await runTimers();

    expect(deps.refreshSession).toHaveBeenCalledTimes(1);
    expect(socket.connectCalls).toBe(2);
  });

  it('does not reconnect when the refresh is refused: the session is over', async () => {
    const { client, socket, runTimers } = setup({ refreshSession: async () => false });
    client.start();
    socket.open();

    socket.fire('session.ended', { reason: 'token_expired' });
    socket.drop('io server disconnect');
    await runTimers();

    expect(socket.connectCalls).toBe(1);
  });

  it('ends the session without reconnecting when the account was deactivated', async () => {
    const { client, socket, deps, runTimers } = setup();
    client.start();
    socket.open();

    socket.fire('session.ended', { reason: 'deactivated' });
    socket.drop('io server disconnect');
    await runTimers();

    expect(deps.sessionEnded).toHaveBeenCalled();
    expect(socket.connectCalls).toBe(1);
  });

  it('refreshes and retries a refused handshake, waiting longer after each refusal', async () => {
    const { client, socket, deps, timers } = setup();
    client.start();

    socket.active = false;
    socket.fire('connect_error', new Error('unauthorized'));
    socket.fire('connect_error', new Error('unauthorized'));
    socket.fire('connect_error', new Error('unauthorized'));

    expect(timers.map((t) => t.ms)).toEqual([0, 1000, 2000]);
    expect(deps.status.failed).toHaveBeenCalledTimes(3);
  });

  it('leaves retrying after network failures to socket.io', () => {
    const { client, socket, timers } = setup();
    client.start();

    socket.fire('connect_error', new Error('xhr poll error'));

    expect(timers).toHaveLength(0);
  });

  it('tells the server again which conversation is open after a reconnect', async () => {
    const { client, socket } = setup();
    client.start();
    client.setViewing('c7');
    socket.open();
    socket.answerResume({ status: 'ok', events: [], latestSeq: 0 });
    await flush();

    expect(socket.emittedOf('viewing')).toEqual([{ conversationId: 'c7' }]);
  });

  it('hands a renewed token to a connected socket only', () => {
    const { client, socket } = setup();
    client.start();
    client.tokenRefreshed('t1');
    socket.open();
    client.tokenRefreshed('t2');

    expect(socket.acks.filter((a) => a.event === 'token.refresh').map((a) => a.request)).toEqual([{ token: 't2' }]);
  });

  it('passes typing, viewing and presence signals through', () => {
    const { client, socket, deps } = setup();
    client.start();
    const typing = { conversationId: 'c1', userId: 'u2', userName: 'Maria', typing: true };

    socket.fire('typing', typing);

    expect(deps.typing).toHaveBeenCalledWith(typing);
  });
});

describe('refusalRetryDelayMs', () => {
  it('retries at once the first time, then doubles from a second up to half a minute', () => {
    expect([1, 2, 3, 4, 10].map(refusalRetryDelayMs)).toEqual([0, 1000, 2000, 4000, 30000]);
  });
});
