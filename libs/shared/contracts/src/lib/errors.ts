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
  RateLimited = 'RATE_LIMITED',
  DependencyUnavailable = 'DEPENDENCY_UNAVAILABLE',
  Internal = 'INTERNAL',
}
