import { type ChannelSecrets, type Verification, type WebhookRequest } from '../carrier-adapter';
import { constantTimeEqual } from './crypto';

/** The `Authorization` value for HTTP Basic credentials (RFC 7617), UTF-8 encoded. */
export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * For providers that sign nothing and can only be told to send HTTP Basic credentials. Without configured
 * credentials the request is refused: accepting it would let anyone on the internet inject messages.
 */
export function verifyBasicAuth(request: WebhookRequest, secrets: ChannelSecrets, provider: string): Verification {
  if (!secrets.basicAuth) {
    return {
      ok: false,
      reason: `${provider} webhooks carry no signature: configure Basic auth credentials on this channel and in ${provider}`,
    };
  }
  const header = request.headers['authorization'];
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return { ok: false, reason: 'missing Basic Authorization header' };

  const received = Buffer.from(match[1], 'base64').toString('utf8');
  const expected = `${secrets.basicAuth.username}:${secrets.basicAuth.password}`;
  return constantTimeEqual(received, expected) ? { ok: true } : { ok: false, reason: 'Basic auth credentials do not match' };
}
