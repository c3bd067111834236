import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { changePassword, refreshSession, signIn, signOut } from '../client';
import { useIsConnected } from '../connection/connection.store';
import { isConnectivityError } from '../http/api-error';
import { refreshDelayMs } from './refresh-schedule';
import { sessionActions, useSessionExpiresAt, useSessionStatus } from './session.store';

export const useSignIn = () => useMutation({ mutationFn: signIn });
export const useSignOut = () => useMutation({ mutationFn: signOut });
export const useChangePassword = () => useMutation({ mutationFn: changePassword });

/**
 * A reload keeps the user signed in: the refresh cookie survives it, the in-memory token does
 * not. While the API is unreachable the app keeps waiting and tries again once it is back.
 */
export function useSessionRestore(): void {
  const status = useSessionStatus();
  const connected = useIsConnected();

  useEffect(() => {
    if (status !== 'restoring' || !connected) return;
    refreshSession().catch((error: unknown) => {
      if (!isConnectivityError(error)) sessionActions().sessionExpired();
    });
  }, [status, connected]);
}

/** Renews the token shortly before it expires, so requests rarely meet a 401 at all. */
export function useSessionKeepAlive(): void {
  const expiresAt = useSessionExpiresAt();

  useEffect(() => {
    if (expiresAt === null) return;
    const timer = setTimeout(() => {
      refreshSession().catch(() => {
        // Offline: the first request after the outage gets a 401 and refreshes then.
      });
    }, refreshDelayMs(expiresAt, Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt]);
}
