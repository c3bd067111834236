/**
 * Whether a media link may be stored and shown as a link: an absolute http or https URL. Carriers serve MMS media over
 * http(s); any other scheme (javascript:, data:, file:, ftp:) in a link an agent clicks would run or open something in
 * the signed-in console instead of showing the customer's picture. Parsed with the WHATWG URL parser, as the browser
 * will, so that leading spaces, tabs inside the scheme or odd case do not slip through a prefix check.
 */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
