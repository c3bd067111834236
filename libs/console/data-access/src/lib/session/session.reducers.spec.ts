import { Role, type SessionResponse, type UserView } from '@backtalk/contracts';
import { initialSessionState, profileUpdated, sessionEstablished, sessionExpired, signedOut, type SessionState } from './session.reducers';

const user: UserView = {
  id: 'u1',
  email: 'ada@example.com',
  name: 'Ada',
  role: Role.Agent,
  active: true,
  teamIds: ['t1'],
  createdAt: '2025-01-01T00:00:00Z',
  locale: null,
};
const session: SessionResponse = { accessToken: 'token-1', expiresIn: 900, user };
const NOW = 1_000_000;
const signedIn: SessionState = sessionEstablished(initialSessionState, session, NOW);

describe('session reducers', () => {
  it('starts out restoring, so nothing redirects before the refresh cookie has been tried', () => {
    expect(initialSessionState.status).toBe('restoring');
  });

  it('stores the token, the user and the absolute expiry of an established session', () => {
    expect(signedIn).toEqual({ status: 'authenticated', accessToken: 'token-1', expiresAt: NOW + 900_000, user, endReason: null });
  });

  it('marks a session that stopped refreshing as expired and forgets the token', () => {
    const state = sessionExpired(signedIn);

    expect(state).toMatchObject({ status: 'anonymous', accessToken: null, user: null, expiresAt: null, endReason: 'expired' });
  });

  it('does not call a failed restore on load an expiry: there was no session to lose', () => {
    expect(sessionExpired(initialSessionState)).toMatchObject({ status: 'anonymous', endReason: null });
  });

  it('remembers a deliberate sign-out so the login page does not send the user back', () => {
    expect(signedOut(signedIn)).toMatchObject({ status: 'anonymous', accessToken: null, endReason: 'signedOut' });
  });

  it('clears the end reason when a new session starts', () => {
    expect(sessionEstablished(signedOut(signedIn), session, NOW).endReason).toBeNull();
  });

  it('replaces the signed-in user with a newer view of the same user', () => {
    const renamed = { ...user, name: 'Ada L.' };

    expect(profileUpdated(signedIn, renamed).user).toBe(renamed);
  });

  it('ignores updates to other users and updates while signed out', () => {
    const other = { ...user, id: 'u2' };

    expect(profileUpdated(signedIn, other)).toBe(signedIn);
    expect(profileUpdated(signedOut(signedIn), user).user).toBeNull();
  });
});
