import type { SessionResponse, UserView } from '@backtalk/contracts';

/**
 * `restoring`: the app has just loaded and is asking the refresh cookie for a session;
 * nothing should decide between the login page and the app until that settles.
 */
export type SessionStatus = 'restoring' | 'authenticated' | 'anonymous';

/** Why a session ended: a deliberate sign-out does not send the user back where they were. */
export type SessionEndReason = 'signedOut' | 'expired';

export interface SessionState {
  status: SessionStatus;
  accessToken: string | null;
  /** Epoch milliseconds. */
  expiresAt: number | null;
  user: UserView | null;
  endReason: SessionEndReason | null;
}

export const initialSessionState: SessionState = {
  status: 'restoring',
  accessToken: null,
  expiresAt: null,
  user: null,
  endReason: null,
};

export function sessionEstablished(_state: SessionState, session: SessionResponse, now: number): SessionState {
  return {
    status: 'authenticated',
    accessToken: session.accessToken,
    expiresAt: now + session.expiresIn * 1000,
    user: session.user,
    endReason: null,
  };
}

/** The refresh cookie was refused. On load that only means nobody was signed in. */
export function sessionExpired(state: SessionState): SessionState {
  return {
    ...initialSessionState,
    status: 'anonymous',
    endReason: state.status === 'authenticated' ? 'expired' : state.endReason,
  };
}

export function signedOut(_state: SessionState): SessionState {
  return { ...initialSessionState, status: 'anonymous', endReason: 'signedOut' };
}

/** Keeps the signed-in user's view fresh after they (or an admin) change it. */
export function profileUpdated(state: SessionState, user: UserView): SessionState {
  if (state.status !== 'authenticated' || state.user?.id !== user.id) return state;
  return { ...state, user };
}
