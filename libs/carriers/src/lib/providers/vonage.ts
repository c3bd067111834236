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
  type VonageSignatureMethod,
  type WebhookEvents,
  type WebhookRequest,
  WebhookParseError,
} from '../carrier-adapter';
import { constantTimeEqual, digest, hmac } from '../internal/crypto';
import { type ErrorTable, PLAIN_OK, lookupError } from '../internal/errors';
import { isJsonObject, parseJsonBody, toInteger } from '../internal/json';
import { formParams, isJsonBody } from '../internal/params';
import { parseSmppDate, parseTimestamp, staleTimestampReason } from '../internal/time';

const PROVIDER = 'Vonage';

/**
 * Vonage SMS API webhooks arrive as a GET query, a POST form or a POST JSON object depending on the dashboard's
 * "HTTP method" setting; all three are flat key → string maps.
 */
function vonageParams(request: WebhookRequest): Record<string, string> {
  if (request.method === 'POST' && isJsonBody(request)) {
    const body = parseJsonBody(request, PROVIDER);
    if (!isJsonObject(body)) throw new WebhookParseError('Vonage webhook body is not a JSON object');
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') flat[key] = String(value);
    }
    return flat;
  }
  const flat: Record<string, string> = {};
  for (const [key, values] of formParams(request)) flat[key] = values[0];
  return flat;
}

/**
 * The `sig` parameter, as vonage-node-sdk packages/sms/lib/sms.ts verifySignature computes it: every other
 * parameter sorted by key (JavaScript's default sort), joined as `&key=value` with `&` and `=` inside values
 * replaced by `_`; then MD5(string + secret) for `md5hash`, or a hex HMAC keyed with the secret otherwise.
 */
function vonageSignature(params: Record<string, string>, secret: string, method: VonageSignatureMethod): string {
  let signed = '';
  for (const key of Object.keys(params).sort()) {
    if (key !== 'sig') signed += `&${key}=${params[key].replace(/[&=]/g, '_')}`;
  }
  return method === 'md5hash' ? digest('md5', signed + secret) : hmac(method, secret, signed, 'hex');
}

function verifyVonage(request: WebhookRequest, secrets: ChannelSecrets, now: Date): Verification {
  if (!secrets.signatureSecret) {
    return { ok: false, reason: 'no Vonage signature secret configured: enable signed webhooks in the Vonage dashboard' };
  }
  let params: Record<string, string>;
  try {
    params = vonageParams(request);
  } catch {
    return { ok: false, reason: 'body could not be read to check the signature' };
  }
  const received = params['sig'];
  if (!received) return { ok: false, reason: 'missing sig parameter' };

  const expected = vonageSignature(params, secrets.signatureSecret, secrets.signatureMethod ?? 'md5hash');
  // The SDK compares case-insensitively: Vonage has sent both upper- and lower-case hex.
  if (!constantTimeEqual(received.toLowerCase(), expected)) return { ok: false, reason: 'sig does not match' };

  // The timestamp is inside the signed set, so once the signature holds it can be trusted to reject replays.
  const stale = staleTimestampReason(params['timestamp'], now);
  return stale === null ? { ok: true } : { ok: false, reason: stale };
}

/** Delivery receipt status → our status. One receipt arrives per part of a multipart message. */
const STATUS: Readonly<Record<string, DeliveryStatus>> = {
  accepted: DeliveryStatus.Sent,
  buffered: DeliveryStatus.Sent,
  delivered: DeliveryStatus.Delivered,
  expired: DeliveryStatus.Undelivered,
  failed: DeliveryStatus.Undelivered,
  unknown: DeliveryStatus.Undelivered,
  rejected: DeliveryStatus.Failed,
};

function parseVonage(request: WebhookRequest): WebhookEvents {
  const params = vonageParams(request);
  // Inbound messages carry `text`/`type`; receipts carry `status` and `err-code`.
  if (params['status'] !== undefined && params['err-code'] !== undefined) {
    const report = deliveryReport(params);
    return { inbound: [], deliveryReports: report ? [report] : [] };
  }
  return { inbound: [inboundSms(params)], deliveryReports: [] };
}

function required(params: Record<string, string>, key: string): string {
  const value = params[key];
  if (value === undefined || value === '') throw new WebhookParseError(`Vonage webhook is missing the "${key}" parameter`);
  return value;
}

