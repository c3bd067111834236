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
import { constantTimeEqual, digest, hmac } from '../internal/crypto';
import { type ErrorTable, lookupError } from '../internal/errors';
import { type Params, firstParam, formParams, parseForm, queryOf, requireParam } from '../internal/params';
import { toInteger } from '../internal/json';

const PROVIDER = 'Twilio';

/**
 * `X-Twilio-Signature` = base64(HMAC-SHA1(authToken, url + each sorted key followed by its value)).
 * Mirrors twilio-node src/webhooks/webhooks.ts validateRequest: Twilio's back end is inconsistent about default
 * ports and query encoding, so several spellings of the same URL are tried.
 */
function verifyTwilio(request: WebhookRequest, secrets: ChannelSecrets): Verification {
  const signature = request.headers['x-twilio-signature'];
  if (!signature) return { ok: false, reason: 'missing X-Twilio-Signature header' };
  if (!secrets.authToken) return { ok: false, reason: 'no Twilio auth token configured for this channel' };

  // A JSON body is not signed directly: its SHA-256 travels in the signed URL instead (bodySHA256).
  const bodyHash = request.url.includes('?') ? parseForm(queryOf(request.url)).get('bodySHA256')?.[0] : undefined;
  const params: Params = bodyHash !== undefined || request.method === 'GET' ? new Map() : formParams(request);
  const payload = signedParams(params);
  const authToken = secrets.authToken;
  const signs = (url: string) => constantTimeEqual(signature, hmac('sha1', authToken, url + payload, 'base64'));
  // The URL as configured almost always matches; the other spellings are only worked out when it does not.
  if (!signs(request.url)) {
    let candidates: string[];
    try {
      candidates = signedUrlCandidates(request.url);
    } catch {
      return { ok: false, reason: 'webhook URL is not an absolute URL' };
    }
    if (!candidates.some(signs)) return { ok: false, reason: 'X-Twilio-Signature does not match' };
  }

  if (bodyHash !== undefined && !constantTimeEqual(bodyHash.toLowerCase(), digest('sha256', request.rawBody))) {
    return { ok: false, reason: 'body does not match the bodySHA256 in the signed URL' };
  }
  return { ok: true };
}

/** Keys in code-unit order; a repeated key contributes each distinct value once, sorted; empty values count. */
function signedParams(params: Params): string {
  let payload = '';
  for (const key of [...params.keys()].sort()) {
    for (const value of [...new Set(params.get(key))].sort()) payload += key + value;
  }
  return payload;
}

function signedUrlCandidates(url: string): string[] {
  const parsed = new URL(url);
  const withoutPort = new URL(parsed.href);
  withoutPort.port = '';
  const withPort = withDefaultPort(parsed);
  return [...new Set([url, withoutPort.href, withPort, withLegacyQuery(withoutPort.href), withLegacyQuery(withPort)])];
}

