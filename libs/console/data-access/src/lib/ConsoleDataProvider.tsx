import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useHealthPolling, useRefetchOnReconnect } from './connection/connection.hooks';
import { queryClient } from './queries/query-client';
import { useSessionKeepAlive, useSessionRestore } from './session/session.hooks';

function SessionEffects() {
  useSessionRestore();
  useSessionKeepAlive();
  return null;
}

function ConnectionEffects() {
  useHealthPolling();
  useRefetchOnReconnect();
  return null;
}

export interface ConsoleDataProviderProps {
  children: ReactNode;
}

/** Server-state cache plus the effects that keep the session and the connection state alive. */
export function ConsoleDataProvider({ children }: ConsoleDataProviderProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionEffects />
      <ConnectionEffects />
      {children}
    </QueryClientProvider>
  );
}
