import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error';
import { toErrorResponse } from '../errors/http-exception.filter';
import type { FieldError } from '../errors/validation';

/**
 * Deeper than any request we accept (team routing, the deepest, is 5 levels) and far below what class-transformer's
 * recursion survives: a 20,000-deep body overflows its stack.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * The first string (value or key) in `input` that cannot be stored, or the point where it nests too deep. PostgreSQL
 * rejects NUL in text and jsonb, and a lone UTF-16 surrogate has no UTF-8 encoding, so either would reach the
 * database (or argon2, or an encoder) and fail there as a 500. Walked with an explicit stack: recursion is what the
 * depth limit protects against.
 */
export function findUnacceptableInput(input: unknown, root: string, maxDepth = MAX_INPUT_DEPTH): FieldError | null {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value: input, path: root, depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) return { field: path, messages: [`${path} ${problem}`] };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return { field: path, messages: [`${path} nests deeper than ${maxDepth} levels`] };
    for (const [key, item] of Object.entries(value)) {
      const problem = stringProblem(key);
      if (problem) return { field: path, messages: [`a field name in ${path} ${problem}`] };
      pending.push({ value: item, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
}

/** A high surrogate not followed by a low one, or a low one without a high one before it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it contains a lone surrogate)';
  return null;
}

/**
 * Refuses, before any pipe or service sees them, requests whose body, query or path parameters hold text that
 * cannot be stored or JSON nested deeper than any route accepts. One hook for every route, so no DTO can forget it.
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const problem =
      findUnacceptableInput(request.params, 'path') ?? findUnacceptableInput(request.query, 'query') ?? findUnacceptableInput(request.body, 'body');
    if (!problem) return done();
    done(DomainError.validation(`Invalid request: ${problem.messages[0]}`, [problem]));
  });
}

/**
 * Fastify answers a malformed URL (bad percent-encoding, a path parameter over `maxParamLength`) itself, in its own
 * shape, before any route or error handler runs; this puts those answers in ours. The path is not echoed back: it may
 * be kilobytes long.
 */
export function answerFrameworkError(error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply): void {
  const problem = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is too long' : error.code === 'FST_ERR_BAD_URL' ? 'the path is not a valid URL' : null;
  // Anything else (an async route constraint failing) is the server's fault, not the client's.
  const { status, body } = toErrorResponse(problem ? DomainError.validation(`Invalid request: ${problem}`) : error);
  void reply.status(status).send(body);
}
