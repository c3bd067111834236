import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  basicAuthHeader,
  type FormParams,
  plivoV2Signature,
  plivoV3Signature,
  signGenericWebhook,
  sinchSignature,
  telnyxSignature,
  twilioSignature,
  vonageSignature,
} from '@backtalk/carriers';

/**
 * Builds webhook requests the way each provider sends them. The signatures come from `@backtalk/carriers`, whose
 * specs prove them against the adapters' checks (pinned to the providers' official vectors); this file only
 * shapes requests for the in-process test app.
 */
export interface SignedWebhook {
  method: 'GET' | 'POST';
  /** Path and query, relative to the API. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

// Re-exported for the fixtures and the ingest benchmark, which build Twilio requests of their own.
export type { FormParams };
export { twilioSignature };

function formEncoded(params: FormParams): string {
  return new URLSearchParams(params.map(([key, value]) => [key, value])).toString();
}

export function twilioForm(publicBaseUrl: string, path: string, params: FormParams, authToken: string): SignedWebhook {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(`${publicBaseUrl}${path}`, params, authToken) },
    body: formEncoded(params),
  };
}

/** The parameters with Vonage's `sig` added (md5hash method). */
export function vonageSigned(params: Record<string, string>, secret: string): Record<string, string> {
  return { ...params, sig: vonageSignature(params, secret) };
}

export function vonageGet(path: string, params: Record<string, string>, secret: string): SignedWebhook {
  return { method: 'GET', path: `${path}?${new URLSearchParams(vonageSigned(params, secret)).toString()}`, headers: {} };
}

/**
 * An SMS callback as Plivo sends one: form POST signed with V2 under both headers (the channel's token standing for the
 * (sub)account's and the main account's alike).
 */
export function plivoV2(publicBaseUrl: string, path: string, params: FormParams, authToken: string, nonce = '05429567804466091622'): SignedWebhook {
  const signature = plivoV2Signature(`${publicBaseUrl}${path}`, authToken, nonce);
  return {
    method: 'POST',
    path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-plivo-signature-v2': signature,
      'x-plivo-signature-ma-v2': signature,
      'x-plivo-signature-v2-nonce': nonce,
    },
    body: formEncoded(params),
  };
}

/** Plivo's voice-style V3 signature, which also covers the parameters; Plivo does not use it for SMS. */
export function plivoV3(publicBaseUrl: string, path: string, params: FormParams, authToken: string, nonce = '12345678901234567890'): SignedWebhook {
  const signature = plivoV3Signature(`${publicBaseUrl}${path}`, params, authToken, nonce);
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-plivo-signature-v3': signature, 'x-plivo-signature-v3-nonce': nonce },
    body: formEncoded(params),
  };
}

export function sinchSigned(path: string, payload: unknown, secret: string, now = new Date()): SignedWebhook {
  const body = JSON.stringify(payload);
  const nonce = createHash('sha1').update(body).digest('hex').slice(0, 16);
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    method: 'POST',
    path,
    body,
    headers: {
      'content-type': 'application/json',
      'x-sinch-webhook-signature': sinchSignature(body, secret, nonce, timestamp),
      'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
      'x-sinch-webhook-signature-nonce': nonce,
      'x-sinch-webhook-signature-timestamp': String(timestamp),
    },
  };
}

export interface TelnyxKeys {
  /** As the Telnyx portal shows it: base64 of the 32 raw Ed25519 bytes. */
  publicKeyBase64: string;
  privateKey: KeyObject;
}

export function telnyxKeys(): TelnyxKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { publicKeyBase64: raw.toString('base64'), privateKey };
}

export function telnyxSigned(path: string, payload: unknown, keys: TelnyxKeys, now = new Date()): SignedWebhook {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    method: 'POST',
    path,
    body,
    headers: { 'content-type': 'application/json', 'telnyx-timestamp': String(timestamp), 'telnyx-signature-ed25519': telnyxSignature(keys.privateKey, body, timestamp) },
  };
}

export function basicAuthJson(path: string, payload: unknown, username: string, password: string): SignedWebhook {
  return {
    method: 'POST',
    path,
    body: JSON.stringify(payload),
    headers: { 'content-type': 'application/json', authorization: basicAuthHeader(username, password) },
  };
}

export function genericSigned(path: string, payload: unknown, secret: string, now = new Date()): SignedWebhook {
  const body = JSON.stringify(payload);
  const signature = signGenericWebhook(secret, body, Math.floor(now.getTime() / 1000));
  return { method: 'POST', path, body, headers: { 'content-type': 'application/json', 'x-backtalk-signature': signature } };
}
