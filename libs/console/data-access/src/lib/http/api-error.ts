import { ErrorCode, type ErrorResponse } from '@backtalk/contracts';
import { currentLanguage, translatorFor } from '@backtalk/console/i18n';

const t = translatorFor('common');

/** The server was not reached at all: there is no ErrorResponse, only a failed fetch. */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export type ApiErrorCode = ErrorCode | typeof NETWORK_ERROR;

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** 0 when the request never got a response. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    /** From Retry-After; only set on rate-limited responses that carry it. */
    readonly retryAfterSeconds: number | null = null,
    /** False when the API sent no message of its own (a proxy page, a failed fetch) and `message` was made up here. */
    readonly hasServerMessage = true,
  ) {
    super(message);
  }

  static unreachable(): ApiError {
    return new ApiError(0, NETWORK_ERROR, 'The server could not be reached.', undefined, null, false);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);

/** The API did not answer for itself (network down, proxy error): worth retrying once it is back. */
export function isConnectivityError(error: unknown): boolean {
  return isApiError(error) && (error.status === 0 || GATEWAY_STATUSES.has(error.status));
}

export function isGatewayStatus(status: number): boolean {
  return GATEWAY_STATUSES.has(status);
}

const CODES = new Set<string>(Object.values(ErrorCode));

function fallbackCode(status: number): ErrorCode {
  if (status === 400 || status === 422) return ErrorCode.ValidationFailed;
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 409) return ErrorCode.Conflict;
  if (status === 429) return ErrorCode.RateLimited;
  if (status === 502 || status === 503 || status === 504) return ErrorCode.DependencyUnavailable;
  return ErrorCode.Internal;
}

function parseErrorBody(bodyText: string): Partial<ErrorResponse> {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<ErrorResponse>) : {};
  } catch {
    // Proxies answer 502/504 with HTML; the status alone still tells us what happened.
    return {};
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export function errorFromResponse(status: number, bodyText: string, retryAfterHeader: string | null, now: number): ApiError {
  const body = parseErrorBody(bodyText);
  const code = typeof body.code === 'string' && CODES.has(body.code) ? body.code : fallbackCode(status);
  const serverMessage = typeof body.message === 'string' && body.message ? body.message : null;
  return new ApiError(status, code, serverMessage ?? `The server answered ${status}.`, body.details, parseRetryAfter(retryAfterHeader, now), serverMessage !== null);
}

export type FieldErrors = Record<string, string[]>;

/** VALIDATION_FAILED details are `{ field, messages[] }[]`; anything else in there is ignored. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!isApiError(error) || error.code !== ErrorCode.ValidationFailed || !Array.isArray(error.details)) return {};
  const result: FieldErrors = {};
  for (const entry of error.details as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { field, messages } = entry as { field?: unknown; messages?: unknown };
    if (typeof field !== 'string' || !Array.isArray(messages)) continue;
    const texts = messages.filter((m): m is string => typeof m === 'string');
    if (texts.length > 0) result[field] = [...(result[field] ?? []), ...texts];
  }
  return result;
}

export function rateLimitMessage(retryAfterSeconds: number | null): string {
  if (retryAfterSeconds === null) return t('errors.rateLimited');
  return t('errors.rateLimitedFor', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
}

/**
 * The API writes its messages in English. They name the particular clash ("There is already a view named …"), so an
 * English console shows them; any other language gets the translated sentence for the error's code instead.
 */
function serverWordingReadable(): boolean {
  return currentLanguage() === 'en';
}

const SENTENCE_KEY_BY_CODE = {
  [ErrorCode.ValidationFailed]: 'errors.validationFailed',
  [ErrorCode.NotFound]: 'errors.notFound',
  [ErrorCode.Conflict]: 'errors.conflict',
  [ErrorCode.ContactOptedOut]: 'errors.contactOptedOut',
  [ErrorCode.ReplyCollision]: 'errors.replyCollision',
  [ErrorCode.IdempotencyKeyReused]: 'errors.idempotencyKeyReused',
  [ErrorCode.UnsupportedMediaType]: 'errors.unsupportedMediaType',
} as const;

/** A sentence for people, in the console's language; programs should branch on `code`. */
export function describeError(error: unknown): string {
  if (!isApiError(error)) return t('errors.generic');
  switch (error.code) {
    case NETWORK_ERROR:
      return t('errors.unreachable');
    case ErrorCode.RateLimited:
      return rateLimitMessage(error.retryAfterSeconds);
    case ErrorCode.InvalidCredentials:
      return t('errors.invalidCredentials');
    case ErrorCode.Unauthenticated:
    case ErrorCode.TokenExpired:
    case ErrorCode.RefreshTokenInvalid:
      return t('errors.sessionExpired');
    case ErrorCode.Forbidden:
      return t('errors.forbidden');
    case ErrorCode.DependencyUnavailable:
      return t('errors.dependencyUnavailable');
    case ErrorCode.Internal:
      return t('errors.generic');
    case ErrorCode.ValidationFailed:
    case ErrorCode.NotFound:
    case ErrorCode.Conflict:
    case ErrorCode.ContactOptedOut:
    case ErrorCode.ReplyCollision:
    case ErrorCode.IdempotencyKeyReused:
    case ErrorCode.UnsupportedMediaType:
      return serverWordingReadable() && error.hasServerMessage ? error.message : t(SENTENCE_KEY_BY_CODE[error.code]);
    default:
      return assertUnreachable(error.code);
  }
}

/** Whether the console has a sentence of its own for this error code (one of the API's ErrorCodes). */
export function isKnownErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && CODES.has(code);
}

/**
 * An error recorded for later (a macro step that failed) as `describeError` would word it when it happened: by its
 * code, with the API's own wording only in English. Null for a code this console does not know.
 */
export function describeErrorCode(code: unknown, serverMessage: string | null): string | null {
  if (!isKnownErrorCode(code)) return null;
  return describeError(new ApiError(0, code, serverMessage ?? '', undefined, null, serverMessage !== null));
}

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled error code: ${String(value)}`);
}

export interface FormErrors {
  /** One message per known field, ready to show under it. */
  fields: Record<string, string>;
  /** Whatever cannot be shown next to a field. */
  form: string | null;
}

export const NO_FORM_ERRORS: FormErrors = { fields: {}, form: null };

export function toFormErrors(error: unknown, fieldNames: readonly string[]): FormErrors {
  if (error === null || error === undefined) return NO_FORM_ERRORS;
  const byField = fieldErrorsOf(error);
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  const readable = serverWordingReadable();
  for (const [field, messages] of Object.entries(byField)) {
    if (fieldNames.includes(field)) fields[field] = readable ? messages.join(' ') : t('errors.fieldInvalid');
    else if (readable) unplaced.push(...messages);
    else unplaced.push(t('errors.namedFieldInvalid', { field }));
  }
  if (Object.keys(byField).length === 0) return { fields, form: describeError(error) };
  return { fields, form: unplaced.length > 0 ? unplaced.join(' ') : null };
}
