import { Provider } from '@backtalk/contracts';
import {
  type CarrierAdapter,
  type ChannelSecrets,
  type DeliveryReport,
  DeliveryStatus,
  ErrorCategory,
  type InboundSms,
  type ProviderError,
  type Verification,
  type WebhookEvents,
  type WebhookRequest,
} from '../carrier-adapter';
import { constantTimeEqual, hmac } from '../internal/crypto';
import { type ErrorTable, lookupError } from '../internal/errors';
import { toInteger } from '../internal/json';
import { type Params, firstParam, formParams, isJsonBody, parseForm, requireParam } from '../internal/params';
import { parseTimestamp } from '../internal/time';

const PROVIDER = 'Plivo';

/**
 * Plivo signs messaging callbacks (inbound SMS, status callbacks) with V2 and voice callbacks with V3
 * (plivo.com/docs/messaging/concepts/signature-validation); both are accepted, whichever the request carries.
 */
function verifyPlivo(request: WebhookRequest, secrets: ChannelSecrets): Verification {
  const v3 = request.headers['x-plivo-signature-v3'];
  const v2 = request.headers['x-plivo-signature-v2'];
  const v2MainAccount = request.headers['x-plivo-signature-ma-v2'];
  if (!v3 && !v2 && !v2MainAccount) return { ok: false, reason: 'missing X-Plivo-Signature-V2 or X-Plivo-Signature-V3 header' };
  if (!secrets.authToken) return { ok: false, reason: 'no Plivo auth token configured for this channel' };
  const url = splitUrl(request.url);
  if (!url) return { ok: false, reason: 'webhook URL is not an absolute URL' };

  let verdict: Verification = { ok: false, reason: 'X-Plivo-Signature-V2 does not match' };
  if (v3) verdict = verifyV3(request, url, v3, secrets.authToken);
  if (!verdict.ok && (v2 || v2MainAccount)) verdict = verifyV2(request, url.base, [v2, v2MainAccount], secrets.authToken);
  return verdict;
}

/**
 * Signature V2 (plivo-node lib/utils/security.js validateSignature, plivo-go ComputeSignatureV2): base64 HMAC-SHA256
 * of `scheme://host[:port]path` without the query string, followed by the nonce. It covers no parameter, only the URL
 * and nonce, so it proves who sent the request but not what it says; it is still all Plivo signs SMS with.
 * `X-Plivo-Signature-V2` is made with the (sub)account's token, `-Ma-V2` with the main account's: the channel holds one
 * of the two, so either header may be the one that matches.
 */
function verifyV2(request: WebhookRequest, base: string, headers: Array<string | undefined>, authToken: string): Verification {
  const nonce = request.headers['x-plivo-signature-v2-nonce'];
  if (!nonce) return { ok: false, reason: 'missing X-Plivo-Signature-V2-Nonce header' };
  const expected = hmac('sha256', authToken, `${base}${nonce}`, 'base64');
  const received = headers.flatMap((header) => (header ? header.split(',').map((signature) => signature.trim()) : []));
  return received.some((signature) => constantTimeEqual(signature, expected)) ? { ok: true } : { ok: false, reason: 'X-Plivo-Signature-V2 does not match' };
}

/**
 * Signature V3 (plivo-node lib/utils/v3Security.js, plivo-go utils.go): HMAC-SHA256 over the URL rebuilt as
 * `scheme://host[:port]path`, then for GET `?k=v&…` of query and parameters sorted together, for POST
 * `?k=v&…` of the sorted query, a `.`, and the sorted POST parameters concatenated as `kv`; then `.nonce`.
 * Values are not re-encoded.
 */
