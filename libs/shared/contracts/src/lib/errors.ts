/**
 * Every error the API returns has this shape; `code` is stable and meant for programs,
 * `message` is a sentence meant for people.
 */
export interface ErrorResponse {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  TokenExpired = 'TOKEN_EXPIRED',
  RefreshTokenInvalid = 'REFRESH_TOKEN_INVALID',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  /** The contact opted out of this channel (STOP): nothing may be sent to them until they opt back in. */
  ContactOptedOut = 'CONTACT_OPTED_OUT',
  /** A colleague took or answered the conversation after the agent opened it; the reply was not sent. */
  ReplyCollision = 'REPLY_COLLISION',
  /** An Idempotency-Key was used again with a different request. */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  /** The request body is of a media type this endpoint does not take (a carrier webhook declared as the wrong type). */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  RateLimited = 'RATE_LIMITED',
  DependencyUnavailable = 'DEPENDENCY_UNAVAILABLE',
  Internal = 'INTERNAL',
}
