import { type ServerResponse } from 'node:http';
import { type FastifyReply } from 'fastify';

/** The user and password of an HTTP Basic `Authorization` header, or null when there is none. */
export function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Form bodies arrive as URLSearchParams (see the parser in simulator.ts); anything else reads as empty. */
export function formOf(body: unknown): URLSearchParams {
  return body instanceof URLSearchParams ? body : new URLSearchParams();
}

/**
 * Requests the simulator was told never to answer (an injected timeout). They stay open until the client gives up;
 * on shutdown they are cut so the server can close.
 */
export class HeldRequests {
  private readonly held = new Set<ServerResponse>();

  hold(reply: FastifyReply): void {
    reply.hijack();
    const response = reply.raw;
    this.held.add(response);
    response.on('close', () => this.held.delete(response));
  }

  releaseAll(): void {
    for (const response of this.held) response.destroy();
    this.held.clear();
  }
}
