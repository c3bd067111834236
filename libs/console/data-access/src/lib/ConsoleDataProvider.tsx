import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useHealthPolling, useRefetchOnReconnect } from './connection/connection.hooks';
import { queryClient } from './queries/query-client';
import { useRealtimeLifecycle } from './realtime/realtime.hooks';
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

function RealtimeEffects() {
  useRealtimeLifecycle();
  return null;
}

export interface ConsoleDataProviderProps {
  children: ReactNode;
}

/** Server-state cache plus the effects that keep the session, the connection state and the realtime socket alive. */
export function ConsoleDataProvider({ children }: ConsoleDataProviderProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionEffects />
      <ConnectionEffects />
      <RealtimeEffects />
      {children}
    </QueryClientProvider>
  );
}
