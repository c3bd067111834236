import { BlockList, isIP } from 'node:net';

export interface PublicUrlRequest {
  /** Path and query exactly as received (`/api/webhooks/twilio/…?x=1`). */
  url: string;
  /** The peer address of the TCP connection, not a header. */
  remoteAddress: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw?.split(',')[0]?.trim() || undefined;
}

/** Null when no proxy is trusted, so that requests skip the address check altogether. */
export function trustedProxyList(entries: readonly string[]): BlockList | null {
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix) list.addSubnet(address, Number(prefix), type);
    else list.addAddress(address, type);
  }
  return list;
}

/**
 * The URL the carrier called, which is what it signed. Built from PUBLIC_BASE_URL; X-Forwarded-* headers are used only
 * when the connection comes from a configured trusted proxy, since anyone can send them.
 */
export function publicUrlFor(request: PublicUrlRequest, publicBaseUrl: string, trustedProxies: BlockList | null): string {
  const remote = request.remoteAddress.replace(/^::ffff:/, '');
  const fromTrustedProxy = trustedProxies !== null && remote !== '' && trustedProxies.check(remote, isIP(remote) === 6 ? 'ipv6' : 'ipv4');
  const forwardedHost = fromTrustedProxy ? firstHeader(request.headers['x-forwarded-host']) : undefined;
  if (forwardedHost) {
    const proto = firstHeader(request.headers['x-forwarded-proto']) ?? 'https';
    const prefix = (firstHeader(request.headers['x-forwarded-prefix']) ?? '').replace(/\/$/, '');
    return `${proto}://${forwardedHost}${prefix}${request.url}`;
  }
  return `${publicBaseUrl.replace(/\/$/, '')}${request.url}`;
}
