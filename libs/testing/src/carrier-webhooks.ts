import { createHash, createHmac, generateKeyPairSync, sign as signEd25519 } from 'node:crypto';

/**
 * Builds webhook requests the way each provider sends them, signed with the algorithms in the carriers reference.
 * Test-only: the adapters' own checks are pinned to the providers' official vectors in their unit tests, so these
 * signers are verified by those same checks when the integration tests pass.
 */
export interface SignedWebhook {
  method: 'GET' | 'POST';
  /** Path and query, relative to the API. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type FormParams = Array<[string, string]>;

export function twilioSignature(url: string, params: FormParams, authToken: string): string {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of params) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  let data = url;
  for (const key of [...byKey.keys()].sort()) for (const value of [...new Set(byKey.get(key))].sort()) data += key + value;
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function twilioForm(publicBaseUrl: string, path: string, params: FormParams, authToken: string): SignedWebhook {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(`${publicBaseUrl}${path}`, params, authToken) },
    body: new URLSearchParams(params).toString(),
  };
}

/** Vonage `sig` with the md5hash method: MD5 of the sorted `&key=value` string plus the secret. */
export function vonageSigned(params: Record<string, string>, secret: string): Record<string, string> {
  const base = Object.keys(params)
    .sort()
    .map((key) => `&${key}=${String(params[key]).replace(/[&=]/g, '_')}`)
    .join('');
  return { ...params, sig: createHash('md5').update(base + secret).digest('hex') };
}

export function vonageGet(path: string, params: Record<string, string>, secret: string): SignedWebhook {
  return { method: 'GET', path: `${path}?${new URLSearchParams(vonageSigned(params, secret)).toString()}`, headers: {} };
}

export function plivoV3(publicBaseUrl: string, path: string, params: FormParams, authToken: string, nonce = '12345678901234567890'): SignedWebhook {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const base = `${publicBaseUrl}${path}?${sorted.map(([key, value]) => `${key}${value}`).join('')}`;
  const signature = createHmac('sha256', authToken).update(`${base}.${nonce}`).digest('base64');
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-plivo-signature-v3': signature, 'x-plivo-signature-v3-nonce': nonce },
    body: new URLSearchParams(params).toString(),
  };
}

export function sinchSigned(path: string, payload: unknown, secret: string, now = new Date()): SignedWebhook {
  const body = JSON.stringify(payload);
  const nonce = createHash('sha1').update(body).digest('hex').slice(0, 16);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signature = createHmac('sha256', secret).update(`${body}.${nonce}.${timestamp}`).digest('base64');
  return {
    method: 'POST',
    path,
    body,
    headers: {
      'content-type': 'application/json',
      'x-sinch-webhook-signature': signature,
      'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
      'x-sinch-webhook-signature-nonce': nonce,
      'x-sinch-webhook-signature-timestamp': timestamp,
    },
  };
}

export interface TelnyxKeys {
  publicKeyBase64: string;
  sign(data: Buffer): string;
}

export function telnyxKeys(): TelnyxKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { publicKeyBase64: raw.toString('base64'), sign: (data) => signEd25519(null, data, privateKey).toString('base64') };
}

export function telnyxSigned(path: string, payload: unknown, keys: TelnyxKeys, now = new Date()): SignedWebhook {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    method: 'POST',
    path,
    body,
    headers: { 'content-type': 'application/json', 'telnyx-timestamp': timestamp, 'telnyx-signature-ed25519': keys.sign(Buffer.from(`${timestamp}|${body}`)) },
  };
}

export function basicAuthJson(path: string, payload: unknown, username: string, password: string): SignedWebhook {
  return {
    method: 'POST',
    path,
    body: JSON.stringify(payload),
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
  };
}

export function genericSigned(path: string, payload: unknown, secret: string, now = new Date()): SignedWebhook {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { method: 'POST', path, body, headers: { 'content-type': 'application/json', 'x-backtalk-signature': `t=${timestamp},v1=${signature}` } };
}
