import { create } from 'zustand';
import * as reducers from './connection.reducers';
import type { ConnectionState, ConnectionStatus } from './connection.reducers';

export interface ConnectionActions {
  connectionLost: () => void;
  reconnectAttempted: () => void;
  reconnectFailed: () => void;
  connectionRestored: () => void;
}

// Fed by HTTP failures and the health poller now, and by socket.io events later.
export const useConnectionStore = create<ConnectionState & { actions: ConnectionActions }>()((set) => ({
  ...reducers.initialConnectionState,
  actions: {
    connectionLost: () => set((s) => reducers.connectionLost(s, Date.now())),
    reconnectAttempted: () => set(reducers.reconnectAttempted),
    reconnectFailed: () => set(reducers.reconnectFailed),
    connectionRestored: () => set(reducers.connectionRestored),
  },
}));

export const connectionActions = (): ConnectionActions => useConnectionStore.getState().actions;

export const useConnectionStatus = (): ConnectionStatus => useConnectionStore((s) => s.status);
export const useIsConnected = (): boolean => useConnectionStore((s) => s.status === 'connected');
export const useConnectionActions = (): ConnectionActions => useConnectionStore((s) => s.actions);