function verifyV3(request: WebhookRequest, url: { base: string; query: string }, header: string, authToken: string): Verification {
  const nonce = request.headers['x-plivo-signature-v3-nonce'];
  if (!nonce) return { ok: false, reason: 'missing X-Plivo-Signature-V3-Nonce header' };
  const params: Params = request.method === 'POST' && !isJsonBody(request) ? formParams(request) : new Map();

  // plivo-node decodes the query before signing and plivo-go does not; either may match what Plivo signed.
  const queries = [parseForm(url.query), rawQuery(url.query)];
  const expected = queries.map((query) => hmac('sha256', authToken, `${signedUrl(url.base, query, params, request.method)}.${nonce}`, 'base64'));
  // One signature per active auth token, comma-separated, while Plivo rotates tokens.
  const received = header.split(',').map((signature) => signature.trim());
  const matches = received.some((signature) => expected.some((candidate) => constantTimeEqual(signature, candidate)));
  return matches ? { ok: true } : { ok: false, reason: 'X-Plivo-Signature-V3 does not match' };
}

/**
 * Splits the URL by hand: WHATWG `URL` would drop an explicit `:443` and normalise the path, but the SDKs sign the
 * authority and path exactly as configured.
 */
function splitUrl(url: string): { base: string; query: string } | null {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?/i.exec(url);
  if (!match) return null;
  const [, scheme, authority, path, query = ''] = match;
  return { base: `${scheme}://${authority}${path}`, query };
}

/** plivo-go reads the query without decoding it; like Go, pairs that are not exactly `k=v` are ignored. */
function rawQuery(query: string): Params {
  const params = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    const parts = pair.split('=');
    if (parts.length === 2) params.set(parts[0], [parts[1]]);
  }
  return params;
}

function signedUrl(base: string, query: Params, params: Params, method: 'GET' | 'POST'): string {
  if (method === 'GET') {
    const merged = new Map<string, string[]>();
    for (const source of [query, params]) {
      for (const [key, values] of source) merged.set(key, [...(merged.get(key) ?? []), ...values]);
    }
    const pairs = sortedPairs(merged).map(([key, value]) => `${key}=${value}`);
    return pairs.length > 0 ? `${base}?${pairs.join('&')}` : base;
  }
  const queryString = sortedPairs(query).map(([key, value]) => `${key}=${value}`).join('&');
  const paramString = sortedPairs(params).map(([key, value]) => key + value).join('');
  if (queryString === '' && paramString === '') return base;
  if (queryString === '') return `${base}?${paramString}`;
  return paramString === '' ? `${base}?${queryString}` : `${base}?${queryString}.${paramString}`;
}

function sortedPairs(params: Params): Array<[string, string]> {
  return [...params.keys()].sort().flatMap((key) => [...(params.get(key) ?? [])].sort().map((value): [string, string] => [key, value]));
}

const STATUS: Readonly<Record<string, DeliveryStatus>> = {
  queued: DeliveryStatus.Sending,
  sent: DeliveryStatus.Sent,
  delivered: DeliveryStatus.Delivered,
  read: DeliveryStatus.Delivered,
  undelivered: DeliveryStatus.Undelivered,
  failed: DeliveryStatus.Failed,
  rejected: DeliveryStatus.Failed,
};

const INTENTS: Readonly<Record<string, InboundSms['optOutHint']>> = { optout: 'optout', optin: 'optin', help: 'help' };

function parsePlivo(request: WebhookRequest): WebhookEvents {
  const params = formParams(request);
  // Status callbacks carry `Status`; inbound messages never do.
  const status = firstParam(params, 'Status') ?? firstParam(params, 'status');
  if (status !== undefined) {
    const mapped = STATUS[status.toLowerCase()];
    return { inbound: [], deliveryReports: mapped ? [deliveryReport(params, status, mapped)] : [] };
  }
  return { inbound: [inboundSms(params)], deliveryReports: [] };
}