function inboundSms(params: Record<string, string>): InboundSms {
  const sms: InboundSms = {
    providerMessageId: required(params, 'messageId'),
    from: required(params, 'msisdn'),
    to: required(params, 'to'),
    // Binary messages carry `data` + `udh` and no text; there is nothing an agent could read in them.
    text: params['text'] ?? '',
    media: [],
    segments: null,
    providerTimestamp: parseTimestamp(params['message-timestamp']),
  };
  if (params['concat'] === 'true') {
    const part = toInteger(params['concat-part']);
    const total = toInteger(params['concat-total']);
    const reference = params['concat-ref'];
    if (part === null || total === null || !reference) {
      throw new WebhookParseError('Vonage concatenated message part lacks concat-ref, concat-part or concat-total');
    }
    sms.concat = { reference, part, total };
    sms.segments = total;
  }
  return sms;
}

/** Null for a status Vonage may add later: skipped, not refused, so Vonage does not resend it for a day. */
function deliveryReport(params: Record<string, string>): DeliveryReport | null {
  const providerStatus = required(params, 'status');
  const status = STATUS[providerStatus];
  if (status === undefined) return null;

  const errorCode = params['err-code'];
  const hasError = errorCode !== undefined && errorCode !== '' && errorCode !== '0';
  let error: ProviderError | null = hasError ? mapVonageError(errorCode) : null;
  if (providerStatus === 'expired') {
    error = {
      code: hasError ? errorCode : 'expired',
      reason: 'The message expired before the carrier could deliver it.',
      category: ErrorCategory.Expired,
      permanent: false,
    };
  }
  return {
    providerMessageId: required(params, 'messageId'),
    status,
    providerStatus,
    error,
    occurredAt: parseSmppDate(params['scts']) ?? parseTimestamp(params['message-timestamp']),
  };
}

/** DLR `err-code` values (api.support.vonage.com, "Vonage SMS Delivery Error Codes"). */
const ERRORS: ErrorTable = {
  '1': ['The message was not delivered and the carrier gave no reason.', ErrorCategory.Unknown, false],
  '2': ['The customer\'s phone is switched off or out of coverage; try again later.', ErrorCategory.Unreachable, false],
  '3': ['The number is no longer active.', ErrorCategory.InvalidNumber, true],
  '4': ['The customer has barred incoming messages with their carrier.', ErrorCategory.Blocked, true],
  '5': ['A number portability problem stopped delivery; the carrier has to fix it.', ErrorCategory.ProviderError, false],
  '6': ['The carrier\'s anti-spam filter rejected the message.', ErrorCategory.CarrierFiltered, true],
  '7': ['The customer\'s phone was busy; try again later.', ErrorCategory.Unreachable, false],
  '8': ['A network error stopped delivery; try again later.', ErrorCategory.ProviderError, false],
  '9': ['The customer has asked not to receive messages from this service.', ErrorCategory.OptedOut, true],
  '10': ['The carrier rejected the message content or encoding.', ErrorCategory.Rejected, true],
  '11': ['Vonage has no route to deliver to this number.', ErrorCategory.Rejected, true],
  '12': ['No route to the number could be found; check the number.', ErrorCategory.Unreachable, true],
  '13': ['The customer cannot receive this message because of an age restriction.', ErrorCategory.Blocked, true],
  '14': ['The customer\'s carrier blocks this kind of message for their number.', ErrorCategory.Blocked, true],
  '15': ['The customer\'s pre-paid account has too little credit to receive the message.', ErrorCategory.Blocked, false],
  '99': ['Vonage reported a general delivery error; try again later.', ErrorCategory.ProviderError, false],
};

function mapVonageError(code: string): ProviderError {
  return lookupError(ERRORS, code, PROVIDER);
}

export const vonageAdapter: CarrierAdapter = {
  kind: Provider.Vonage,
  verify: verifyVonage,
  parse: parseVonage,
  mapError: mapVonageError,
  // The dashboard's "HTTP method" picks GET, POST (form) or POST-JSON.
  contentTypes: ['application/x-www-form-urlencoded', 'application/json'],
  // Anything but 200/204 makes Vonage resend for 24 hours.
  acknowledgement: () => PLAIN_OK,
};
