import { ErrorCode } from '@backtalk/contracts';

/**
 * The one error type that services throw. It carries a stable code; the HTTP mapping lives in
 * `httpStatusFor` so that no service ever thinks in status codes.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds, for RateLimited: becomes the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} was not found`);
  }

  static forbidden(message = 'You are not allowed to do this'): DomainError {
    return new DomainError(ErrorCode.Forbidden, message);
  }

  static conflict(message: string, details?: unknown): DomainError {
    return new DomainError(ErrorCode.Conflict, message, details);
  }

  static validation(message: string, details?: unknown): DomainError {
    return new DomainError(ErrorCode.ValidationFailed, message, details);
  }
}

export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
      return 400;
    case ErrorCode.Unauthenticated:
    case ErrorCode.InvalidCredentials:
    case ErrorCode.TokenExpired:
    case ErrorCode.RefreshTokenInvalid:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
    case ErrorCode.ContactOptedOut:
    case ErrorCode.ReplyCollision:
      return 409;
    case ErrorCode.UnsupportedMediaType:
      return 415;
    case ErrorCode.IdempotencyKeyReused:
      return 422;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.DependencyUnavailable:
      return 503;
    case ErrorCode.Internal:
      return 500;
    default:
      return assertUnreachable(code);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled error code: ${String(value)}`);
}