function inboundSms(params: Params): InboundSms {
  const intent = firstParam(params, 'MessageIntent')?.toLowerCase();
  const optOutHint = intent ? INTENTS[intent] : undefined;
  const media = [...params.keys()]
    .flatMap((key) => {
      const index = /^Media(\d+)$/.exec(key)?.[1];
      const url = firstParam(params, key);
      return index !== undefined && url ? [{ index: Number(index), url }] : [];
    })
    .sort((a, b) => a.index - b.index)
    .map(({ url }) => ({ url, contentType: null }));

  return {
    providerMessageId: requireParam(params, 'MessageUUID', PROVIDER),
    from: requireParam(params, 'From', PROVIDER),
    to: requireParam(params, 'To', PROVIDER),
    // SMS carries `Text`; MMS and WhatsApp carry `Body`.
    text: firstParam(params, 'Text') ?? firstParam(params, 'Body') ?? '',
    media,
    segments: toInteger(firstParam(params, 'Units')),
    providerTimestamp: parseTimestamp(firstParam(params, 'MessageTime')),
    ...(optOutHint ? { optOutHint } : {}),
  };
}

const NO_ERROR = new Set(['', '0', '000']);

function deliveryReport(params: Params, providerStatus: string, status: DeliveryStatus): DeliveryReport {
  const errorCode = firstParam(params, 'ErrorCode') ?? '';
  return {
    // ParentMessageUUID is "reserved" and equal to MessageUUID in Plivo's docs; it is only a fallback.
    providerMessageId: firstParam(params, 'MessageUUID') || requireParam(params, 'ParentMessageUUID', PROVIDER),
    status,
    providerStatus,
    error: NO_ERROR.has(errorCode) ? null : mapPlivoError(errorCode),
    occurredAt: parseTimestamp(
      firstParam(params, 'DeliveryReportTime') ?? firstParam(params, 'SentTime') ?? firstParam(params, 'QueuedTime') ?? firstParam(params, 'MessageTime'),
    ),
  };
}

/** plivo.com/docs/messaging/troubleshooting/error-codes */
const ERRORS: ErrorTable = {
  '10': ['A downstream carrier rejected the message as invalid.', ErrorCategory.Rejected, true],
  '20': ['The carrier had a network problem; retrying later may work.', ErrorCategory.ProviderError, false],
  '30': ['A carrier spam filter blocked the message.', ErrorCategory.CarrierFiltered, true],
  '40': ['The sending number is invalid, not SMS-enabled or not on this Plivo account.', ErrorCategory.Rejected, true],
  '50': ['The recipient number is invalid.', ErrorCategory.InvalidNumber, true],
  '60': ['Plivo stopped a message loop between the same numbers.', ErrorCategory.Rejected, true],
  '70': ['The number is permanently unavailable (disconnected or not a mobile).', ErrorCategory.InvalidNumber, true],
  '80': ['The customer\'s phone is temporarily unavailable; try again later.', ErrorCategory.Unreachable, false],
  '90': ['Plivo has no route to this destination.', ErrorCategory.Rejected, true],
  '100': ['The carrier prohibits this message.', ErrorCategory.Blocked, true],
  '110': ['The message is too long for the carrier.', ErrorCategory.Rejected, true],
  '200': ['The customer replied STOP to this number and has opted out.', ErrorCategory.OptedOut, true],
  '300': ['Plivo could not dispatch the message; retrying later may work.', ErrorCategory.ProviderError, false],
  '420': ['The message expired before it could be delivered.', ErrorCategory.Expired, false],
  '900': ['The Plivo account has too little credit to send.', ErrorCategory.Rejected, true],
  '910': ['The Plivo account is disabled.', ErrorCategory.Rejected, true],
  '1000': ['Plivo reported an unknown error.', ErrorCategory.Unknown, false],
};

function mapPlivoError(code: string): ProviderError {
  return lookupError(ERRORS, code, PROVIDER);
}

export const plivoAdapter: CarrierAdapter = {
  kind: Provider.Plivo,
  verify: (request, secrets) => verifyPlivo(request, secrets),
  parse: parsePlivo,
  mapError: mapPlivoError,
  // Plivo POSTs callbacks as a form (or GETs them, which carry no body).
  contentTypes: ['application/x-www-form-urlencoded'],
  // An empty Message XML document: no auto-reply.
  acknowledgement: () => ({ status: 200, contentType: 'application/xml', body: '<Response></Response>' }),
};
