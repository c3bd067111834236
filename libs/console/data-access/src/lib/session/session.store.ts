import { applyUserLanguage } from '@backtalk/console/i18n';
import type { SessionResponse, UserView } from '@backtalk/contracts';
import { create } from 'zustand';
import * as reducers from './session.reducers';
import type { SessionEndReason, SessionState, SessionStatus } from './session.reducers';

interface SessionActions {
  sessionEstablished: (session: SessionResponse) => void;
  sessionExpired: () => void;
  signedOut: () => void;
  profileUpdated: (user: UserView) => void;
}

// The access token lives only here, in memory: never in localStorage, where any script could read it.
export const useSessionStore = create<SessionState & { actions: SessionActions }>()((set) => ({
  ...reducers.initialSessionState,
  actions: {
    sessionEstablished: (session) => {
      // Signing in and restoring a session both pass here: a saved language wins over the one the browser suggested.
      applyUserLanguage(session.user.locale);
      set((s) => reducers.sessionEstablished(s, session, Date.now()));
    },
    sessionExpired: () => set(reducers.sessionExpired),
    signedOut: () => set(reducers.signedOut),
    profileUpdated: (user) => {
      applyUserLanguage(user.locale);
      set((s) => reducers.profileUpdated(s, user));
    },
  },
}));

export const sessionActions = (): SessionActions => useSessionStore.getState().actions;

export const useSessionStatus = (): SessionStatus => useSessionStore((s) => s.status);
export const useSessionEndReason = (): SessionEndReason | null => useSessionStore((s) => s.endReason);
export const useCurrentUser = (): UserView | null => useSessionStore((s) => s.user);
export const useAccessToken = (): string | null => useSessionStore((s) => s.accessToken);
export const useSessionExpiresAt = (): number | null => useSessionStore((s) => s.expiresAt);
export const useSessionActions = (): SessionActions => useSessionStore((s) => s.actions);

/** For components rendered behind RequireAuth, where a user is guaranteed. */
export function useSignedInUser(): UserView {
  const user = useCurrentUser();
  if (!user) throw new Error('useSignedInUser was called outside an authenticated route.');
  return user;
}
