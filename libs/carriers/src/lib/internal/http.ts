import { ErrorCategory, type ProviderError } from '../carrier-adapter';
import { type HttpRequestSpec, type LookupOutcome, SendConfigurationError, type SendCredentials, type SendOutcome } from '../send';
import { refusedError } from './errors';
import { formBody } from './params';

// Building provider requests and reading their answers: what every sender does the same way.

export function headerValue(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/**
 * `Retry-After` (RFC 9110 section 10.2.3) as seconds: delay-seconds, or an HTTP-date measured from the response's
 * own `Date` header when there is one, so that our clock's skew does not matter.
 */
export function retryAfterSeconds(headers: Readonly<Record<string, string | undefined>>): number | undefined {
  const value = headerValue(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  const served = Date.parse(headerValue(headers, 'date') ?? '');
  return Math.max(0, Math.ceil((at - (Number.isNaN(served) ? Date.now() : served)) / 1000));
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Request Timeout, Too Early, Too Many Requests: the request was not processed. */
const RETRYABLE_4XX = new Set([408, 425, 429]);
const GATEWAY_TIMEOUT = 504;

/**
 * The answers that mean the same for every provider. Throttling and server errors are retried (with `Retry-After`
 * when sent). A 504 means a gateway stopped waiting while the provider may still have taken the message, which is
 * as ambiguous as our own timeout: `unknown`, unless the request carries an idempotency key the provider honours.
 * Null for every other status.
 */
export function transientOutcome(
  status: number,
  headers: Readonly<Record<string, string | undefined>>,
  provider: string,
  idempotent: boolean,
): SendOutcome | null {
  if (status === GATEWAY_TIMEOUT && !idempotent) {
    return { kind: 'unknown', reason: `${provider} answered HTTP 504 (gateway timeout): the message may or may not have been accepted` };
  }
  if (RETRYABLE_4XX.has(status) || (status >= 500 && status < 600)) {
    return retryOutcome(`${provider} answered HTTP ${status}`, headers);
  }
  return null;
}

export function retryOutcome(reason: string, headers: Readonly<Record<string, string | undefined>>): SendOutcome {
  const seconds = retryAfterSeconds(headers);
  return seconds === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterSeconds: seconds };
}

export function isAuthenticationStatus(status: number): boolean {
  return status === 401 || status === 403;
}

export function authenticationError(provider: string, code: string, detail?: string): ProviderError {
  return {
    code,
    reason: `${provider} rejected the channel's API credentials${detail ? ` (${detail})` : ''}; check them in the channel settings.`,
    category: ErrorCategory.Authentication,
    permanent: true,
  };
}

/**
 * A refusal that names a provider error code, already mapped: rate limits and full queues are retried, an
 * unmapped code on 401/403 is an authentication failure, and anything else fails with the mapped reason or, for a
 * code our tables do not know, the provider's own description.
 */
export function refusalOutcome(
  error: ProviderError,
  status: number,
  headers: Readonly<Record<string, string | undefined>>,
  provider: string,
  description?: string,
): SendOutcome {
  if (error.category === ErrorCategory.RateLimited && !error.permanent) return retryOutcome(`${provider} error ${error.code}: ${error.reason}`, headers);
  if (isAuthenticationStatus(status) && error.category === ErrorCategory.Unknown) {
    return { kind: 'failed', error: authenticationError(provider, error.code, description) };
  }
  return { kind: 'failed', error: refusedError(error, provider, description) };
}

/** A 2xx whose body does not say which message was created: the provider probably took it, so never resend blindly. */
export function unreadableSuccess(provider: string, status: number): SendOutcome {
  return { kind: 'unknown', reason: `${provider} answered HTTP ${status} without a readable message id; the message may have been accepted` };
}

export function unknownLookup(provider: string, status: number): LookupOutcome {
  return { unknown: true, reason: `${provider} answered the lookup with HTTP ${status}` };
}

export function requireCredential(credentials: SendCredentials, key: keyof SendCredentials, provider: string, label: string): string {
  const value = credentials[key]?.trim();
  if (!value) throw new SendConfigurationError(`The ${provider} channel has no ${label}; add it in the channel settings`);
  return value;
}

/**
 * An origin (or base URL with a path) typed by a person: `https://` is added when no scheme is given, as the
 * providers' consoles show hosts without one, and trailing slashes are dropped.
 */
export function normaliseBaseUrl(value: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

export function baseUrlOr(credentials: SendCredentials, fallback: string): string {
  return credentials.baseUrl?.trim() ? normaliseBaseUrl(credentials.baseUrl) : fallback;
}

/** `+15551234567` → `15551234567` for APIs that want international numbers without the plus; other senders unchanged. */
export function withoutPlus(address: string): string {
  return /^\+\d+$/.test(address) ? address.slice(1) : address;
}

export function jsonRequest(method: 'POST' | 'GET', url: string, authorization: string, body?: unknown): HttpRequestSpec {
  const headers: Record<string, string> = { authorization, accept: 'application/json' };
  if (body === undefined) return { method, url, headers };
  return { method, url, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function formRequest(url: string, pairs: ReadonlyArray<readonly [string, string]>, authorization?: string): HttpRequestSpec {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
  return { method: 'POST', url, headers: authorization ? { authorization, ...headers } : headers, body: formBody(pairs) };
}
