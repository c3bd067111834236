import type { ChangePasswordRequest, LoginRequest, SessionResponse } from '@backtalk/contracts';
import { connectionActions } from './connection/connection.store';
import { isApiError } from './http/api-error';
import { createHttpClient } from './http/http-client';
import { queryClient } from './queries/query-client';
import { sessionActions, useSessionStore } from './session/session.store';
import { singleFlight } from './util/single-flight';

export const api = createHttpClient({
  fetch: (input, init) => fetch(input, init),
  getAccessToken: () => useSessionStore.getState().accessToken,
  refreshSession: () => refreshSession(),
  reachability: {
    unreachable: () => connectionActions().connectionLost(),
    reachable: () => connectionActions().connectionRestored(),
  },
});

/**
 * Tabs share the refresh cookie and the API rotates it on every use, so two tabs refreshing
 * at once would race with the same cookie. A Web Lock makes them take turns; the second then
 * sends the cookie the first one received.
 */
async function acrossTabs<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request('backtalk:session-refresh', fn) : fn();
}

/** Resolves true with a new session in the store, false (session ended) when the cookie is refused. */
export const refreshSession = singleFlight(() =>
  acrossTabs(async () => {
    try {
      const session = await api.post<SessionResponse>('/api/auth/refresh', undefined, { anonymous: true });
      sessionActions().sessionEstablished(session);
      return true;
    } catch (error) {
      if (isApiError(error) && (error.status === 401 || error.status === 403)) {
        sessionActions().sessionExpired();
        return false;
      }
      throw error;
    }
  }),
);

export async function signIn(credentials: LoginRequest): Promise<void> {
  const session = await api.post<SessionResponse>('/api/auth/login', credentials, { anonymous: true });
  // Whatever a previous user left in the cache must not show up for this one.
  queryClient.clear();
  sessionActions().sessionEstablished(session);
}

export async function signOut(): Promise<void> {
  try {
    await api.post<void>('/api/auth/logout', undefined, { skipRefresh: true });
  } catch {
    // Signing out locally must work even when the API cannot be reached; the cookie will expire.
  } finally {
    sessionActions().signedOut();
    queryClient.clear();
  }
}

export async function changePassword(request: ChangePasswordRequest): Promise<void> {
  // The API revokes every other session and hands this one a fresh token and cookie.
  const session = await api.post<SessionResponse>('/api/me/password', request);
  sessionActions().sessionEstablished(session);
}
