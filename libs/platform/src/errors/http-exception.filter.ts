import { ErrorCode, type ErrorResponse } from '@backtalk/contracts';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger, type LoggerService } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isDependencyFailure } from './dependency-failure';
import { DomainError, httpStatusFor } from './domain-error';

/**
 * Sent with every 503: carriers and load balancers that honour it come back after a pause instead of hammering a
 * process that is restarting or waiting for PostgreSQL or Redis.
 */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Nest's own HttpExceptions (unknown route, bad JSON, ...) mapped onto our codes. */
function codeForHttpStatus(status: number): ErrorCode {
  if (status === 400 || status === 413 || status === 415) return ErrorCode.ValidationFailed;
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 409) return ErrorCode.Conflict;
  if (status === 429) return ErrorCode.RateLimited;
  if (status === 503) return ErrorCode.DependencyUnavailable;
  return ErrorCode.Internal;
}

export function toErrorResponse(error: unknown): { status: number; body: ErrorResponse; retryAfterSeconds?: number } {
  if (error instanceof DomainError) {
    const body: ErrorResponse = { code: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    const status = httpStatusFor(error.code);
    return { status, body, retryAfterSeconds: error.retryAfterSeconds ?? (status === 503 ? UNAVAILABLE_RETRY_AFTER_SECONDS : undefined) };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
    return {
      status,
      body: { code: codeForHttpStatus(status), message: status >= 500 ? 'Internal error' : message },
      retryAfterSeconds: status === 503 ? UNAVAILABLE_RETRY_AFTER_SECONDS : undefined,
    };
  }
  const maybeFastify = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof maybeFastify.statusCode === 'number' && maybeFastify.statusCode >= 400 && maybeFastify.statusCode < 500) {
    // Fastify's body parser errors (malformed JSON, unsupported media type, body too large).
    return { status: maybeFastify.statusCode, body: { code: codeForHttpStatus(maybeFastify.statusCode), message: String(maybeFastify.message) } };
  }
  if (isDependencyFailure(error)) {
    return {
      status: 503,
      body: { code: ErrorCode.DependencyUnavailable, message: 'A backing service is unavailable; retry later' },
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
    };
  }
  return { status: 500, body: { code: ErrorCode.Internal, message: 'Internal error' } };
}

/**
 * The single place where errors become HTTP responses: the status and body for the client, and the cause of a 5xx for
 * the log. Stack traces go to the log, never to the client. Used by the exception filter and by the carrier webhook
 * endpoint, which is served outside Nest's router.
 */
export function errorReply(error: unknown, logger: LoggerService, context: Record<string, unknown> = {}): ReturnType<typeof toErrorResponse> {
  const reply = toErrorResponse(error);
  if (reply.status >= 500) logger.error({ ...context, err: error, code: reply.body.code }, reply.status === 503 ? 'dependency unavailable' : 'unhandled error');
  return reply;
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body, retryAfterSeconds } = errorReply(error, this.logger);
    if (retryAfterSeconds !== undefined) void reply.header('Retry-After', String(retryAfterSeconds));
    void reply.status(status).send(body);
  }
}
