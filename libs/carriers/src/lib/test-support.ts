import { type WebhookRequest } from './carrier-adapter';

// Builders shared by the provider specs; not exported from the library.

export function webhookRequest(init: {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
  receivedAt?: Date;
}): WebhookRequest {
  return {
    method: init.method ?? 'POST',
    url: init.url,
    headers: init.headers ?? {},
    rawBody: Buffer.isBuffer(init.body) ? init.body : Buffer.from(init.body ?? '', 'utf8'),
    receivedAt: init.receivedAt ?? new Date('2024-01-01T00:00:00Z'),
  };
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' } as const;
export const JSON_CONTENT = { 'content-type': 'application/json; charset=utf-8' } as const;

/** Encodes pairs the way an HTTP client would (spaces as `+`, `+` as `%2B`), keeping repeated keys. */
export function formBody(pairs: ReadonlyArray<readonly [string, string]>): string {
  return new URLSearchParams(pairs.map(([key, value]) => [key, value])).toString();
}

export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
