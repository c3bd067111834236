import { HOME_PATH, loginPathFor, safeNextPath } from './redirects';

describe('safeNextPath', () => {
  it('follows a path inside the app, query included', () => {
    expect(safeNextPath('/settings/users?q=ada')).toBe('/settings/users?q=ada');
  });

  it('goes to the inbox when there is no next path', () => {
    expect(safeNextPath(null)).toBe(HOME_PATH);
    expect(safeNextPath('')).toBe(HOME_PATH);
  });

  it.each(['https://evil.example', '//evil.example/x', '/\\evil.example', 'settings'])('refuses %s, which would leave the app', (next) => {
    expect(safeNextPath(next)).toBe(HOME_PATH);
  });

  it('does not send a signed-in user back to the login page', () => {
    expect(safeNextPath('/login?next=%2Finbox')).toBe(HOME_PATH);
  });
});

describe('loginPathFor', () => {
  const at = (pathname: string, search = '', hash = '') => ({ pathname, search, hash });

  it('remembers the page of an expired session so sign-in returns there', () => {
    expect(loginPathFor(at('/settings/teams', '?x=1'), 'expired')).toBe('/login?next=%2Fsettings%2Fteams%3Fx%3D1');
  });

  it('remembers the page for a first visit too, e.g. a bookmarked link', () => {
    expect(loginPathFor(at('/settings/users'), null)).toBe('/login?next=%2Fsettings%2Fusers');
  });

  it('does not bring someone who logged out back to where they were', () => {
    expect(loginPathFor(at('/settings/users'), 'signedOut')).toBe('/login');
  });

  it('keeps the login URL clean when the next page would be the inbox anyway', () => {
    expect(loginPathFor(at('/'), 'expired')).toBe('/login');
    expect(loginPathFor(at('/inbox'), null)).toBe('/login');
  });
});
