import type { AuditOrigin } from '@backtalk/contracts';

/** The parts of a Fastify request an origin is read from. */
export interface OriginRequest {
  ip?: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * Where a request came from, as the rest of the app sees it: `request.ip` is the peer address, or the client address
 * Fastify takes from X-Forwarded-For when the adapter is configured to trust the proxy, so forged headers from
 * elsewhere are never believed.
 */
export function auditOriginOf(request: OriginRequest): AuditOrigin {
  const agent = request.headers['user-agent'];
  const userAgent = Array.isArray(agent) ? agent[0] : agent;
  return { ...(request.ip ? { ip: request.ip } : {}), ...(userAgent ? { userAgent } : {}) };
}
