import { type WebhookRequest, WebhookParseError } from '../carrier-adapter';

/** Decoded form or query parameters; a key sent several times keeps every value, in order. */
export type Params = ReadonlyMap<string, readonly string[]>;

/** Encodes pairs the way an HTTP client would (spaces as `+`, `+` as `%2B`), keeping repeated keys in order. */
export function formBody(pairs: ReadonlyArray<readonly [string, string]>): string {
  return new URLSearchParams(pairs.map(([key, value]) => [key, value])).toString();
}

export function parseForm(encoded: string): Params {
  const params = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(encoded)) {
    const values = params.get(key);
    if (values) values.push(value);
    else params.set(key, [value]);
  }
  return params;
}

export function queryOf(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return '';
  const end = url.indexOf('#', start);
  return url.slice(start + 1, end === -1 ? undefined : end);
}

export function isJsonBody(request: WebhookRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().includes('json');
}

/** Verifying a webhook and then parsing it read the same parameters; they are decoded once per request. */
const decodedForms = new WeakMap<WebhookRequest, Params>();

/** The parameters a form-style provider sent: the query string of a GET, the form body of a POST. */
export function formParams(request: WebhookRequest): Params {
  let params = decodedForms.get(request);
  if (!params) {
    params = request.method === 'GET' ? parseForm(queryOf(request.url)) : parseForm(request.rawBody.toString('utf8'));
    decodedForms.set(request, params);
  }
  return params;
}

export function firstParam(params: Params, key: string): string | undefined {
  return params.get(key)?.[0];
}

export function requireParam(params: Params, key: string, provider: string): string {
  const value = firstParam(params, key);
  if (value === undefined || value === '') {
    throw new WebhookParseError(`${provider} webhook is missing the "${key}" parameter`);
  }
  return value;
}