/** WHATWG URL drops a default port, so `:443`/`:80` has to be written back by hand. */
function withDefaultPort(parsed: URL): string {
  if (parsed.port) return parsed.href;
  const port = parsed.protocol === 'https:' ? ':443' : ':80';
  const credentials = parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
  return `${parsed.protocol}//${credentials}${parsed.host}${port}${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/**
 * The query as Node's legacy `querystring.stringify` re-encoded it (twilio-node withLegacyQuerystring):
 * `encodeURIComponent` escapes the same set of characters.
 */
function withLegacyQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const end = url.indexOf('#', start);
  const query = [...new URLSearchParams(url.slice(start, end === -1 ? undefined : end))]
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}

const STATUS: Readonly<Record<string, DeliveryStatus>> = {
  queued: DeliveryStatus.Sending,
  accepted: DeliveryStatus.Sending,
  scheduled: DeliveryStatus.Sending,
  sending: DeliveryStatus.Sending,
  sent: DeliveryStatus.Sent,
  // Group MMS where some recipients got it: neither a delivery nor a failure for the conversation.
  partially_delivered: DeliveryStatus.Sent,
  delivered: DeliveryStatus.Delivered,
  read: DeliveryStatus.Delivered,
  undelivered: DeliveryStatus.Undelivered,
  failed: DeliveryStatus.Failed,
  canceled: DeliveryStatus.Failed,
};

const INBOUND_STATUSES = new Set(['received', 'receiving']);

const OPT_OUT_TYPES: Readonly<Record<string, InboundSms['optOutHint']>> = {
  STOP: 'optout',
  START: 'optin',
  HELP: 'help',
};

function parseTwilio(request: WebhookRequest): WebhookEvents {
  const params = formParams(request);
  const status = firstParam(params, 'MessageStatus') ?? firstParam(params, 'SmsStatus');

  if (status !== undefined && !INBOUND_STATUSES.has(status)) {
    // A status Twilio adds later is skipped rather than refused: a 400 would only fill Twilio's debugger.
    const known = STATUS[status];
    return { inbound: [], deliveryReports: known ? [deliveryReport(params, status, known)] : [] };
  }
  return { inbound: [inboundSms(params)], deliveryReports: [] };
}

function inboundSms(params: Params): InboundSms {
  const media: InboundSms['media'] = [];
  const count = toInteger(firstParam(params, 'NumMedia')) ?? 0;
  for (let index = 0; index < count; index++) {
    const url = firstParam(params, `MediaUrl${index}`);
    if (url) media.push({ url, contentType: firstParam(params, `MediaContentType${index}`) || null });
  }
  const optOutType = firstParam(params, 'OptOutType')?.toUpperCase();
  const optOutHint = optOutType ? OPT_OUT_TYPES[optOutType] : undefined;

  return {
    providerMessageId: firstParam(params, 'MessageSid') ?? requireParam(params, 'SmsMessageSid', PROVIDER),
    from: requireParam(params, 'From', PROVIDER),
    to: requireParam(params, 'To', PROVIDER),
    text: firstParam(params, 'Body') ?? '',
    media,
    segments: toInteger(firstParam(params, 'NumSegments')),
    // Twilio sends no event time with messaging webhooks.
    providerTimestamp: null,
    ...(optOutHint ? { optOutHint } : {}),
  };
}

function deliveryReport(params: Params, providerStatus: string, status: DeliveryStatus): DeliveryReport {
  const errorCode = firstParam(params, 'ErrorCode');
  return {
    providerMessageId: firstParam(params, 'MessageSid') ?? requireParam(params, 'SmsSid', PROVIDER),
    status,
    providerStatus,
    error: errorCode && errorCode !== '0' ? mapTwilioError(errorCode) : null,
    occurredAt: null,
  };
}

/** Error descriptions from twilio.com/docs/api/errors, reworded for agents. */
const ERRORS: ErrorTable = {
  '20003': ['Twilio rejected the account credentials; check the Account SID and auth token.', ErrorCategory.Authentication, true],
  '20429': ['Twilio is rate limiting requests from this account; the message can be retried later.', ErrorCategory.RateLimited, false],
  '429': ['Twilio is rate limiting requests from this account; the message can be retried later.', ErrorCategory.RateLimited, false],
  '21211': ['The recipient number is not a valid phone number.', ErrorCategory.InvalidNumber, true],
  '21408': ['Sending SMS to this country or region is not enabled on the Twilio account (Geo Permissions).', ErrorCategory.Rejected, true],
  '21610': ['The customer replied STOP and has opted out of messages from this number; they must text START to receive messages again.', ErrorCategory.OptedOut, true],
  '21611': ['The sender\'s outgoing queue is full; the message can be retried later.', ErrorCategory.RateLimited, false],
  '21612': ['Twilio cannot route a message between this sender and this recipient (unsupported number combination or country).', ErrorCategory.Rejected, true],
  '21614': ['The recipient number is not a mobile number that can receive SMS (it may be a landline).', ErrorCategory.InvalidNumber, true],
  '30001': ['The sender\'s queue overflowed because too many messages were sent at once; retry later.', ErrorCategory.RateLimited, false],
  '30002': ['The Twilio account is suspended.', ErrorCategory.Rejected, true],
  '30003': ['The customer\'s phone is switched off or out of coverage; try again later.', ErrorCategory.Unreachable, false],
  '30004': ['The message was blocked: the recipient or their carrier blocks texts from this number.', ErrorCategory.Blocked, true],
  '30005': ['The number does not exist or is no longer in service.', ErrorCategory.InvalidNumber, true],
  '30006': ['The number is a landline or its carrier cannot receive SMS.', ErrorCategory.Landline, true],
  '30007': ['The recipient\'s carrier filtered the message as spam; rewording or registering the sender may help.', ErrorCategory.CarrierFiltered, true],
  '30008': ['The carrier reported an unknown delivery error; retrying may work.', ErrorCategory.Unknown, false],
  '30032': ['The toll-free sender is not verified, so carriers block its messages.', ErrorCategory.Blocked, true],
  '30034': ['The sender number is not registered for A2P 10DLC, so US carriers block its messages.', ErrorCategory.Blocked, true],
};

function mapTwilioError(code: string): ProviderError {
  return lookupError(ERRORS, code, PROVIDER);
}

export const twilioAdapter: CarrierAdapter = {
  kind: Provider.Twilio,
  verify: (request, secrets) => verifyTwilio(request, secrets),
  parse: parseTwilio,
  mapError: mapTwilioError,
  // Messaging webhooks are form POSTs (or GETs); Twilio's JSON bodies with bodySHA256 belong to other products, and parse reads forms only.
  contentTypes: ['application/x-www-form-urlencoded'],
  // An empty TwiML document: Twilio sends no auto-reply and logs no 12xxx error.
  acknowledgement: () => ({ status: 200, contentType: 'text/xml', body: '<Response/>' }),
};
