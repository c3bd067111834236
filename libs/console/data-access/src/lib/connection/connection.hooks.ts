import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useConnectionActions, useConnectionStore, useIsConnected } from './connection.store';
import { startHealthPolling } from './health-poller';

const HEALTH_TIMEOUT_MS = 4_000;

async function probeHealth(): Promise<boolean> {
  const response = await fetch('/health', { cache: 'no-store', signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
  return response.ok;
}

export function useHealthPolling(): void {
  const connected = useIsConnected();
  const { reconnectAttempted, reconnectFailed, connectionRestored } = useConnectionActions();

  useEffect(() => {
    if (connected) return;
    return startHealthPolling({
      probe: probeHealth,
      onAttempt: reconnectAttempted,
      onFailure: reconnectFailed,
      onRecovered: connectionRestored,
    });
  }, [connected, reconnectAttempted, reconnectFailed, connectionRestored]);
}

/** Whatever failed during the outage is fetched again once the API is back. */
export function useRefetchOnReconnect(): void {
  const client = useQueryClient();

  useEffect(
    () =>
      useConnectionStore.subscribe((state, previous) => {
        if (state.status === 'connected' && previous.status !== 'connected') void client.invalidateQueries();
      }),
    [client],
  );
}
