import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditOrigin } from '@backtalk/contracts';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';

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

const requestOrigin = new AsyncLocalStorage<AuditOrigin>();

/** The origin of the HTTP request being handled, if any; what `AuditService.record` uses when it is given none. */
export function currentAuditOrigin(): AuditOrigin | undefined {
  return requestOrigin.getStore();
}

/**
 * Makes the request's origin available to every service the handler calls, so services record where a change came from
 * without each signature carrying the request.
 */
@Injectable()
export class AuditOriginInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const origin = auditOriginOf(context.switchToHttp().getRequest<OriginRequest>());
    return new Observable((subscriber) => requestOrigin.run(origin, () => next.handle().subscribe(subscriber)));
  }
}
