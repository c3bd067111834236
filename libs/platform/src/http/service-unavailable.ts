import { ErrorCode } from '@backtalk/contracts';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors/domain-error';
import { toErrorResponse, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../errors/http-exception.filter';
import type { ShutdownState } from '../lifecycle/shutdown-state';

/**
 * Every 503 tells the client when to come back. A request that arrives on an open keep-alive connection once the
 * process is shutting down gets one, in the usual error shape, and its connection is closed so that the client goes
 * to another instance and the server can stop. (Fastify's own `return503OnClosing` answers before any hook runs, with
 * neither the header nor our error shape, and only once the server is already closing; it is switched off.)
 */
export function registerServiceUnavailableAnswers(fastify: FastifyInstance, shutdown: ShutdownState): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!shutdown.isClosing) return done();
    const { status, body, retryAfterSeconds } = toErrorResponse(new DomainError(ErrorCode.DependencyUnavailable, 'The server is shutting down; retry later'));
    void reply.header('connection', 'close').header('retry-after', String(retryAfterSeconds)).status(status).send(body);
  });
  // Whatever else answers 503 (readiness, the error filter, a controller) gets the header too.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    done(null, payload);
  });
}
