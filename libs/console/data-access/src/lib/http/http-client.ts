import { ErrorCode } from '@backtalk/contracts';
import { ApiError, errorFromResponse, isGatewayStatus } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /** Sends no access token and never tries a refresh: for login and refresh. */
  anonymous?: boolean;
  /** Sends the access token but does not refresh on a 401: for logout. */
  skipRefresh?: boolean;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key`; they cannot replace the ones the client sets itself. */
  headers?: Record<string, string>;
  /** `text` resolves with the body as it came (e.g. a CSV export) instead of parsing JSON. */
  responseType?: 'json' | 'text';
  /** The media type asked for; JSON unless said otherwise. */
  accept?: string;
}

export interface Reachability {
  /** A network failure or a gateway status: the API is not answering. */
  unreachable(): void;
  /** The API produced a response of its own. */
  reachable(): void;
}

export interface HttpClientDeps {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  getAccessToken: () => string | null;
  /** Resolves true with a new access token in place, false when the session is over. */
  refreshSession: () => Promise<boolean>;
  reachability: Reachability;
  now?: () => number;
}

export interface HttpClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T = void>(path: string, options?: RequestOptions): Promise<T>;
}

const REFRESHABLE_CODES = new Set<string>([ErrorCode.TokenExpired, ErrorCode.Unauthenticated]);

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function createHttpClient(deps: HttpClientDeps): HttpClient {
  const now = deps.now ?? Date.now;

  async function send(method: HttpMethod, path: string, options: RequestOptions) {
    const token = options.anonymous ? null : deps.getAccessToken();
    const headers: Record<string, string> = { ...options.headers, Accept: options.accept ?? 'application/json' };
    // A Blob (a file to upload) goes as it is, with its own media type; anything else as JSON.
    const blob = typeof Blob !== 'undefined' && options.body instanceof Blob ? options.body : null;
    if (options.body !== undefined) headers['Content-Type'] = blob ? blob.type : 'application/json';
    if (token) headers['Authorization'] = `Bearer ${token}`;

    let response: Response;
    try {
      response = await deps.fetch(path, {
        method,
        headers,
        body: blob ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        credentials: 'include',
        signal: options.signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      deps.reachability.unreachable();
      throw ApiError.unreachable();
    }

    if (isGatewayStatus(response.status)) deps.reachability.unreachable();
    else deps.reachability.reachable();
    return { response, token };
  }

  async function toError(response: Response): Promise<ApiError> {
    return errorFromResponse(response.status, await response.text(), response.headers.get('Retry-After'), now());
  }

  async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const first = await send(method, path, options);
    let response = first.response;

    if (response.status === 401 && !options.anonymous && !options.skipRefresh) {
      const error = await toError(response);
      if (!REFRESHABLE_CODES.has(error.code)) throw error;
      // Another request may already have refreshed while this one was in flight.
      const current = deps.getAccessToken();
      const renewedMeanwhile = current !== null && current !== first.token;
      if (!renewedMeanwhile && !(await deps.refreshSession())) throw error;
      response = (await send(method, path, options)).response;
    }

    if (!response.ok) throw await toError(response);
    const text = await response.text();
    if (options.responseType === 'text') return text as T;
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    request,
    get: (path, options) => request('GET', path, options),
    post: (path, body, options) => request('POST', path, { ...options, body }),
    patch: (path, body, options) => request('PATCH', path, { ...options, body }),
    delete: (path, options) => request('DELETE', path, options),
  };
}
