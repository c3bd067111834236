/**
 * `disconnected`: the API stopped answering and nothing is trying right now.
 * `reconnecting`: a probe (an HTTP health check, later a socket.io reconnect) is in flight.
 */
export type ConnectionStatus = 'connected' | 'reconnecting' | 'disconnected';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Reconnect attempts since the connection was lost. */
  attempts: number;
  /** Epoch milliseconds of the loss, or null while connected. */
  lostAt: number | null;
}

export const initialConnectionState: ConnectionState = { status: 'connected', attempts: 0, lostAt: null };

export function connectionLost(state: ConnectionState, now: number): ConnectionState {
  // Many requests fail together when the API goes away; the first failure dates the outage.
  if (state.status !== 'connected') return state;
  return { status: 'disconnected', attempts: 0, lostAt: now };
}

export function reconnectAttempted(state: ConnectionState): ConnectionState {
  if (state.status === 'connected') return state;
  return { ...state, status: 'reconnecting', attempts: state.attempts + 1 };
}

export function reconnectFailed(state: ConnectionState): ConnectionState {
  if (state.status !== 'reconnecting') return state;
  return { ...state, status: 'disconnected' };
}

export function connectionRestored(state: ConnectionState): ConnectionState {
  return state.status === 'connected' ? state : initialConnectionState;
}
