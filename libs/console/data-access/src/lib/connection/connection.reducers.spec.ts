import {
  connectionLost,
  connectionRestored,
  initialConnectionState,
  reconnectAttempted,
  reconnectFailed,
  type ConnectionState,
} from './connection.reducers';

const lost: ConnectionState = connectionLost(initialConnectionState, 1000);

describe('connection reducers', () => {
  it('starts connected', () => {
    expect(initialConnectionState.status).toBe('connected');
  });

  it('records when the connection was lost', () => {
    expect(lost).toEqual({ status: 'disconnected', attempts: 0, lostAt: 1000 });
  });

  it('keeps the first loss time when more requests fail during the same outage', () => {
    const reconnecting = reconnectAttempted(lost);

    expect(connectionLost(lost, 2000)).toBe(lost);
    expect(connectionLost(reconnecting, 2000)).toBe(reconnecting);
  });

  it('counts reconnect attempts and goes back to disconnected when one fails', () => {
    const afterTwo = reconnectFailed(reconnectAttempted(reconnectFailed(reconnectAttempted(lost))));

    expect(afterTwo).toEqual({ status: 'disconnected', attempts: 2, lostAt: 1000 });
    expect(reconnectAttempted(afterTwo).status).toBe('reconnecting');
  });

  it('ignores reconnect attempts while connected', () => {
    expect(reconnectAttempted(initialConnectionState)).toBe(initialConnectionState);
    expect(reconnectFailed(initialConnectionState)).toBe(initialConnectionState);
  });

  it('resets everything when the connection comes back', () => {
    expect(connectionRestored(reconnectAttempted(lost))).toEqual(initialConnectionState);
  });

  it('returns the same state when restored while already connected, so subscribers do not re-render', () => {
    expect(connectionRestored(initialConnectionState)).toBe(initialConnectionState);
  });
});
