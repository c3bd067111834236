import { type KeyObject, sign } from 'node:crypto';
import { digest, hmac } from './internal/crypto';

// Webhook signatures computed the way each provider computes them, for whatever plays a provider towards Backtalk:
// the carrier simulator and the integration tests. The adapters check signatures against the providers' official
// vectors, and signing.spec.ts proves every signer here passes those same checks, so a signer cannot drift from
// its verifier unnoticed. Backtalk's own format is signed by `signGenericWebhook` beside its adapter.

/** Decoded form parameters in the order they are sent; a key may repeat. */
export type FormParams = ReadonlyArray<readonly [string, string]>;

/**
 * `X-Twilio-Signature`: base64 HMAC-SHA1 of the full URL followed by every key and value, keys in code-unit order.
 * A repeated key contributes each of its distinct values once, sorted (twilio-node src/webhooks/webhooks.ts).
 */
export function twilioSignature(url: string, params: FormParams, authToken: string): string {
  const valuesByKey = new Map<string, Set<string>>();
  for (const [key, value] of params) valuesByKey.set(key, (valuesByKey.get(key) ?? new Set()).add(value));
  let signed = url;
  for (const key of [...valuesByKey.keys()].sort()) {
    for (const value of [...(valuesByKey.get(key) ?? [])].sort()) signed += key + value;
  }
  return hmac('sha1', authToken, signed, 'base64');
}

/**
 * Vonage SMS API `sig` with the dashboard's default method, md5hash: MD5 of the `&key=value` pairs in JavaScript's
 * default sort order (`&` and `=` inside values replaced by `_`) followed by the signature secret. `params` must
 * not contain `sig` itself.
 */
export function vonageSignature(params: Readonly<Record<string, string>>, signatureSecret: string): string {
  const base = Object.keys(params)
    .sort()
    .map((key) => `&${key}=${String(params[key]).replace(/[&=]/g, '_')}`)
    .join('');
  return digest('md5', base + signatureSecret);
}

/**
 * `X-Plivo-Signature-V2`, what Plivo signs SMS callbacks with: base64 HMAC-SHA256 of the URL without its query string
 * or fragment, followed by the nonce. `X-Plivo-Signature-Ma-V2` is the same made with the main account's token.
 */
export function plivoV2Signature(url: string, authToken: string, nonce: string): string {
  const base = url.replace(/[?#].*$/s, '');
  return hmac('sha256', authToken, `${base}${nonce}`, 'base64');
}

/** `X-Plivo-Signature-V3`: base64 HMAC-SHA256 of the URL, `?`, the sorted keys each followed by its value, `.` and the nonce. */
export function plivoV3Signature(url: string, params: FormParams, authToken: string, nonce: string): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const base = `${url}?${sorted.map(([key, value]) => `${key}${value}`).join('')}`;
  return hmac('sha256', authToken, `${base}.${nonce}`, 'base64');
}

/** `x-sinch-webhook-signature`: base64 HMAC-SHA256 of `body.nonce.timestamp` (timestamp in Unix seconds). */
export function sinchSignature(rawBody: string, signatureSecret: string, nonce: string, unixSeconds: number): string {
  return hmac('sha256', signatureSecret, `${rawBody}.${nonce}.${unixSeconds}`, 'base64');
}

/** `telnyx-signature-ed25519`: base64 Ed25519 signature of `timestamp|body` with the account's private key. */
export function telnyxSignature(privateKey: KeyObject, rawBody: string, unixSeconds: number): string {
  return sign(null, Buffer.from(`${unixSeconds}|${rawBody}`, 'utf8'), privateKey).toString('base64');
}
