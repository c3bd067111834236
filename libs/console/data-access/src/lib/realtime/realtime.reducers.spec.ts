import type { RealtimeEvent } from '@backtalk/contracts';
import {
  browserWentOffline,
  connectFailed,
  connectStarted,
  eventsApplied,
  freshEvents,
  initialRealtimeState,
  OFFLINE_AFTER_FAILURES,
  presenceChanged,
  resumed,
  resynced,
  signalsExpired,
  socketConnected,
  socketDisconnected,
  TYPING_TTL_MS,
  typingSignalled,
  viewingSignalled,
  type RealtimeState,
} from './realtime.reducers';

const ME = 'me';
const event = (seq: number) => ({ seq }) as RealtimeEvent;
const live: RealtimeState = resumed(socketConnected(connectStarted(initialRealtimeState)), 10);
const typing = (userId: string, on = true) => ({ conversationId: 'c1', userId, userName: 'Maria', typing: on });
const viewing = (conversationId: string, on = true) => ({ conversationId, userId: 'u2', userName: 'Maria', viewing: on });

describe('connection status', () => {
  it('reads connecting, then catching up, then live on the first connection', () => {
    const connecting = connectStarted(initialRealtimeState);
    const catchingUp = socketConnected(connecting);

    expect([connecting.status, catchingUp.status, resumed(catchingUp, 5).status]).toEqual(['connecting', 'catching_up', 'live']);
  });

  it('reads reconnecting, not connecting, after a live connection drops', () => {
    expect(socketDisconnected(live).status).toBe('reconnecting');
    expect(connectStarted(socketDisconnected(live)).status).toBe('reconnecting');
  });

  it(`reads offline after ${OFFLINE_AFTER_FAILURES} failed attempts in a row, until a connection succeeds`, () => {
    let state = socketDisconnected(live);
    for (let i = 0; i < OFFLINE_AFTER_FAILURES; i++) state = connectFailed(state);

    expect(state.status).toBe('offline');
    expect(connectStarted(state).status).toBe('offline');
    expect(socketConnected(state)).toMatchObject({ status: 'catching_up', failedAttempts: 0 });
  });

  it('reads offline as soon as the browser says so', () => {
    expect(browserWentOffline(live).status).toBe('offline');
    expect(browserWentOffline(initialRealtimeState)).toBe(initialRealtimeState);
  });

  it('forgets who is typing or viewing when the connection drops, since those signals stop coming', () => {
    const busy = viewingSignalled(typingSignalled(live, typing('u2'), ME, 0), viewing('c1'), ME, 0);

    expect(socketDisconnected(busy)).toMatchObject({ typing: {}, viewing: {} });
  });
});

describe('event sequence', () => {
  it('keeps only events after the last applied one, ordered and without repeats', () => {
    expect(freshEvents(5, [event(7), event(3), event(6), event(7), event(5)]).map((e) => e.seq)).toEqual([6, 7]);
  });

  it('remembers the highest sequence applied', () => {
    expect(eventsApplied(live, [event(12), event(11)]).lastSeq).toBe(12);
    expect(eventsApplied(live, [])).toBe(live);
  });

  it('continues from the server’s latest sequence after a resume, including events this agent may not see', () => {
    expect(resumed(live, 50).lastSeq).toBe(50);
    expect(resumed(live, 3).lastSeq).toBe(10);
  });

  it('jumps to the server’s latest sequence after a resync', () => {
    expect(resynced(live, 900).lastSeq).toBe(900);
  });
});

describe('typing and viewing signals', () => {
  it('shows another agent typing until the signal lapses', () => {
    const state = typingSignalled(live, typing('u2'), ME, 1_000);

    expect(state.typing['c1']['u2']).toMatchObject({ userName: 'Maria', until: 1_000 + TYPING_TTL_MS });
    expect(signalsExpired(state, 1_000 + TYPING_TTL_MS).typing).toEqual({});
  });

  it('removes a typist who says they stopped', () => {
    const state = typingSignalled(typingSignalled(live, typing('u2'), ME, 0), typing('u2', false), ME, 10);

    expect(state.typing).toEqual({});
  });

  it('ignores my own signals echoed back', () => {
    expect(typingSignalled(live, typing(ME), ME, 0)).toBe(live);
  });

  it('moves a viewer from the conversation they left to the one they opened', () => {
    const state = viewingSignalled(viewingSignalled(live, viewing('c1'), ME, 0), viewing('c2'), ME, 0);

    expect(Object.keys(state.viewing)).toEqual(['c2']);
  });

  it('stops showing someone as typing when they stop viewing', () => {
    const state = viewingSignalled(typingSignalled(live, typing('u2'), ME, 0), viewing('c1', false), ME, 0);

    expect(state.typing).toEqual({});
  });

  it('returns the same state when nothing has expired', () => {
    const state = typingSignalled(live, typing('u2'), ME, 0);

    expect(signalsExpired(state, 1)).toBe(state);
  });
});

describe('presence', () => {
  it('records an agent’s presence and ignores a repeat of it', () => {
    const presence = { userId: 'u2', status: 'away' as const, lastSeenAt: '2025-01-01T10:00:00Z' };
    const state = presenceChanged(live, presence);

    expect(state.presence['u2'].status).toBe('away');
    expect(presenceChanged(state, { ...presence })).toBe(state);
  });
});
