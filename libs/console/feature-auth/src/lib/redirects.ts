export const HOME_PATH = '/inbox';
export const LOGIN_PATH = '/login';

/**
 * Only same-app paths are followed after sign-in: "//evil.example" and "/\evil.example" are
 * protocol-relative URLs to browsers, and would turn the login page into an open redirect.
 */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return HOME_PATH;
  if (next === LOGIN_PATH || next.startsWith(`${LOGIN_PATH}?`) || next.startsWith(`${LOGIN_PATH}/`)) return HOME_PATH;
  return next;
}

export interface LocationLike {
  pathname: string;
  search: string;
  hash: string;
}

/** Where to send someone who lost their session: back to this page after signing in, unless they chose to leave. */
export function loginPathFor(location: LocationLike, endReason: 'signedOut' | 'expired' | null): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  if (endReason === 'signedOut' || here === '/' || here === HOME_PATH) return LOGIN_PATH;
  return `${LOGIN_PATH}?next=${encodeURIComponent(here)}`;
}
